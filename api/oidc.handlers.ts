import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { recordAudit } from '../store/index.js';
import type { AuthDeps } from './auth.deps.js';
import {
  explainOidcFailure,
  oidcConfiguration,
  userFromClaims,
  verifiedClaims,
  type OidcSettings,
} from './oidc.client.js';
import type { AuthEnv } from './principal.js';
import { problem } from './problem.js';
import { clientAddress, isSecureRequest } from './request-info.js';
import { localPath, startSession } from './session.js';

/** The cookie that carries one sign-in's state, nonce and PKCE verifier from start to callback (10 minutes). */
export const OIDC_FLOW_COOKIE = 'duyet_oidc';
const FLOW_SECONDS = 600;

const Flow = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), next: z.string() });
type Flow = z.infer<typeof Flow>;

const prefixFor = (c: Context, deps: AuthDeps) => (isSecureRequest(c, deps) ? ('host' as const) : undefined);

function readFlow(c: Context, deps: AuthDeps): Flow | undefined {
  const raw = getCookie(c, OIDC_FLOW_COOKIE, prefixFor(c, deps));
  if (!raw) return undefined;
  try {
    const parsed = Flow.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The handlers of `GET /auth/oidc/start` and `GET /auth/oidc/callback` for one provider. */
export function oidcHandlers(deps: AuthDeps, settings: OidcSettings) {
  const discovered = oidcConfiguration(settings);
  /** The provider's configuration, or a 503 naming the provider when it cannot be reached. */
  const configuration = async (c: Context) => {
    try {
      return { success: true as const, data: await discovered() };
    } catch (err) {
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      return {
        success: false as const,
        error: problem(
          c,
          503,
          `the OpenID Connect provider at ${settings.issuer} cannot be reached (${reason}); check DUYET_OIDC_ISSUER or sign in with a password`,
        ),
      };
    }
  };

  /** Sends the browser to the provider with a fresh state, nonce and PKCE challenge, kept in a short cookie. */
  async function start(c: Context<AuthEnv>) {
    const discovery = await configuration(c);
    if (!discovery.success) return discovery.error;
    const config = discovery.data;
    const flow: Flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      next: localPath(c.req.query('next')),
    };
    const secure = isSecureRequest(c, deps);
    setCookie(c, OIDC_FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      maxAge: FLOW_SECONDS,
      prefix: prefixFor(c, deps),
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return c.redirect(url.href, 302);
  }

  /** Exchanges the code, checks the ID token and maps its claims to a directory user, then starts a session. */
  async function callback(c: Context<AuthEnv>) {
    const flow = readFlow(c, deps);
    deleteCookie(c, OIDC_FLOW_COOKIE, { path: '/', secure: isSecureRequest(c, deps), prefix: prefixFor(c, deps) });
    const address = clientAddress(c, deps);
    const refuse = async (status: 400 | 401 | 403, reason: string, message: string, actor?: string) => {
      await recordAudit(deps.db, {
        kind: 'sign-in',
        outcome: 'refused',
        actor: actor ?? null,
        address,
        at: deps.now(),
        detail: { method: 'oidc', reason, message },
      });
      return problem(c, status, message);
    };
    if (!flow) {
      return refuse(
        400,
        'no-flow',
        'no sign-in in progress in this browser (it took over 10 minutes, or began elsewhere); start again at GET /auth/oidc/start',
      );
    }
    const discovery = await configuration(c);
    if (!discovery.success) return discovery.error;
    const config = discovery.data;
    let claims: Record<string, unknown>;
    try {
      claims = await verifiedClaims(config, settings, c.req.url, flow);
    } catch (err) {
      const { reason, message } = explainOidcFailure(err);
      return refuse(401, reason, message);
    }
    const user = userFromClaims(claims, settings.userClaim, deps.users);
    if (!user.success) return refuse(403, 'unknown-user', user.error, String(claims[settings.userClaim] ?? claims.sub));
    await startSession(c, deps, user.data);
    await recordAudit(deps.db, {
      kind: 'sign-in',
      outcome: 'allowed',
      actor: user.data.id,
      address,
      at: deps.now(),
      detail: { method: 'oidc', subject: claims.sub },
    });
    return c.redirect(flow.next, 303);
  }

  return { start, callback };
}
