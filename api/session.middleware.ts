import type { Context, MiddlewareHandler } from 'hono';
import { recordAudit, secretHash, touchSession } from '../store/index.js';
import type { AuthDeps } from './auth.deps.js';
import type { AuthEnv, Principal } from './principal.js';
import { problem } from './problem.js';
import { clientAddress } from './request-info.js';
import { clearSessionCookie, readSessionCookie } from './session.cookie.js';

/** What the session cookie makes of a request: none sent, refused (and cleared), or a principal. */
export type SessionOutcome =
  | { kind: 'absent' }
  | { kind: 'refused'; detail: string; reason: string }
  | { kind: 'authenticated'; principal: Principal };

const refusals = {
  unknown: 'the session cookie names no session (forged, or from another server)',
  expired: 'the session has expired',
  revoked: 'the session was ended by signing out',
} as const;

const SIGN_IN_AGAIN = 'sign in again at POST /auth/sign-in or GET /auth/oidc/start';

/**
 * Reads the session cookie: a live session slides its idle expiry and gives the principal (with what CSRF
 * checks and sign-out need); a forged, expired, ended or orphaned one is refused and the cookie cleared. An
 * authenticator in the API's sense: the caller audits refusals.
 */
export async function authenticateSession(c: Context, deps: AuthDeps): Promise<SessionOutcome> {
  const id = readSessionCookie(c, deps);
  if (!id) return { kind: 'absent' };
  const touched = await touchSession(deps.db, id, { lifetime: deps.lifetime, now: deps.now() });
  const user = touched.success ? deps.users.find((u) => u.id === touched.data.userId) : undefined;
  if (!touched.success || !user) {
    clearSessionCookie(c, deps);
    const reason = touched.success ? 'unknown-user' : `session-${touched.error}`;
    const why = touched.success
      ? `the session's user "${touched.data.userId}" is no longer in the directory`
      : refusals[touched.error];
    return { kind: 'refused', reason, detail: `${why}; ${SIGN_IN_AGAIN}` };
  }
  const { csrfSecret, idleExpiresAt, absoluteExpiresAt } = touched.data;
  return {
    kind: 'authenticated',
    principal: {
      user,
      via: 'session',
      credentialId: `ses_${secretHash(id).slice(0, 16)}`,
      session: { id, csrfSecret, idleExpiresAt, absoluteExpiresAt },
    },
  };
}

/**
 * Authenticates by the session cookie when no earlier middleware has: a live session sets the principal; a
 * refused one is a 401 that clears the cookie and is audited. Without a cookie it passes on, so the route's own
 * check answers 401.
 */
export function sessionAuth(deps: AuthDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.get('principal')) return next();
    const outcome = await authenticateSession(c, deps);
    if (outcome.kind === 'authenticated') c.set('principal', outcome.principal);
    if (outcome.kind !== 'refused') return next();
    await recordAudit(deps.db, {
      kind: 'request.refused',
      outcome: outcome.reason,
      address: clientAddress(c, deps),
      at: deps.now(),
      detail: { method: c.req.method, path: c.req.path, reason: outcome.detail },
    });
    return problem(c, 401, outcome.detail);
  };
}

/** Answers 401 unless an earlier middleware authenticated the caller (by token or session). */
export const requirePrincipal: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (c.get('principal')) return next();
  return problem(
    c,
    401,
    'expected credentials: an "Authorization: Bearer duyet_..." token (duyet tokens create) or a session cookie from POST /auth/sign-in',
  );
};
