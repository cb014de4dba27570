import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, setPassword } from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';
import { parseSetCookie, serveOnLoopback, sessionTestApp, testAuthDeps, testClock } from './session-app.js';

const store = useTestStore();
const clock = testClock('2027-03-01T01:00:00Z');
const PASSWORD = 'mật khẩu đủ dài 2027';
let base: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  for (const id of ['pham.minh', 'nguyen.thu', 'le.hoa']) await setPassword(store.db, id, PASSWORD);
  ({ url: base, stop } = await serveOnLoopback(sessionTestApp(testAuthDeps(store.db, clock))));
});
afterAll(() => stop());

async function signIn(userId: string) {
  const response = await fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = parseSetCookie(response.headers.getSetCookie()[0] ?? '');
  const body = (await response.json()) as { csrfToken: string; idleExpiresAt: string; absoluteExpiresAt: string };
  return { cookie, body, header: `${cookie.name}=${cookie.value}` };
}

const me = (cookie: string) => fetch(`${base}/api/me`, { headers: { cookie } });

describe('browser sessions', () => {
  it('start with an HttpOnly, SameSite=Lax cookie whose id the store keeps only hashed, and answer /api/me', async () => {
    const { cookie, body, header } = await signIn('pham.minh');
    expect(cookie).toMatchObject({ name: 'duyet_session', httponly: 'true', samesite: 'Lax', path: '/' });
    expect(cookie.secure).toBeUndefined(); // plain http on loopback
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    expect(body.idleExpiresAt).toBe('2027-03-01T09:00:00.000Z'); // 8 hours idle
    expect(body.absoluteExpiresAt).toBe('2027-03-01T13:00:00.000Z'); // 12 hours in all
    const stored = await store.db.query('SELECT 1 FROM sessions WHERE id_hash = $1 OR csrf_secret = $1', [
      cookie.value,
    ]);
    expect(stored.rows).toEqual([]);

    const answer = await me(header);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      id: 'pham.minh',
      name: 'Phạm Văn Minh',
      email: 'pham.minh@chinhphu.example',
      roles: ['pm'],
    });
  });

  it('end after 8 hours without a request, and the refusal is audited', async () => {
    const { header } = await signIn('nguyen.thu');
    clock.advance(8 * 3600 + 1);
    const answer = await me(header);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(((await answer.json()) as { detail: string }).detail).toContain('the session has expired');
    const cleared = parseSetCookie(answer.headers.getSetCookie()[0] ?? '');
    expect(cleared).toMatchObject({ name: 'duyet_session', value: '', 'max-age': '0' });
    const [entry] = await listAudit(store.db, { kind: 'request.refused', limit: 1 });
    expect(entry).toMatchObject({ outcome: 'session-expired', detail: { path: '/api/me' } });
  });

  it('end 12 hours after sign-in however busy the user is', async () => {
    const { header } = await signIn('le.hoa');
    // A request every few hours keeps the idle clock from running out...
    clock.advance(7 * 3600);
    expect((await me(header)).status).toBe(200);
    clock.advance(5 * 3600 - 1);
    expect((await me(header)).status).toBe(200);
    // ...but the absolute expiry, 12 hours after sign-in, ends it all the same.
    clock.advance(1);
    const late = await me(header);
    expect(late.status).toBe(401);
    expect(((await late.json()) as { detail: string }).detail).toContain('the session has expired');
  });

  it('end on the server at sign-out: the old cookie is refused afterwards', async () => {
    const { header, body } = await signIn('pham.minh');
    const out = await fetch(`${base}/auth/sign-out`, {
      method: 'POST',
      headers: { cookie: header, 'x-csrf-token': body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(parseSetCookie(out.headers.getSetCookie()[0] ?? '')).toMatchObject({ name: 'duyet_session', value: '' });
    const again = await me(header); // a copy of the cookie kept by someone else
    expect(again.status).toBe(401);
    expect(((await again.json()) as { detail: string }).detail).toContain('ended by signing out');
    const [signOut] = await listAudit(store.db, { kind: 'sign-out', actor: 'pham.minh', limit: 1 });
    expect(signOut).toMatchObject({ outcome: 'allowed' });
  });

  it('get a fresh id at each sign-in, ending the one the browser had', async () => {
    const first = await signIn('le.hoa');
    const again = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.header },
      body: JSON.stringify({ userId: 'le.hoa', password: PASSWORD }),
    });
    const second = parseSetCookie(again.headers.getSetCookie()[0] ?? '');
    expect(second.value).not.toBe(first.cookie.value);
    expect((await me(first.header)).status).toBe(401);
    expect((await me(`${second.name}=${second.value}`)).status).toBe(200);
  });

  it('refuse a forged cookie with 401 and audit it', async () => {
    const forged = await me('duyet_session=' + 'A'.repeat(43));
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { detail: string }).detail).toContain('names no session');
    const [entry] = await listAudit(store.db, { kind: 'request.refused', limit: 1 });
    expect(entry).toMatchObject({ outcome: 'session-unknown', address: '127.0.0.1' });
    expect((await fetch(`${base}/api/me`)).status).toBe(401);
  });

  it('accept a sign-in form and send the browser to a path on this site only', async () => {
    const form = (next: string) =>
      fetch(`${base}/auth/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ userId: 'nguyen.thu', password: PASSWORD, next }),
      });
    const local = await form('/dossiers?awaiting=me');
    expect(local.status).toBe(303);
    expect(local.headers.get('location')).toBe('/dossiers?awaiting=me');
    const cookie = parseSetCookie(local.headers.getSetCookie()[0] ?? '');
    expect((await me(`${cookie.name}=${cookie.value}`)).status).toBe(200);
    for (const elsewhere of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      expect((await form(elsewhere)).headers.get('location')).toBe('/');
    }
  });
});

describe('the Secure flag', () => {
  it('is set, with the __Host- prefix, when the request came over TLS', async () => {
    const app = sessionTestApp(testAuthDeps(store.db, clock));
    const response = await app.request('https://duyet.example/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'pham.minh', password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const cookie = parseSetCookie(response.headers.getSetCookie()[0] ?? '');
    expect(cookie).toMatchObject({ name: '__Host-duyet_session', secure: 'true', httponly: 'true', path: '/' });
    expect(cookie.domain).toBeUndefined();
  });

  it('follows X-Forwarded-Proto only when a proxy is trusted', async () => {
    const viaProxy = (trustProxy: boolean) =>
      sessionTestApp(testAuthDeps(store.db, clock, { trustProxy })).request('http://127.0.0.1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ userId: 'pham.minh', password: PASSWORD }),
      });
    const trusted = parseSetCookie((await viaProxy(true)).headers.getSetCookie()[0] ?? '');
    expect(trusted).toMatchObject({ name: '__Host-duyet_session', secure: 'true' });
    const untrusted = parseSetCookie((await viaProxy(false)).headers.getSetCookie()[0] ?? '');
    expect(untrusted.name).toBe('duyet_session');
    expect(untrusted.secure).toBeUndefined();
  });
});
