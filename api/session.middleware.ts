import type { MiddlewareHandler } from 'hono';
import { recordAudit, touchSession } from '../store/index.js';
import type { AuthDeps } from './auth.deps.js';
import type { AuthEnv } from './principal.js';
import { problem } from './problem.js';
import { clientAddress } from './request-info.js';
import { clearSessionCookie, readSessionCookie } from './session.cookie.js';

const refusals = {
  unknown: 'the session cookie names no session (forged, or from another server)',
  expired: 'the session has expired',
  revoked: 'the session was ended by signing out',
} as const;

/**
 * Authenticates by the session cookie when no earlier middleware (a bearer token) has: a live session sets the
 * principal and slides its idle expiry; a forged, expired, ended or orphaned one is a 401 that clears the
 * cookie and is audited. Without a cookie it passes on, so the route's own check answers 401.
 */
export function sessionAuth(deps: AuthDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.get('principal')) return next();
    const id = readSessionCookie(c, deps);
    if (!id) return next();
    const touched = await touchSession(deps.db, id, { lifetime: deps.lifetime, now: deps.now() });
    const user = touched.success ? deps.users.find((u) => u.id === touched.data.userId) : undefined;
    if (!touched.success || !user) {
      const reason = touched.success
        ? 'the session belongs to a user no longer in the directory'
        : refusals[touched.error];
      await recordAudit(deps.db, {
        kind: 'request.refused',
        outcome: touched.success ? 'unknown-user' : `session-${touched.error}`,
        actor: touched.success ? touched.data.userId : null,
        address: clientAddress(c, deps),
        at: deps.now(),
        detail: { method: c.req.method, path: c.req.path, reason },
      });
      clearSessionCookie(c, deps);
      return problem(c, 401, `${reason}; sign in again at POST /auth/sign-in or GET /auth/oidc/start`);
    }
    const { csrfSecret, idleExpiresAt, absoluteExpiresAt } = touched.data;
    c.set('principal', { user, via: 'session', session: { id, csrfSecret, idleExpiresAt, absoluteExpiresAt } });
    return next();
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
