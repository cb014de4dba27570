import { describe, expect, it } from 'vitest';
import { userFromClaims } from '../../api/oidc.client.js';
import { localPath } from '../../api/session.js';
import { loadDirectory } from '../../directory/directory.js';
import { loadConfig } from '../../temporal.config.js';

const users = loadDirectory(loadConfig({}).directoryFile);

describe('mapping a provider’s claims to a directory user', () => {
  it('matches the configured claim against ids, then emails whatever their case', () => {
    expect(userFromClaims({ preferred_username: 'pham.minh' }, 'preferred_username', users)).toMatchObject({
      success: true,
      data: { id: 'pham.minh', roles: ['pm'] },
    });
    expect(userFromClaims({ email: 'Pham.Minh@ChinhPhu.example' }, 'email', users)).toMatchObject({
      success: true,
      data: { id: 'pham.minh' },
    });
  });

  it('says why when the claim is missing, unverified or names nobody', () => {
    expect(userFromClaims({ sub: 'x' }, 'preferred_username', users)).toEqual({
      success: false,
      error: 'the provider sent no "preferred_username" claim (DUYET_OIDC_USER_CLAIM names it)',
    });
    expect(
      userFromClaims({ email: 'pham.minh@chinhphu.example', email_verified: false }, 'email', users),
    ).toMatchObject({ success: false, error: expect.stringContaining('is not verified') });
    expect(userFromClaims({ upn: 'ai.do' }, 'upn', users)).toMatchObject({
      success: false,
      error: expect.stringContaining('"ai.do" (claim upn) is not in the duyet directory'),
    });
  });
});

describe('where a browser goes after sign-in', () => {
  it('is a path on this site, else /', () => {
    expect(localPath('/dossiers/nq22')).toBe('/dossiers/nq22');
    for (const elsewhere of ['https://evil.example', '//evil.example', '/\\evil.example', 'dossiers', undefined]) {
      expect(localPath(elsewhere)).toBe('/');
    }
  });
});

describe('the OIDC and session variables', () => {
  const oidc = {
    DUYET_OIDC_ISSUER: 'https://id.example.gov.vn',
    DUYET_OIDC_CLIENT_ID: 'duyet',
    DUYET_OIDC_CLIENT_SECRET: 's3cret',
    DUYET_OIDC_REDIRECT_URI: 'https://duyet.example.gov.vn/auth/oidc/callback',
  };

  it('are read together into the auth settings', () => {
    expect(loadConfig({ ...oidc, DUYET_OIDC_USER_CLAIM: 'email' }).auth).toEqual({
      session: { idleSeconds: 8 * 3600, absoluteSeconds: 12 * 3600 },
      trustProxy: false,
      oidc: {
        issuer: 'https://id.example.gov.vn',
        clientId: 'duyet',
        clientSecret: 's3cret',
        redirectUri: 'https://duyet.example.gov.vn/auth/oidc/callback',
        userClaim: 'email',
        scopes: 'openid profile email',
      },
    });
    expect(loadConfig({}).auth.oidc).toBeUndefined();
  });

  it('name what is missing or wrong', () => {
    expect(() => loadConfig({ DUYET_OIDC_ISSUER: oidc.DUYET_OIDC_ISSUER })).toThrow(
      'DUYET_OIDC_ISSUER needs DUYET_OIDC_CLIENT_ID too',
    );
    expect(() => loadConfig({ DUYET_OIDC_CLIENT_ID: 'duyet' })).toThrow(
      'DUYET_OIDC_CLIENT_ID needs DUYET_OIDC_ISSUER too',
    );
    expect(() => loadConfig({ ...oidc, DUYET_OIDC_ISSUER: 'http://id.example.gov.vn' })).toThrow(
      'expected an https:// issuer',
    );
    expect(loadConfig({ ...oidc, DUYET_OIDC_ISSUER: 'http://127.0.0.1:4000' }).auth.oidc?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    expect(() => loadConfig({ DUYET_SESSION_IDLE_MINUTES: '900', DUYET_SESSION_MAX_HOURS: '12' })).toThrow(
      'expected an idle time no longer than DUYET_SESSION_MAX_HOURS (12 h)',
    );
  });
});
