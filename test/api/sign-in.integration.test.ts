import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THROTTLE, listAudit, setPassword } from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';
import { serveOnLoopback, sessionTestApp, testAuthDeps, testClock } from './session-app.js';

const store = useTestStore();
const clock = testClock('2027-03-01T01:00:00Z');
const PASSWORD = 'mật khẩu đủ dài 2027';
let base: string;
let stop: () => Promise<void>;

beforeAll(async () => {
  for (const id of ['pham.minh', 'nguyen.thu', 'tran.an']) await setPassword(store.db, id, PASSWORD);
  // Behind a trusted proxy, so each test can come from an address of its own.
  const deps = testAuthDeps(store.db, clock, { trustProxy: true });
  ({ url: base, stop } = await serveOnLoopback(sessionTestApp(deps)));
});
afterAll(() => stop());

const signIn = (userId: string, password: string, address: string) =>
  fetch(`${base}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ userId, password }),
  });
const detail = async (r: Response) => ((await r.json()) as { detail: string }).detail;

describe('sign-in', () => {
  it('never says whether the user or the password was wrong', async () => {
    const wrongPassword = await signIn('pham.minh', 'not the password', '198.51.100.1');
    const unknownUser = await signIn('nobody.here', PASSWORD, '198.51.100.1');
    expect([wrongPassword.status, unknownUser.status]).toEqual([401, 401]);
    expect(await detail(wrongPassword)).toBe(await detail(unknownUser));
  });

  it('answers 422 naming the missing field', async () => {
    const response = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'pham.minh' }),
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { issues: Array<{ path: string }> };
    expect(body.issues.map((i) => i.path)).toEqual(['password']);
  });

  it('slows an account after 5 failures: 429 with Retry-After, even with the right password, all audited', async () => {
    clock.advance(3600);
    const address = '198.51.100.2';
    for (let i = 0; i < DEFAULT_THROTTLE.freeFailures.account; i += 1) {
      expect((await signIn('nguyen.thu', `wrong ${i}`, address)).status).toBe(401);
    }
    const throttled = await signIn('nguyen.thu', PASSWORD, address);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await detail(throttled)).toContain('too many failed sign-ins');
    const audit = await listAudit(store.db, { kind: 'sign-in', actor: 'nguyen.thu' });
    expect(audit.map((e) => e.outcome)).toEqual(['throttled', 'refused', 'refused', 'refused', 'refused', 'refused']);
    expect(audit[0]).toMatchObject({ address, detail: { retryAfterSeconds: 1 } });

    // Once the delay has passed, the right password works; another failure would double the wait.
    clock.advance(1);
    expect((await signIn('nguyen.thu', PASSWORD, address)).status).toBe(200);
  });

  it('slows an address that tries many accounts, whichever account it names next', async () => {
    clock.advance(3600);
    const address = '203.0.113.9';
    for (let i = 0; i < DEFAULT_THROTTLE.freeFailures.address; i += 1) {
      expect((await signIn(`guess.${i}`, 'password123', address)).status).toBe(401);
    }
    const throttled = await signIn('tran.an', PASSWORD, address);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same account from another address is not slowed.
    expect((await signIn('tran.an', PASSWORD, '203.0.113.10')).status).toBe(200);
  });
});
