import { describe, expect, it } from 'vitest';
import {
  checkSignIn,
  createSession,
  createToken,
  delayFor,
  DEFAULT_THROTTLE,
  listAudit,
  listTokens,
  revokeSession,
  revokeToken,
  revokeUserSessions,
  setPassword,
  signIn,
  touchSession,
  verifyToken,
} from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';

const store = useTestStore();
const at = (iso: string) => new Date(iso);
const lifetime = { idleSeconds: 1800, absoluteSeconds: 8 * 3600 };

describe('sessions', () => {
  it('keep only a hash of the id, slide the idle expiry and stop at the absolute one', async () => {
    const { id, session } = await createSession(store.db, 'pham.minh', { lifetime, now: at('2027-01-04T08:00:00Z') });
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(session.idleExpiresAt.toISOString()).toBe('2027-01-04T08:30:00.000Z');
    const stored = await store.db.query('SELECT 1 FROM sessions WHERE id_hash = $1 OR csrf_secret = $1', [id]);
    expect(stored.rows).toEqual([]);

    let now = at('2027-01-04T08:00:00Z');
    for (let step = 0; step < 15; step += 1) {
      now = new Date(now.getTime() + 25 * 60 * 1000); // a request every 25 minutes keeps it alive...
      const touched = await touchSession(store.db, id, { lifetime, now });
      expect(touched.success, `at ${now.toISOString()}`).toBe(true);
    }
    // ...until the absolute expiry, 8 hours after sign-in, whatever the activity.
    const last = await touchSession(store.db, id, { lifetime, now: at('2027-01-04T16:00:00Z') });
    expect(last).toEqual({ success: false, error: 'expired' });
  });

  it('expire after idle time, and sign-out ends them on the server', async () => {
    const idle = await createSession(store.db, 'vo.lan', { lifetime, now: at('2027-01-04T08:00:00Z') });
    expect(await touchSession(store.db, idle.id, { lifetime, now: at('2027-01-04T08:31:00Z') })).toEqual({
      success: false,
      error: 'expired',
    });

    const live = await createSession(store.db, 'vo.lan', { lifetime, now: at('2027-01-04T09:00:00Z') });
    const opened = await touchSession(store.db, live.id, { lifetime, now: at('2027-01-04T09:10:00Z') });
    expect(opened.success && opened.data).toMatchObject({ userId: 'vo.lan', csrfSecret: live.session.csrfSecret });
    expect(await revokeSession(store.db, live.id)).toBe(true);
    expect(await revokeSession(store.db, live.id)).toBe(false);
    expect(await touchSession(store.db, live.id, { lifetime, now: at('2027-01-04T09:11:00Z') })).toEqual({
      success: false,
      error: 'revoked',
    });
    expect(await touchSession(store.db, 'not-a-session', { lifetime })).toEqual({ success: false, error: 'unknown' });
  });

  it('of one user all end together', async () => {
    const a = await createSession(store.db, 'le.hoa');
    const b = await createSession(store.db, 'le.hoa');
    expect(await revokeUserSessions(store.db, 'le.hoa')).toBe(2);
    expect((await touchSession(store.db, a.id)).success).toBe(false);
    expect((await touchSession(store.db, b.id)).success).toBe(false);
  });
});

