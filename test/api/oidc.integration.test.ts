import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../store/index.js';
import { TestBrowser } from '../../test-support/oidc-browser.js';
import { startOidcProvider, type TestOidcProvider } from '../../test-support/oidc-provider.js';
import { freePort } from '../../test-support/ports.js';
import { useTestStore } from '../../test-support/store.js';
import { serveOnLoopback, sessionTestApp, testAuthDeps, testClock } from './session-app.js';

const store = useTestStore();
let provider: TestOidcProvider;
let app: { url: string; stop(): Promise<void> };
const clientId = 'duyet';

beforeAll(async () => {
  // The app's port goes into the redirect URI the provider registers, so it is chosen first.
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/auth/oidc/callback`;
  provider = await startOidcProvider({
    clients: [{ clientId, clientSecret: 'a client secret for the test provider', redirectUri }],
    accounts: [
      { sub: 'sub-0001', preferred_username: 'pham.minh', email: 'pham.minh@chinhphu.example', name: 'Phạm Văn Minh' },
      { sub: 'sub-0404', preferred_username: 'nobody.here', email: 'nobody@elsewhere.example' },
    ],
  });
  const deps = testAuthDeps(store.db, testClock(new Date().toISOString()), {
    oidc: {
      issuer: provider.issuer,
      clientId,
      clientSecret: 'a client secret for the test provider',
      redirectUri,
      userClaim: 'preferred_username',
      scopes: 'openid profile email',
    },
  });
  app = await serveOnLoopback(sessionTestApp(deps), port);
});
afterAll(async () => {
  await app?.stop();
  await provider?.stop();
});

/** Runs a whole sign-in in a fresh browser and returns the browser and the callback's answer. */
async function signInThroughProvider(sub: string) {
  provider.signInAs(sub);
  const browser = new TestBrowser();
  const { steps, response } = await browser.follow(`${app.url}/auth/oidc/start?next=/dossiers`);
  const callback = steps.find((s) => s.url.startsWith(`${app.url}/auth/oidc/callback`));
  return { browser, steps, callback, response };
}

const lastOidcAudit = async () => (await listAudit(store.db, { kind: 'sign-in', limit: 1 }))[0];

describe('sign-in with an OpenID Connect provider', () => {
  it('goes through the provider with PKCE, state and nonce, and starts a session for the directory user', async () => {
    const { browser, steps, callback } = await signInThroughProvider('sub-0001');
    const authorize = new URL(steps[0]!.location!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: clientId,
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid profile email',
    });
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{40,}$/);
    expect(callback).toMatchObject({ status: 303, location: '/dossiers' });

    const session = browser.cookies(app.url).get('duyet_session');
    expect(session).toMatch(/^[\w-]{43}$/);
    expect(browser.cookies(app.url).has('duyet_oidc')).toBe(false);
    const me = await browser.request(`${app.url}/api/me`);
    expect(await me.json()).toMatchObject({ id: 'pham.minh', roles: ['pm'] });
    expect(await lastOidcAudit()).toMatchObject({
      outcome: 'allowed',
      actor: 'pham.minh',
      detail: { method: 'oidc', subject: 'sub-0001' },
    });
  });

  it('refuses an ID token issued for another client, and audits it', async () => {
    provider.tamperIdTokens((claims) => ({ ...claims, aud: 'another-application' }));
    try {
      const { browser, callback, response } = await signInThroughProvider('sub-0001');
      expect(callback).toMatchObject({ status: 401 });
      expect(((await response.json()) as { detail: string }).detail).toBe(
        'the ID token was issued for another client (its audience is not DUYET_OIDC_CLIENT_ID); refused',
      );
      expect(browser.cookies(app.url).has('duyet_session')).toBe(false);
      expect(await lastOidcAudit()).toMatchObject({
        outcome: 'refused',
        detail: { method: 'oidc', reason: 'wrong-audience' },
      });
    } finally {
      provider.tamperIdTokens(undefined);
    }
  });

  it('refuses an expired ID token, and audits it', async () => {
    provider.tamperIdTokens((claims) => ({ ...claims, iat: claims.iat! - 7200, exp: claims.iat! - 3600 }));
    try {
      const { browser, callback, response } = await signInThroughProvider('sub-0001');
      expect(callback).toMatchObject({ status: 401 });
      expect(((await response.json()) as { detail: string }).detail).toBe(
        'the ID token has expired; start the sign-in again',
      );
      expect(browser.cookies(app.url).has('duyet_session')).toBe(false);
      expect(await lastOidcAudit()).toMatchObject({ outcome: 'refused', detail: { reason: 'expired' } });
    } finally {
      provider.tamperIdTokens(undefined);
    }
  });

  it('refuses a user the directory does not know, naming them, and audits it', async () => {
    const { browser, callback, response } = await signInThroughProvider('sub-0404');
    expect(callback).toMatchObject({ status: 403 });
    expect(((await response.json()) as { detail: string }).detail).toBe(
      'the provider\'s user "nobody.here" (claim preferred_username) is not in the duyet directory; ask an administrator to add them',
    );
    expect(browser.cookies(app.url).has('duyet_session')).toBe(false);
    expect(await lastOidcAudit()).toMatchObject({
      outcome: 'refused',
      actor: 'nobody.here',
      detail: { reason: 'unknown-user' },
    });
  });

  it('refuses a callback that no sign-in of this browser started', async () => {
    const stray = await new TestBrowser().request(`${app.url}/auth/oidc/callback?code=abc&state=xyz`);
    expect(stray.status).toBe(400);
    expect(((await stray.json()) as { detail: string }).detail).toContain('start again at GET /auth/oidc/start');
  });

  it('answers 503 naming the provider when it cannot be reached', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const deps = testAuthDeps(store.db, testClock(new Date().toISOString()), {
      oidc: {
        issuer: nowhere,
        clientId,
        clientSecret: undefined,
        redirectUri: `${nowhere}/auth/oidc/callback`,
        userClaim: 'preferred_username',
        scopes: 'openid',
      },
    });
    const response = await sessionTestApp(deps).request('http://127.0.0.1/auth/oidc/start');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { detail: string }).detail).toContain(
      `the OpenID Connect provider at ${nowhere} cannot be reached`,
    );
  });
});
