import type { Context } from 'hono';
import type { CalendarTable } from '../calendar/index.js';
import type { User } from '../directory/directory.js';
import type { Unit } from '../directory/units.js';
import type { Lang, Messages } from './messages.js';

/** What the pages are built from: duyet's own HTTP API (called in process), the working-day table and the clock. */
export interface WebDeps {
  /** The app's own `fetch`: every read and decision goes through the API, its sessions, CSRF checks and audit. */
  api: (request: Request) => Promise<Response>;
  /** The working-day table of the given years (weekends, holidays and announced days). */
  calendar: (years: number[]) => CalendarTable;
  /** Whether sign-in with the organisation's OpenID Connect provider is configured. */
  oidc: boolean;
  /** The user directory: names to show and who may take a reassigned stage. */
  directory: () => readonly User[];
  /** The unit directory, to name the units a user acts for; without it a unit is shown by its id. */
  units?: () => readonly Unit[];
  now: () => Date;
}

/** The signed-in user as `GET /auth/session` tells it. */
export interface SessionUser {
  user: { id: string; name: string; email: string; roles: string[] };
  csrfToken: string;
  absoluteExpiresAt: string;
}

/** The Hono environment of the pages: the language, its messages and, once known, the session. */
export interface WebEnv {
  Variables: { lang: Lang; m: Messages; session: SessionUser; inboxCount: number };
}

/** A page's context. */
export type WebContext = Context<WebEnv>;

/** An RFC 9457 problem's detail, or the status line when the body is not one. */
export async function problemDetail(response: Response): Promise<string> {
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { detail?: unknown } | undefined;
  return typeof body?.detail === 'string' ? body.detail : `HTTP ${response.status} ${response.statusText}`;
}

/**
 * Calls the API in process as the browser that made this request: its cookies, origin and Fetch Metadata are passed
 * on (the API judges CSRF by them), and a CSRF token when a form sent one.
 */
export function callApi(
  deps: WebDeps,
  c: WebContext,
  path: string,
  init: { method?: string; json?: unknown; form?: Record<string, string>; multipart?: FormData; csrf?: string } = {},
): Promise<Response> {
  const headers = new Headers({ accept: 'application/json' });
  for (const name of ['cookie', 'origin', 'sec-fetch-site', 'user-agent', 'x-forwarded-for', 'x-forwarded-proto']) {
    const value = c.req.header(name);
    if (value !== undefined) headers.set(name, value);
  }
  if (init.csrf) headers.set('x-csrf-token', init.csrf);
  let body: string | FormData | undefined;
  if (init.multipart) {
    body = init.multipart;
  } else if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(init.form).toString();
  }
  const url = new URL(path, c.req.url);
  return deps.api(new Request(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' }));
}

/** Copies the API's Set-Cookie lines (a new session, a cleared one) onto the page's response. */
export function passCookies(from: Response, c: WebContext): void {
  for (const line of from.headers.getSetCookie()) c.header('set-cookie', line, { append: true });
}

/**
 * The value of `work`, or undefined when it fails or takes longer than the given seconds: a page that reads each
 * dossier's status (a query its worker answers) shows the row as listed rather than wait on a dossier whose worker is down.
 */
export function withinSeconds<T>(seconds: number, work: () => Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), seconds * 1000)));
  return Promise.race([work().catch(() => undefined), late]).finally(() => clearTimeout(timer));
}
