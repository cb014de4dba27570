import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, listAudit, setPassword } from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';
import { parseSetCookie, serveOnLoopback, sessionTestApp, testAuthDeps, testClock } from './session-app.js';

const store = useTestStore();
const clock = testClock('2027-03-01T01:00:00Z');
const PASSWORD = 'mật khẩu đủ dài 2027';
let base: string;
let stop: () => Promise<void>;
let cookie: string;
let csrfToken: string;

beforeAll(async () => {
  await setPassword(store.db, 'le.hoa', PASSWORD);
  ({ url: base, stop } = await serveOnLoopback(sessionTestApp(testAuthDeps(store.db, clock))));
  const response = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'le.hoa', password: PASSWORD }),
  });
  const set = parseSetCookie(response.headers.getSetCookie()[0] ?? '');
  cookie = `${set.name}=${set.value}`;
  ({ csrfToken } = (await response.json()) as { csrfToken: string });
});
afterAll(() => stop());

const echo = (headers: Record<string, string>, body?: URLSearchParams) =>
  fetch(`${base}/api/echo`, { method: 'POST', headers, ...(body ? { body } : {}) });
const detail = async (r: Response) => ((await r.json()) as { detail: string }).detail;

describe('CSRF protection of cookie sessions', () => {
  it('refuses a state-changing request without the token with 403, audited', async () => {
    const refused = await echo({ cookie });
    expect(refused.status).toBe(403);
    expect(await detail(refused)).toContain("expected the session's CSRF token in the x-csrf-token header");
    const [entry] = await listAudit(store.db, { kind: 'request.refused', actor: 'le.hoa', limit: 1 });
    expect(entry).toMatchObject({ outcome: 'csrf', detail: { method: 'POST', path: '/api/echo' } });
    expect((await echo({ cookie, 'x-csrf-token': csrfToken.slice(0, -2) + 'xx' })).status).toBe(403);
  });

  it('lets it through with the token in the header or in the form field', async () => {
    const withHeader = await echo({ cookie, 'x-csrf-token': csrfToken });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toEqual({ by: 'le.hoa', via: 'session' });
    const withField = await echo({ cookie }, new URLSearchParams({ _csrf: csrfToken, comment: 'Đồng ý' }));
    expect(withField.status).toBe(200);
  });

  it('refuses a request another site makes, token or not', async () => {
    const fromOrigin = await echo({ cookie, 'x-csrf-token': csrfToken, origin: 'https://evil.example' });
    expect(fromOrigin.status).toBe(403);
    expect(await detail(fromOrigin)).toContain(`came from https://evil.example, not from ${base}`);
    const fetchMetadata = await echo({ cookie, 'x-csrf-token': csrfToken, 'sec-fetch-site': 'cross-site' });
    expect(fetchMetadata.status).toBe(403);
    expect(
      (await echo({ cookie, 'x-csrf-token': csrfToken, origin: base, 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(200);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    const response = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ userId: 'le.hoa', password: PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('needs no token for a bearer token, which no browser sends by itself', async () => {
    const { token } = await createToken(store.db, { userId: 'le.hoa', name: 'cổng thông tin', now: clock.now });
    const response = await echo({ authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ by: 'le.hoa', via: 'token' });
  });

  it('protects sign-out too', async () => {
    expect((await fetch(`${base}/auth/sign-out`, { method: 'POST', headers: { cookie } })).status).toBe(403);
    expect((await fetch(`${base}/api/me`, { headers: { cookie } })).status).toBe(200);
  });
});
