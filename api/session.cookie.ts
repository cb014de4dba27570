import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isSecureRequest, type RequestTrust } from './request-info.js';

/**
 * The session cookie's name. Over TLS it carries the `__Host-` prefix, so browsers accept it only when Secure,
 * for path /, without a Domain: no sibling site can plant or widen it.
 */
export const SESSION_COOKIE = 'duyet_session';

const prefixFor = (secure: boolean) => (secure ? ('host' as const) : undefined);

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over TLS (or through a
 * trusted proxy that says so), kept by the browser until the session's absolute expiry.
 */
export function setSessionCookie(c: Context, trust: RequestTrust, id: string, absoluteExpiresAt: Date): void {
  const secure = isSecureRequest(c, trust);
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: absoluteExpiresAt,
    prefix: prefixFor(secure),
  });
}

/** The session id the request's cookie carries, if any. */
export function readSessionCookie(c: Context, trust: RequestTrust): string | undefined {
  return getCookie(c, SESSION_COOKIE, prefixFor(isSecureRequest(c, trust))) || undefined;
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(c: Context, trust: RequestTrust): void {
  const secure = isSecureRequest(c, trust);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax', prefix: prefixFor(secure) });
}

/** The synchronizer token a session's pages send back in `X-CSRF-Token` or the `_csrf` form field; pure. */
export const csrfTokenFor = (csrfSecret: string) =>
  createHmac('sha256', csrfSecret).update('duyet csrf v1').digest('base64url');

/** Whether a token sent with a request is the session's synchronizer token, compared in constant time; pure. */
export function isCsrfToken(csrfSecret: string, sent: string | undefined): boolean {
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(csrfSecret));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
