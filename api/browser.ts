import type { Hono, MiddlewareHandler } from 'hono';
import { webApp } from '../web/app.js';
import { webDepsFrom } from '../web/deps-from.js';
import { authDepsFrom, type AuthDeps } from './auth.deps.js';
import type { Authenticator } from './auth.middleware.js';
import { authApp } from './auth.index.js';
import { csrfProtection } from './csrf.middleware.js';
import { authenticateSession } from './session.middleware.js';
import type { ApiDeps } from './types.js';

/** The sign-in side's dependencies over the API's store, directory and configuration. */
export const authDepsOf = (deps: ApiDeps): AuthDeps => authDepsFrom(deps.config, deps.db, deps.directory());

/** Browser sessions as an authenticator of `/api`: the session cookie, tried after bearer tokens. */
export function sessionAuthenticator(auth: AuthDeps): Authenticator {
  return async (c) => {
    const outcome = await authenticateSession(c, auth);
    return outcome.kind === 'refused' ? { kind: 'refused', detail: outcome.detail } : outcome;
  };
}

/** The CSRF guard of cookie sessions, for `/api/*` after authentication (bearer requests pass untouched). */
export const csrfOf = (auth: AuthDeps) => csrfProtection(auth) as unknown as MiddlewareHandler;

/**
 * Mounts what browsers use on the same origin: the sign-in routes at `/auth` and the web pages at `/`, which
 * reach the API through the app's own fetch.
 */
export function mountBrowser(app: Hono, deps: ApiDeps, auth: AuthDeps): void {
  app.route('/auth', authApp(auth) as unknown as Hono);
  app.route(
    '/',
    webApp(webDepsFrom(deps.config, deps.directory, async (request) => app.fetch(request))) as unknown as Hono,
  );
}
