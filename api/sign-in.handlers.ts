import type { Context } from 'hono';
import { z } from 'zod';
import { recordAudit, revokeSession, signIn } from '../store/index.js';
import type { AuthDeps } from './auth.deps.js';
import { crossSiteReason } from './csrf.middleware.js';
import type { AuthEnv } from './principal.js';
import { problem } from './problem.js';
import { clientAddress } from './request-info.js';
import { localPath, sessionView, startSession } from './session.js';
import { clearSessionCookie } from './session.cookie.js';

/** The sign-in form or JSON body: a directory user id and its password, and where a form goes after. */
export const SignInBody = z.object({
  userId: z.string().trim().min(1, 'expected a user id, e.g. pham.minh').max(200),
  password: z.string().min(1, 'expected the password').max(1024),
  next: z.string().optional(),
});

const isForm = (c: Context) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header('content-type') ?? '');

async function readBody(c: Context): Promise<unknown> {
  if (isForm(c)) return c.req.parseBody();
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

/**
 * `POST /auth/sign-in`: checks the password against the store (throttled per account and address, audited)
 * and starts a session. JSON gets 200 with the session view; a form gets 303 to its `next` path.
 */
export function signInHandler(deps: AuthDeps) {
  return async (c: Context<AuthEnv>) => {
    const crossSite = crossSiteReason(c, deps);
    if (crossSite) return problem(c, 403, `cross-site sign-in refused: ${crossSite}`);
    const raw = await readBody(c);
    if (raw === undefined) return problem(c, 400, 'expected a JSON or form body with userId and password');
    const body = SignInBody.safeParse(raw);
    if (!body.success) {
      const issues = body.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
      return problem(c, 422, `the sign-in body does not match: ${z.prettifyError(body.error)}`, { issues });
    }
    const { userId, password } = body.data;
    const address = clientAddress(c, deps);
    const result = await signIn(deps.db, { userId, address, password, now: deps.now() }, deps.throttle);
    if (!result.success && result.error.reason === 'throttled') {
      c.header('Retry-After', String(result.error.retryAfterSeconds));
      return problem(
        c,
        429,
        `too many failed sign-ins for this account or from this address; try again in ${result.error.retryAfterSeconds} s`,
      );
    }
    if (!result.success) return problem(c, 401, 'the user id or the password is wrong');
    const user = deps.users.find((u) => u.id === userId);
    if (!user) {
      await recordAudit(deps.db, { kind: 'sign-in', outcome: 'unknown-user', actor: userId, address, at: deps.now() });
      return problem(c, 403, `"${userId}" has an account but is not in the user directory; ask an administrator`);
    }
    const view = await startSession(c, deps, user);
    return isForm(c) ? c.redirect(localPath(body.data.next), 303) : c.json(view, 200);
  };
}

/** `POST /auth/sign-out` (behind CSRF protection): ends the session on the server and drops the cookie; 204. */
export function signOutHandler(deps: AuthDeps) {
  return async (c: Context<AuthEnv>) => {
    const principal = c.get('principal');
    if (principal?.via === 'session' && principal.session) {
      await revokeSession(deps.db, principal.session.id, deps.now());
      await recordAudit(deps.db, {
        kind: 'sign-out',
        outcome: 'allowed',
        actor: principal.user.id,
        address: clientAddress(c, deps),
        at: deps.now(),
      });
    }
    clearSessionCookie(c, deps);
    return c.body(null, 204);
  };
}

/** `GET /auth/session`: the current session's user, CSRF token and expiries; 401 without a session. */
export function sessionHandler() {
  return (c: Context<AuthEnv>) => {
    const principal = c.get('principal');
    if (principal?.via !== 'session' || !principal.session) {
      return problem(c, 401, 'expected a session cookie; sign in at POST /auth/sign-in or GET /auth/oidc/start');
    }
    return c.json(sessionView(principal.user, principal.session), 200);
  };
}
