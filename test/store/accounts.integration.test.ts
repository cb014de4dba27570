import { describe, expect, it } from 'vitest';
import {
  assertServableOn,
  DEMO_PASSWORD,
  demoAccounts,
  isLoopbackHost,
  setDemoPasswords,
  setPassword,
  verifyPassword,
  verifyPasswordHash,
  hashPassword,
} from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';

const store = useTestStore();

describe('password hashes', () => {
  it('are salted scrypt hashes that verify the password and nothing else', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPasswordHash('correct horse battery', a)).toBe(true);
    expect(await verifyPasswordHash('correct horse batterz', a)).toBe(false);
    expect(await verifyPasswordHash('correct horse battery', 'plain text')).toBe(false);
  });
});

describe('accounts', () => {
  it('stores a hash, never the password, and verifies it', async () => {
    await setPassword(store.db, 'pham.minh', 'mật khẩu đủ dài 2026');
    const { rows } = await store.db.query<{ password_hash: string; demo: boolean }>(
      `SELECT password_hash, demo FROM accounts WHERE user_id = 'pham.minh'`,
    );
    expect(rows[0]!.password_hash).not.toContain('mật khẩu');
    expect(rows[0]!.demo).toBe(false);
    expect(await verifyPassword(store.db, 'pham.minh', 'mật khẩu đủ dài 2026')).toBe(true);
    expect(await verifyPassword(store.db, 'pham.minh', 'mật khẩu đủ dài 2025')).toBe(false);
    expect(await verifyPassword(store.db, 'nobody.here', 'mật khẩu đủ dài 2026')).toBe(false);
  });

  it('refuses a short password and keeps the old one', async () => {
    await expect(setPassword(store.db, 'pham.minh', 'short')).rejects.toThrow('at least 12 characters');
    expect(await verifyPassword(store.db, 'pham.minh', 'mật khẩu đủ dài 2026')).toBe(true);
  });

  it('gives the demo password only to users without one, flags them, and a real password clears the flag', async () => {
    const got = await setDemoPasswords(store.db, ['pham.minh', 'vo.lan', 'le.hoa']);
    expect(got).toEqual(['vo.lan', 'le.hoa']);
    expect(await verifyPassword(store.db, 'vo.lan', DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(store.db, 'pham.minh', DEMO_PASSWORD)).toBe(false);
    expect(await demoAccounts(store.db)).toEqual(['le.hoa', 'vo.lan']);
    expect(await setDemoPasswords(store.db, ['vo.lan'])).toEqual([]);

    await expect(assertServableOn(store.db, '0.0.0.0')).rejects.toThrow(
      'refusing to listen on 0.0.0.0: 2 account(s) still have the demo password (le.hoa, vo.lan)',
    );
    await expect(assertServableOn(store.db, '127.0.0.1')).resolves.toBeUndefined();

    await setPassword(store.db, 'vo.lan', 'another long password');
    await setPassword(store.db, 'le.hoa', 'a third long password');
    expect(await demoAccounts(store.db)).toEqual([]);
    await expect(assertServableOn(store.db, '10.1.2.3')).resolves.toBeUndefined();
  });

  it('knows the loopback interface from other hosts', () => {
    expect(['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '::', '10.0.0.1', 'duyet.gov.vn', '128.0.0.1'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
