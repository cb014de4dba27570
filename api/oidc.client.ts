import * as oidc from 'openid-client';
import type { User } from '../directory/directory.js';
import type { DuyetConfig } from '../temporal.config.js';

/** How duyet signs in with the organisation's OpenID Connect provider (`DUYET_OIDC_*`). */
export type OidcSettings = NonNullable<DuyetConfig['auth']['oidc']>;

const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The provider's configuration, discovered once from `<issuer>/.well-known/openid-configuration` and kept; a
 * failed discovery is forgotten so the next sign-in tries again. Plain http is allowed for a loopback issuer
 * only (the configuration refuses it elsewhere).
 */
export function oidcConfiguration(settings: OidcSettings): () => Promise<oidc.Configuration> {
  let pending: Promise<oidc.Configuration> | undefined;
  return () => {
    pending ??= discover(settings).catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

async function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:' && loopback.test(issuer.hostname);
  return oidc.discovery(
    issuer,
    settings.clientId,
    { redirect_uris: [settings.redirectUri], response_types: ['code'] },
    settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
    insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
}

/**
 * Exchanges the authorization code of the provider's redirect (PKCE verifier, state and nonce checked), verifies
 * the ID token and returns its claims, completed from userinfo when the user claim is not in it; throws what
 * {@link explainOidcFailure} puts into words.
 */
export async function verifiedClaims(
  config: oidc.Configuration,
  settings: OidcSettings,
  requestUrl: string,
  expected: { state: string; nonce: string; verifier: string },
): Promise<Record<string, unknown>> {
  // The URL the provider redirected to, as registered (a proxy may have rewritten the request's own).
  const current = new URL(settings.redirectUri);
  current.search = new URL(requestUrl).search;
  const tokens = await oidc.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: expected.verifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const claims: Record<string, unknown> = { ...tokens.claims() };
  if (claims[settings.userClaim] !== undefined) return claims;
  return { ...(await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
}

/**
 * The directory user a provider's claims name: the configured claim's value is matched against directory ids,
 * then emails (case-insensitively); an email claim must not be marked unverified. Returns why not otherwise;
 * pure.
 */
export function userFromClaims(
  claims: Record<string, unknown>,
  claim: string,
  users: readonly User[],
): { success: true; data: User } | { success: false; error: string } {
  const value = claims[claim];
  if (typeof value !== 'string' || !value) {
    return { success: false, error: `the provider sent no "${claim}" claim (DUYET_OIDC_USER_CLAIM names it)` };
  }
  if (claim === 'email' && claims.email_verified === false) {
    return { success: false, error: `the provider says the email ${value} is not verified` };
  }
  const lower = value.toLowerCase();
  const user = users.find((u) => u.id === value) ?? users.find((u) => u.email.toLowerCase() === lower);
  if (!user) {
    return {
      success: false,
      error: `the provider's user "${value}" (claim ${claim}) is not in the duyet directory; ask an administrator to add them`,
    };
  }
  return { success: true, data: user };
}

/** Says in words why the provider's answer was refused (wrong audience, expired token, ...); pure. */
export function explainOidcFailure(err: unknown): { reason: string; message: string } {
  if (err instanceof oidc.AuthorizationResponseError) {
    return {
      reason: 'provider-error',
      message: `the provider refused the sign-in: ${err.error} ${err.error_description ?? ''}`.trim(),
    };
  }
  const inner = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = (err as { code?: string } | null)?.code;
  const claim = ((inner as { cause?: { claim?: string } } | null)?.cause ?? {}).claim;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'aud') {
    return {
      reason: 'wrong-audience',
      message: 'the ID token was issued for another client (its audience is not DUYET_OIDC_CLIENT_ID); refused',
    };
  }
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' && claim === 'exp') {
    return { reason: 'expired', message: 'the ID token has expired; start the sign-in again' };
  }
  const detail = inner instanceof Error ? inner.message : String(inner);
  return { reason: 'invalid-response', message: `the provider's answer could not be verified: ${detail}` };
}
