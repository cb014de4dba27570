import { Hono } from 'hono';
import {
  callApi,
  passCookies,
  problemDetail,
  type SessionUser,
  type WebContext,
  type WebDeps,
  type WebEnv,
} from './deps.js';
import { frameOf } from './frame.js';
import { chooseLanguage } from './lang.js';
import { dossierRoutes } from './dossier.routes.js';
import { startRoutes } from './start.routes.js';
import { supervisionRoutes } from './supervision.routes.js';
import { calendarRoutes } from './calendar.routes.js';
import { programmeRoutes } from './programmes.routes.js';
import { delegationRoutes } from './delegation.routes.js';
import { delegationRecordRoutes } from './delegation-records.routes.js';
import { delegationScript } from './delegation-script.js';
import { inboxRoutes, inboxRows } from './inbox.routes.js';
import { MePage } from './pages/me.js';
import { SignInPage } from './pages/sign-in.js';
import { styleSheet } from './style.js';
import { processById, processIds } from '../client/processes.js';

/** A path on this site to go to after sign-in, else the inbox (pure). */
export const localNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : '/inbox';

/** Every role's name in the page's language, from the shipped processes' definitions (pure). */
export function roleNames(lang: 'vi' | 'en'): Record<string, string> {
  const names: Record<string, string> = {};
  for (const id of processIds())
    for (const [role, title] of Object.entries(processById(id).compiled.definition.roles)) names[role] = title[lang];
  return names;
}

/** The pages that need a signed-in user; a new page adds its paths here and its routes below. */
const signedInPaths = [
  '/me',
  '/inbox',
  '/dossiers/*',
  '/start',
  '/start/*',
  '/supervision',
  '/supervision.csv',
  '/supervision.xlsx',
  '/calendar',
  '/programmes',
  '/programmes/*',
  '/delegations/*',
];

/** Reads the session through the API; a page without one sends the browser to the sign-in page. */
function requireSession(deps: WebDeps) {
  return async (c: WebContext, next: () => Promise<void>) => {
    const response = await callApi(deps, c, '/auth/session');
    if (response.status !== 200) {
      passCookies(response, c);
      const url = new URL(c.req.url);
      return c.redirect(`/sign-in?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, 303);
    }
    c.set('session', (await response.json()) as SessionUser);
    c.set('inboxCount', (await inboxRows(deps, c, {})).length);
    await next();
  };
}

/** The sign-in and sign-out pages: they hand the form to `/auth` and pass its cookies on. */
function signInRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/sign-in', (c) =>
    c.html(<SignInPage {...frameOf(c)} next={localNext(c.req.query('next'))} oidc={deps.oidc} />),
  );
  app.post('/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const next = localNext(field('next'));
    const response = await callApi(deps, c, '/auth/sign-in', {
      method: 'POST',
      form: { userId: field('userId'), password: field('password'), next },
    });
    if (response.status === 303 || response.status === 200) {
      passCookies(response, c);
      return c.redirect(next, 303);
    }
    const m = c.get('m');
    const error = response.status === 401 ? m.signInFailed : await problemDetail(response);
    const status = response.status === 429 ? 429 : response.status === 403 ? 403 : 401;
    return c.html(
      <SignInPage {...frameOf(c)} next={next} oidc={deps.oidc} error={error} userId={field('userId')} />,
      status,
    );
  });
  app.post('/sign-out', async (c) => {
    const form = await c.req.parseBody();
    const csrf = typeof form._csrf === 'string' ? form._csrf : '';
    const response = await callApi(deps, c, '/auth/sign-out', { method: 'POST', csrf });
    passCookies(response, c);
    if (response.status >= 400) return c.text(await problemDetail(response), response.status as 403);
    return c.redirect('/sign-in', 303);
  });
  return app;
}

/**
 * The web app: sign-in, who I am, the inbox and the dossier pages, served beside the API on the same origin. Every
 * read and decision goes through the API in process, with the browser's own session and CSRF token.
 */
export function webApp(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/assets/duyet.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(styleSheet);
  });
  app.get('/assets/delegation.js', (c) => {
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(delegationScript);
  });
  app.use('*', chooseLanguage);
  app.route('/', signInRoutes(deps));
  const signedIn = requireSession(deps);
  app.use('/', signedIn);
  for (const path of signedInPaths) app.use(path, signedIn);
  app.get('/', (c) => c.redirect('/inbox', 303));
  app.get('/me', (c) => c.html(<MePage {...frameOf(c)} roleNames={roleNames(c.get('lang'))} />));
  app.route('/', inboxRoutes(deps));
  app.route('/', dossierRoutes(deps));
  app.route('/', startRoutes(deps));
  app.route('/', supervisionRoutes(deps));
  app.route('/', calendarRoutes(deps));
  app.route('/', programmeRoutes(deps));
  app.route('/', delegationRoutes(deps));
  app.route('/', delegationRecordRoutes(deps));
  return app;
}
