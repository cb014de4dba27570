import { Hono } from 'hono';
import type { AuthDeps } from './auth.deps.js';
import { csrfProtection } from './csrf.middleware.js';
import { oidcHandlers } from './oidc.handlers.js';
import type { AuthEnv } from './principal.js';
import { problem } from './problem.js';
import { sessionAuth } from './session.middleware.js';
import { sessionHandler, signInHandler, signOutHandler } from './sign-in.handlers.js';

/**
 * The sign-in routes, to mount at `/auth`: `POST /sign-in`, `POST /sign-out`, `GET /session`, and with an
 * OpenID Connect provider configured `GET /oidc/start` and `GET /oidc/callback`.
 */
export function authApp(deps: AuthDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.post('/sign-in', signInHandler(deps));
  app.use('/sign-out', sessionAuth(deps), csrfProtection(deps));
  app.post('/sign-out', signOutHandler(deps));
  app.use('/session', sessionAuth(deps));
  app.get('/session', sessionHandler());
  if (deps.oidc) {
    const { start, callback } = oidcHandlers(deps, deps.oidc);
    app.get('/oidc/start', start);
    app.get('/oidc/callback', callback);
  } else {
    app.get('/oidc/*', (c) =>
      problem(
        c,
        404,
        'sign-in with an OpenID Connect provider is not configured; set DUYET_OIDC_ISSUER and its companions',
      ),
    );
  }
  return app;
}
