import type { Queryable } from './db.js';
import { decoyHash, hashPassword, verifyPasswordHash } from './passwords.js';

/** The password every demo user gets from `duyet dev` until one of their own is set. */
export const DEMO_PASSWORD = 'duyet-demo';

/** The shortest password `setPassword` accepts. */
export const MIN_PASSWORD_LENGTH = 12;

/** Sets (or replaces) a user's password, hashed with scrypt; the account is then no longer a demo account. */
export async function setPassword(db: Queryable, userId: string, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`expected a password of at least ${MIN_PASSWORD_LENGTH} characters, got ${password.length}`);
  }
  const hash = await hashPassword(password);
  await db.query(
    `INSERT INTO accounts (user_id, password_hash, demo, updated_at) VALUES ($1, $2, false, now())
     ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, demo = false, updated_at = now()`,
    [userId, hash],
  );
}

/**
 * Gives each listed user without an account the demo password, flagged as such; users with an account keep
 * theirs. Returns the ids that got it.
 */
export async function setDemoPasswords(db: Queryable, userIds: readonly string[]): Promise<string[]> {
  const { rows: existing } = await db.query<{ user_id: string }>(
    'SELECT user_id FROM accounts WHERE user_id = ANY($1)',
    [userIds],
  );
  const have = new Set(existing.map((r) => r.user_id));
  const missing = userIds.filter((id) => !have.has(id));
  if (missing.length === 0) return [];
  // One hash for all of them: the password is public anyway, and start-up stays quick.
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.query(
    `INSERT INTO accounts (user_id, password_hash, demo) SELECT id, $2, true FROM unnest($1::text[]) AS id
     ON CONFLICT (user_id) DO NOTHING`,
    [missing, hash],
  );
  return missing;
}

/** Whether the password is the user's; an unknown user costs as much time as a known one and is never verified. */
export async function verifyPassword(db: Queryable, userId: string, password: string): Promise<boolean> {
  const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM accounts WHERE user_id = $1', [
    userId,
  ]);
  const stored = rows[0]?.password_hash;
  const matches = await verifyPasswordHash(password, stored ?? (await decoyHash()));
  return stored !== undefined && matches;
}

/** The ids of accounts that still have the demo password, sorted. */
export async function demoAccounts(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>('SELECT user_id FROM accounts WHERE demo ORDER BY user_id');
  return rows.map((r) => r.user_id);
}

/** Whether a host name or address is the loopback interface (127.0.0.0/8, ::1 or localhost); pure. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/**
 * Refuses, by throwing, to serve on a host other than loopback while any account has the demo password; the
 * HTTP server calls it before it listens.
 */
export async function assertServableOn(db: Queryable, host: string): Promise<void> {
  if (isLoopbackHost(host)) return;
  const demo = await demoAccounts(db);
  if (demo.length === 0) return;
  throw new Error(
    `refusing to listen on ${host}: ${demo.length} account(s) still have the demo password (${demo.join(', ')}); ` +
      'set real ones with "duyet users set-password ID" or listen on 127.0.0.1',
  );
}
