import type { Context, MiddlewareHandler } from 'hono';
import { recordAudit } from '../store/index.js';
import type { AuthDeps } from './auth.deps.js';
import type { AuthEnv } from './principal.js';
import { problem } from './problem.js';
import { clientAddress, ownOrigin, type RequestTrust } from './request-info.js';
import { isCsrfToken } from './session.cookie.js';

/** The header and the form field that carry the synchronizer token. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Why a browser request comes from another site, or null when nothing says so: `Sec-Fetch-Site` other than
 * same-origin, or an `Origin` other than duyet's own. Clients that send neither (curl) are judged by the token.
 */
export function crossSiteReason(c: Context, trust: RequestTrust): string | null {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin') return `the browser says the request came from a ${site} page`;
  const origin = c.req.header('origin');
  const own = ownOrigin(c, trust);
  if (origin && origin !== own) return `the request came from ${origin}, not from ${own}`;
  return null;
}

async function sentToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  // Hono caches the parsed body, so the handler can still read it.
  const field = (await c.req.parseBody())[CSRF_FIELD];
  return typeof field === 'string' ? field : undefined;
}

/**
 * Guards state-changing requests of cookie sessions: they must come from duyet's own origin (Fetch Metadata and
 * Origin) and carry the session's synchronizer token in `X-CSRF-Token` or the `_csrf` field; otherwise 403,
 * audited. Safe methods, bearer-token requests and unauthenticated ones pass untouched.
 */
export function csrfProtection(deps: AuthDeps): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (SAFE_METHODS.has(c.req.method) || principal?.via !== 'session' || !principal.session) return next();
    const crossSite = crossSiteReason(c, deps);
    const reason =
      crossSite ??
      (isCsrfToken(principal.session.csrfSecret, await sentToken(c))
        ? null
        : `expected the session's CSRF token in the ${CSRF_HEADER} header or the ${CSRF_FIELD} form field (GET /auth/session gives it)`);
    if (!reason) return next();
    await recordAudit(deps.db, {
      kind: 'request.refused',
      outcome: 'csrf',
      actor: principal.user.id,
      address: clientAddress(c, deps),
      at: deps.now(),
      detail: { method: c.req.method, path: c.req.path, reason },
    });
    return problem(c, 403, `cross-site request refused: ${reason}`);
  };
}
