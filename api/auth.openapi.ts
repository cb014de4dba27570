import { z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { CSRF_FIELD, CSRF_HEADER } from './csrf.middleware.js';
import { Me } from './me.routes.js';
import { Problem, PROBLEM_TYPE } from './problem.js';
import { SESSION_COOKIE } from './session.cookie.js';

const tags = ['Sign-in'];

/** What `POST /auth/sign-in` takes, as JSON or as a form. */
const SignIn = z
  .object({
    userId: z.string().min(1).max(200).openapi({ example: 'pham.minh' }),
    password: z.string().min(1).max(1024),
    next: z.string().optional().openapi({ description: 'with a form: the local path to go to after, e.g. /inbox' }),
  })
  .openapi('SignIn');

/** A session as the browser learns it. */
const Session = z
  .object({
    user: Me.omit({ via: true, unit: true }),
    csrfToken: z.string().openapi({ description: `send it back in \`${CSRF_HEADER}\` or the \`${CSRF_FIELD}\` field` }),
    idleExpiresAt: z.string().openapi({ example: '2027-09-02T10:30:00.000Z' }),
    absoluteExpiresAt: z.string(),
  })
  .openapi('Session');

const problem = (description: string) => ({ content: { [PROBLEM_TYPE]: { schema: Problem } }, description });
const redirect = (description: string) => ({
  description,
  headers: { location: { schema: { type: 'string' as const }, description: 'where the browser goes' } },
});
const sessionCookie = {
  'set-cookie': {
    schema: { type: 'string' as const },
    description: `\`${SESSION_COOKIE}\`: HttpOnly, SameSite=Lax, Secure over TLS (\`__Host-\` prefixed)`,
  },
};
const cookieAuth = [{ session: [] }];

/** The sign-in routes mounted at /auth (plain Hono handlers), described for the OpenAPI document (pure data). */
export const authRoutes: RouteConfig[] = [
  {
    method: 'post',
    path: '/auth/sign-in',
    tags,
    summary: 'Sign in with a local account',
    description:
      'Checks the password (failed attempts are slowed per account and address) and starts a session with a fresh ' +
      'id. A JSON body gets the session; a form gets a redirect to its `next` path.',
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: SignIn }, 'application/x-www-form-urlencoded': { schema: SignIn } },
      },
    },
    responses: {
      200: { content: { 'application/json': { schema: Session } }, description: 'Signed in', headers: sessionCookie },
      303: { ...redirect('Signed in from a form: on to `next`'), headers: { ...sessionCookie } },
      400: problem('No JSON or form body'),
      401: problem('The user id or the password is wrong'),
      403: problem('A cross-site request, or an account the user directory does not know'),
      422: problem('The body does not match; `issues` names each problem'),
      429: problem('Too many failed sign-ins for this account or from this address; see Retry-After'),
    },
  },
  {
    method: 'post',
    path: '/auth/sign-out',
    tags,
    summary: 'Sign out',
    description: `Ends the session on the server and drops its cookie; needs the CSRF token in \`${CSRF_HEADER}\`.`,
    security: cookieAuth,
    responses: {
      204: { description: 'Signed out (also when there was no session)' },
      403: problem('No or a wrong CSRF token, or a cross-site request'),
    },
  },
  {
    method: 'get',
    path: '/auth/session',
    tags,
    summary: 'The current session',
    security: cookieAuth,
    responses: {
      200: {
        content: { 'application/json': { schema: Session } },
        description: 'The signed-in user and the CSRF token',
      },
      401: problem('No session, or one that ended'),
    },
  },
  {
    method: 'get',
    path: '/auth/oidc/start',
    tags,
    summary: 'Sign in with the organisation’s OpenID Connect provider',
    description: 'Sends the browser to the provider (authorization code with PKCE); `next` is where it returns to.',
    request: { query: z.object({ next: z.string().optional() }) },
    responses: {
      302: redirect('To the provider'),
      404: problem('No OpenID Connect provider is configured'),
      503: problem('The provider does not answer; the detail names it'),
    },
  },
  {
    method: 'get',
    path: '/auth/oidc/callback',
    tags,
    summary: 'Where the provider sends the browser back',
    description: 'Exchanges the code, checks the ID token, maps its claims to a directory user and starts a session.',
    request: { query: z.object({ code: z.string().optional(), state: z.string().optional() }) },
    responses: {
      303: { ...redirect('Signed in: on to the `next` path of the start'), headers: { ...sessionCookie } },
      400: problem('No sign-in in progress in this browser'),
      401: problem('The provider’s answer does not check out (state, audience, expiry, signature)'),
      403: problem('The provider’s user is not in the user directory'),
      404: problem('No OpenID Connect provider is configured'),
      503: problem('The provider does not answer; the detail names it'),
    },
  },
];

/** Puts the sign-in routes and the session cookie's security scheme in an app's OpenAPI document. */
export function describeAuthRoutes(app: Pick<OpenAPIHono, 'openAPIRegistry'>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `A browser session from POST /auth/sign-in; state-changing requests also send \`${CSRF_HEADER}\``,
  });
  for (const route of authRoutes) app.openAPIRegistry.registerPath(route);
}
