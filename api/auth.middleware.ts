import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { recordAudit, verifyToken } from '../store/index.js';
import { problem } from './problem.js';
import type { AppEnv, Principal } from './types.js';

/** What one authenticator makes of a request: no credentials of its kind, refused ones, or a principal. */
export type AuthOutcome =
  | { kind: 'absent' }
  | { kind: 'refused'; detail: string; status?: ContentfulStatusCode }
  | { kind: 'authenticated'; principal: Principal };

/**
 * Reads one kind of credentials (a bearer token, a session cookie). Authenticators are tried in order; the first
 * that does not answer `absent` decides. Browser sessions plug in here, with their CSRF check.
 */
export type Authenticator = (c: Context<AppEnv>) => Promise<AuthOutcome>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Accepts `Authorization: Bearer <token>` through the store's `verifyToken` (each use audited); revoked or expired is refused. */
export const bearerAuthenticator: Authenticator = async (c) => {
  const header = c.req.header('authorization');
  if (header === undefined) return { kind: 'absent' };
  const match = BEARER.exec(header);
  if (!match) return { kind: 'refused', detail: 'expected the header "Authorization: Bearer <token>"' };
  const { db, directory } = c.var.deps;
  const verified = await verifyToken(db, match[1]!, { address: c.var.address });
  if (!verified.success) {
    const why = { unknown: 'is not known', revoked: 'has been revoked', expired: 'has expired' }[verified.error];
    return {
      kind: 'refused',
      detail: `the bearer token ${why}; create a new one with "duyet tokens create --user ID --name NAME"`,
    };
  }
  const user = directory().find((u) => u.id === verified.data.userId);
  if (!user)
    return {
      kind: 'refused',
      detail: `the token's user "${verified.data.userId}" is not in the directory; ask an operator to add them or revoke the token`,
    };
  return { kind: 'authenticated', principal: { user, via: 'token', credentialId: verified.data.tokenId } };
};

/**
 * Lets a request through only with credentials one of the authenticators accepts, and sets `principal`; anything
 * else is a 401 problem (or the status the authenticator names), audited as `request.refused`.
 */
export function requireAuth(authenticators: readonly Authenticator[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const authenticate of authenticators) {
      const outcome = await authenticate(c);
      if (outcome.kind === 'absent') continue;
      if (outcome.kind === 'refused') return refuse(c, outcome.status ?? 401, outcome.detail);
      c.set('principal', outcome.principal);
      return next();
    }
    return refuse(c, 401, 'expected credentials: the header "Authorization: Bearer <token>" or a signed-in session');
  };
}

async function refuse(c: Context<AppEnv>, status: ContentfulStatusCode, detail: string) {
  await recordAudit(c.var.deps.db, {
    kind: 'request.refused',
    outcome: String(status),
    address: c.var.address ?? null,
    detail: { method: c.req.method, path: c.req.path, reason: detail },
  });
  const response = problem(c, status, detail);
  if (status === 401) response.headers.set('www-authenticate', 'Bearer realm="duyet"');
  return response;
}
