import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DRAFT_FILE_LIMIT } from '../client/draft-files.js';
import { formatBytes, limits } from '../client/limits.js';
import { recordAudit } from '../store/index.js';
import { bearerAuthenticator, requireAuth, type Authenticator } from './auth.middleware.js';
import { describeAuthRoutes } from './auth.openapi.js';
import { authDepsOf, csrfOf, mountBrowser, sessionAuthenticator } from './browser.js';
import { calendarRouter } from './calendar.index.js';
import { delegationsRouter } from './delegations.index.js';
import { dossiersRouter } from './dossiers.index.js';
import { filesRouter } from './files.index.js';
import { healthRouter } from './health.js';
import { meRouter } from './me.index.js';
import { plansRouter } from './plans.index.js';
import { processesRouter } from './processes.index.js';
import { programmesRouter } from './programmes.index.js';
import { problem, toProblem } from './problem.js';
import { referencePage } from './reference.js';
import { clientAddress } from './request-info.js';
import { createRouter } from './router.js';
import type { ApiDeps, AppEnv } from './types.js';

/** How the app is put together beyond its dependencies. */
export interface AppOptions {
  /** The credentials accepted on /api, tried in order; bearer tokens unless told (the web app adds sessions). */
  authenticators?: readonly Authenticator[];
}

/** The OpenAPI document's head. */
const info = { title: 'duyet API', version: '0.1.0', description: 'Multi-stage approval processes over HTTP' };

/** Writes every refusal under /api (but 401s, which authentication audits) to the audit log. */
const auditRefusals: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const status = c.res.status;
  if (status < 400 || status === 401 || status >= 500) return;
  const detail = await c.res
    .clone()
    .json()
    .then((p) => (p as { detail?: string }).detail)
    .catch(() => undefined);
  const decision = c.get('decision');
  await recordAudit(c.var.deps.db, {
    kind: decision ? 'decision.refused' : 'request.refused',
    outcome: String(status),
    actor: c.get('principal')?.user.id ?? null,
    subject: decision?.workflowId ?? null,
    address: c.var.address ?? null,
    detail: { method: c.req.method, path: c.req.path, reason: detail, ...(decision ?? {}) },
  }).catch((err: unknown) => console.error('duyet api: cannot audit a refusal', err));
};

/** Builds the HTTP API over the given Temporal client, store, directory and config; nothing listens yet. */
export function createApp(deps: ApiDeps, options: AppOptions = {}) {
  const app = createRouter();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('address', clientAddress(c, { trustProxy: deps.config.auth.trustProxy }));
    await next();
  });
  const auth = authDepsOf(deps);
  app.use('/api/*', requireAuth(options.authenticators ?? [bearerAuthenticator, sessionAuthenticator(auth)]));
  app.use('/api/*', csrfOf(auth));
  app.use('/api/*', auditRefusals);
  const limitOf = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        const refused = problem(c, 413, `the request body is over its limit of ${formatBytes(maxSize)}; send less`);
        // The rest of the body is not read, so the connection cannot carry another request: say so, or a client
        // would send its next request on a socket the server is closing.
        refused.headers.set('connection', 'close');
        return refused;
      },
    });
  const requestLimit = limitOf(limits.request);
  // A draft file may be larger than any other request; its own limit is checked again on its content.
  const uploadLimit = limitOf(DRAFT_FILE_LIMIT + 64 * 1024);
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && /^\/api\/dossiers\/[^/]+\/files$/.test(c.req.path)
      ? uploadLimit(c, next)
      : requestLimit(c, next),
  );

  const routes = app
    .route('/', healthRouter)
    .route('/', meRouter)
    .route('/', dossiersRouter)
    .route('/', filesRouter)
    .route('/', processesRouter)
    .route('/', delegationsRouter)
    .route('/', calendarRouter)
    .route('/', plansRouter)
    .route('/', programmesRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token from `duyet tokens create --user ID --name NAME`',
  });
  describeAuthRoutes(app);
  app.doc31('/openapi.json', { openapi: '3.1.0', info });
  app.get('/docs', (c) =>
    c.html(referencePage(app.getOpenAPI31Document({ openapi: '3.1.0', info }) as Parameters<typeof referencePage>[0])),
  );
  mountBrowser(app as unknown as Hono, deps, auth);
  app.notFound((c) => problem(c, 404, `no route ${c.req.method} ${c.req.path}; see /docs for the API's routes`));
  app.onError(toProblem);
  return routes;
}

/** The app's type, for typed clients (`hono/client`). */
export type App = ReturnType<typeof createApp>;