describe('API tokens', () => {
  it('are shown once, stored as hashes, verified to their user and audited on use', async () => {
    const { token, info } = await createToken(store.db, { userId: 'pham.minh', name: 'hệ thống văn bản' });
    expect(token).toMatch(/^duyet_[\w-]{43}$/);
    expect((await store.db.query('SELECT 1 FROM api_tokens WHERE token_hash = $1', [token])).rows).toEqual([]);
    expect(await verifyToken(store.db, token, { address: '127.0.0.1' })).toEqual({
      success: true,
      data: { userId: 'pham.minh', tokenId: info.id },
    });
    const listed = (await listTokens(store.db, 'pham.minh')).find((t) => t.id === info.id)!;
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    const [use] = await listAudit(store.db, { kind: 'token.use', subject: info.id });
    expect(use).toMatchObject({ outcome: 'allowed', actor: 'pham.minh', address: '127.0.0.1' });
  });

  it('say why they are refused: unknown, revoked, expired', async () => {
    expect(await verifyToken(store.db, 'duyet_made-up')).toEqual({ success: false, error: 'unknown' });
    expect(await verifyToken(store.db, 'Bearer something')).toEqual({ success: false, error: 'unknown' });

    const revoked = await createToken(store.db, { userId: 'vo.lan', name: 'portal' });
    expect((await revokeToken(store.db, revoked.info.id)).success).toBe(true);
    expect(await revokeToken(store.db, revoked.info.id)).toEqual({ success: false, error: 'revoked' });
    expect(await revokeToken(store.db, 'tok_unknown')).toEqual({ success: false, error: 'unknown' });
    expect(await verifyToken(store.db, revoked.token)).toEqual({ success: false, error: 'revoked' });

    const expiring = await createToken(store.db, {
      userId: 'vo.lan',
      name: 'short-lived',
      expiresAt: at('2027-02-01T00:00:00Z'),
      now: at('2027-01-01T00:00:00Z'),
    });
    expect((await verifyToken(store.db, expiring.token, { now: at('2027-01-31T23:59:59Z') })).success).toBe(true);
    expect(await verifyToken(store.db, expiring.token, { now: at('2027-02-01T00:00:00Z') })).toEqual({
      success: false,
      error: 'expired',
    });
    const refusals = await listAudit(store.db, { kind: 'token.use' });
    expect(refusals.map((r) => r.outcome)).toEqual(expect.arrayContaining(['unknown', 'revoked', 'expired']));
  });

  it('refuse a past expiry or an empty name at creation', async () => {
    await expect(
      createToken(store.db, { userId: 'vo.lan', name: 'x', expiresAt: at('2020-01-01T00:00:00Z') }),
    ).rejects.toThrow('expected an expiry in the future');
    await expect(createToken(store.db, { userId: 'vo.lan', name: '  ' })).rejects.toThrow('expected a token name');
  });
});

describe('sign-in throttling', () => {
  it('doubles the delay after the free failures, up to the cap', () => {
    expect([0, 4, 5, 6, 7, 20].map((n) => delayFor(n, 5, DEFAULT_THROTTLE))).toEqual([0, 0, 1, 2, 4, 900]);
  });

  it('slows repeated failures on an account, answers with a wait, and clears on success', async () => {
    await setPassword(store.db, 'tran.binh', 'the right password 1');
    const t0 = at('2027-03-01T08:00:00Z');
    const attempt = (password: string, seconds: number, address = '203.0.113.7') =>
      signIn(store.db, { userId: 'tran.binh', password, address, now: new Date(t0.getTime() + seconds * 1000) });

    for (let i = 0; i < 5; i += 1)
      expect(await attempt('wrong password', i)).toEqual({ success: false, error: { reason: 'invalid' } });
    // The fifth failure (at t0+4 s) asks for 1 s; a try at once is throttled, even with the right password.
    expect(await attempt('the right password 1', 4, '198.51.100.1')).toEqual({
      success: false,
      error: { reason: 'throttled', retryAfterSeconds: 1 },
    });
    expect(await attempt('wrong password', 5)).toEqual({ success: false, error: { reason: 'invalid' } });
    expect(await attempt('wrong password', 6)).toEqual({
      success: false,
      error: { reason: 'throttled', retryAfterSeconds: 1 },
    });
    expect(await attempt('the right password 1', 7)).toEqual({ success: true, data: { userId: 'tran.binh' } });
    expect(await attempt('wrong password', 8)).toEqual({ success: false, error: { reason: 'invalid' } });

    const outcomes = (await listAudit(store.db, { kind: 'sign-in', actor: 'tran.binh' })).map((e) => e.outcome);
    expect(outcomes.reverse()).toEqual([
      ...Array(5).fill('refused'),
      'throttled',
      'refused',
      'throttled',
      'allowed',
      'refused',
    ]);
  });

  it('slows an address that tries many accounts, and forgets failures after the window', async () => {
    const t0 = at('2027-03-02T08:00:00Z');
    for (let i = 0; i < 20; i += 1) {
      await signIn(store.db, { userId: `guess.${i}`, password: 'x', address: '192.0.2.9', now: t0 });
    }
    const blocked = await checkSignIn(store.db, { userId: 'someone.else', address: '192.0.2.9', now: t0 });
    expect(blocked).toEqual({ success: false, error: { retryAfterSeconds: 1 } });
    const other = await checkSignIn(store.db, { userId: 'someone.else', address: '192.0.2.10', now: t0 });
    expect(other.success).toBe(true);
    const later = new Date(t0.getTime() + 16 * 60 * 1000);
    expect((await checkSignIn(store.db, { userId: 'guess.1', address: '192.0.2.9', now: later })).success).toBe(true);
  });
});
