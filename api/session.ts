import type { Context } from 'hono';
import type { User } from '../directory/directory.js';
import { createSession, revokeSession } from '../store/index.js';
import type { AuthDeps } from './auth.deps.js';
import { publicUser, type Principal } from './principal.js';
import { clientAddress } from './request-info.js';
import { csrfTokenFor, readSessionCookie, setSessionCookie } from './session.cookie.js';

/** What a browser learns about its session: who it is, the CSRF token to send back, and when it ends; pure. */
export function sessionView(user: User, session: NonNullable<Principal['session']>) {
  return {
    user: publicUser(user),
    csrfToken: csrfTokenFor(session.csrfSecret),
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
}

/**
 * Starts a session for a signed-in user with a fresh id (a session the browser already had is ended, so an id
 * planted before sign-in is worth nothing), sets its cookie, and returns the view of it.
 */
export async function startSession(c: Context, deps: AuthDeps, user: User) {
  const previous = readSessionCookie(c, deps);
  if (previous) await revokeSession(deps.db, previous, deps.now());
  const { id, session } = await createSession(deps.db, user.id, {
    lifetime: deps.lifetime,
    address: clientAddress(c, deps),
    now: deps.now(),
  });
  setSessionCookie(c, deps, id, session.absoluteExpiresAt);
  return sessionView(user, { id, ...session });
}

/**
 * Where to send a browser after sign-in: a path on this site (`/...`, not `//host` nor `/\host`), else `/`;
 * pure.
 */
export const localPath = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : '/';
