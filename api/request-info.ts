import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** What the HTTP layer believes about the connection; `trustProxy` decides whether forwarded headers count. */
export interface RequestTrust {
  trustProxy: boolean;
}

/**
 * Whether the request reached duyet over TLS: the URL's scheme (the Node server says https on a TLS socket) or,
 * only when a proxy is trusted, its `X-Forwarded-Proto`.
 */
export function isSecureRequest(c: Context, trust: RequestTrust): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!trust.trustProxy) return false;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/**
 * The client's address for throttling and the audit log: the socket's peer or, behind a trusted proxy, the
 * last address the proxy appended to `X-Forwarded-For`; `unknown` when neither is available.
 */
export function clientAddress(c: Context, trust: RequestTrust): string {
  if (trust.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request in a test): there is no socket to ask.
    return 'unknown';
  }
}

/** The origin the browser used to reach duyet: the request URL's, or the forwarded scheme and host behind a trusted proxy. */
export function ownOrigin(c: Context, trust: RequestTrust): string {
  const url = new URL(c.req.url);
  const scheme = isSecureRequest(c, trust) ? 'https:' : url.protocol;
  const host = (trust.trustProxy && c.req.header('x-forwarded-host')?.split(',')[0]?.trim()) || url.host;
  return `${scheme}//${host}`;
}
