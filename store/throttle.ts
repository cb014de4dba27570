import type { Queryable } from './db.js';
import type { Result } from './result.js';

/** How failed sign-ins are slowed, per account and per client address. */
export interface ThrottlePolicy {
  /** Failures allowed without delay, per account and per address. */
  freeFailures: { account: number; address: number };
  /** The first delay after the free failures; each further failure doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
}

/** Five failures per account (twenty per address) are free, then 1 s, 2 s, 4 s ... up to 15 minutes. */
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: { account: 5, address: 20 },
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  windowSeconds: 15 * 60,
};

/** Who is signing in: the account named and the address the request came from. */
export interface SignInAttempt {
  userId: string;
  address: string;
  now?: Date;
}

/** The delay a count of failures earns under a policy (0 while free); pure. */
export function delayFor(failures: number, free: number, policy: ThrottlePolicy): number {
  if (failures < free) return 0;
  return Math.min(policy.baseDelaySeconds * 2 ** (failures - free), policy.maxDelaySeconds);
}

/**
 * Whether a sign-in may be tried now; when not, how many seconds to wait (the API answers 429 with
 * Retry-After). Checks the account and the address, and waits for the stricter.
 */
export async function checkSignIn(
  db: Queryable,
  attempt: SignInAttempt,
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<Result<null, { retryAfterSeconds: number }>> {
  const now = attempt.now ?? new Date();
  const { rows } = await db.query<{ scope: 'account' | 'address'; failures: number; last_at: Date }>(
    `SELECT scope, failures, last_at FROM sign_in_failures
     WHERE ((scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2)) AND last_at > $3`,
    [attempt.userId, attempt.address, new Date(now.getTime() - policy.windowSeconds * 1000)],
  );
  let wait = 0;
  for (const row of rows) {
    const until = row.last_at.getTime() + delayFor(row.failures, policy.freeFailures[row.scope], policy) * 1000;
    wait = Math.max(wait, Math.ceil((until - now.getTime()) / 1000));
  }
  return wait > 0 ? { success: false, error: { retryAfterSeconds: wait } } : { success: true, data: null };
}

/** Counts a failed sign-in against the account and the address (a count past its window starts again). */
export async function recordSignInFailure(
  db: Queryable,
  attempt: SignInAttempt,
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<void> {
  const now = attempt.now ?? new Date();
  const forgotten = new Date(now.getTime() - policy.windowSeconds * 1000);
  await db.query(
    `INSERT INTO sign_in_failures (scope, key, failures, last_at) VALUES ('account', $1, 1, $3), ('address', $2, 1, $3)
     ON CONFLICT (scope, key) DO UPDATE SET
       failures = CASE WHEN sign_in_failures.last_at > $4 THEN sign_in_failures.failures + 1 ELSE 1 END,
       last_at = EXCLUDED.last_at`,
    [attempt.userId, attempt.address, now, forgotten],
  );
}

/** Forgets an account's failures after a successful sign-in (the address keeps its count). */
export async function clearSignInFailures(db: Queryable, userId: string): Promise<void> {
  await db.query(`DELETE FROM sign_in_failures WHERE scope = 'account' AND key = $1`, [userId]);
}
