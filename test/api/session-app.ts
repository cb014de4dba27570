import { serve, type ServerType } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { authApp } from '../../api/auth.index.js';
import type { AuthDeps } from '../../api/auth.deps.js';
import { csrfProtection } from '../../api/csrf.middleware.js';
import { publicUser, type AuthEnv } from '../../api/principal.js';
import { requirePrincipal, sessionAuth } from '../../api/session.middleware.js';
import { loadDirectory } from '../../directory/directory.js';
import { DEFAULT_SESSION_LIFETIME, DEFAULT_THROTTLE, verifyToken, type Queryable } from '../../store/index.js';
import { loadConfig } from '../../temporal.config.js';

/** A clock the test moves; sessions and sign-ins are judged by it. */
export interface TestClock {
  now: Date;
  advance(seconds: number): void;
}

/** A clock starting at `iso`. */
export function testClock(iso: string): TestClock {
  return {
    now: new Date(iso),
    advance(seconds) {
      this.now = new Date(this.now.getTime() + seconds * 1000);
    },
  };
}

/** The auth dependencies over a test store and the demo directory, judged by the test's clock. */
export function testAuthDeps(db: Queryable, clock: TestClock, overrides: Partial<AuthDeps> = {}): AuthDeps {
  return {
    db,
    users: loadDirectory(loadConfig({}).directoryFile),
    lifetime: DEFAULT_SESSION_LIFETIME,
    throttle: DEFAULT_THROTTLE,
    trustProxy: false,
    oidc: undefined,
    now: () => clock.now,
    ...overrides,
  };
}

/** Bearer tokens, as the API checks them, so the tests can send one beside the cookie sessions. */
function bearer(deps: AuthDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token) return next();
    const checked = await verifyToken(deps.db, token, { now: deps.now() });
    const user = checked.success ? deps.users.find((u) => u.id === checked.data.userId) : undefined;
    if (!user || !checked.success) return c.json({ error: 'token refused' }, 401);
    c.set('principal', { user, via: 'token', credentialId: checked.data.tokenId });
    return next();
  };
}

/**
 * The auth routes mounted at /auth on a minimal app, with `GET /api/me` and a state-changing `POST /api/echo`
 * behind the same authentication and CSRF checks as the API.
 */
export function sessionTestApp(deps: AuthDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.route('/auth', authApp(deps));
  app.use('/api/*', bearer(deps), sessionAuth(deps), requirePrincipal, csrfProtection(deps));
  app.get('/api/me', (c) => c.json(publicUser(c.get('principal')!.user)));
  app.post('/api/echo', async (c) => c.json({ by: c.get('principal')!.user.id, via: c.get('principal')!.via }));
  return app;
}

/** Serves an app on loopback (a free port unless told); returns its base URL and how to stop it. */
export async function serveOnLoopback(app: Hono<AuthEnv>, port = 0): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The attributes of a Set-Cookie line, lower-cased names, `name` and `value` first; pure. */
export function parseSetCookie(line: string): Record<string, string> {
  const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
  const eq = pair.indexOf('=');
  const out: Record<string, string> = { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  for (const a of attributes) {
    const i = a.indexOf('=');
    out[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? 'true' : a.slice(i + 1);
  }
  return out;
}
