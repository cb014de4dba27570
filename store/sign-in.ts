import { verifyPassword } from './accounts.js';
import { recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import type { Result } from './result.js';
import {
  checkSignIn,
  clearSignInFailures,
  DEFAULT_THROTTLE,
  recordSignInFailure,
  type SignInAttempt,
  type ThrottlePolicy,
} from './throttle.js';

/** Why a sign-in failed: a wrong user or password (never said which), or too many recent failures. */
export type SignInRefusal = { reason: 'invalid' } | { reason: 'throttled'; retryAfterSeconds: number };

/**
 * Signs a user in with a password: refused while throttled (answer 429 with Retry-After), counts a failure
 * against the account and the address, clears the account's failures on success, and audits every outcome.
 */
export async function signIn(
  db: Queryable,
  attempt: SignInAttempt & { password: string },
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<Result<{ userId: string }, SignInRefusal>> {
  const now = attempt.now ?? new Date();
  const audit = (outcome: string, detail: Record<string, unknown> = {}) =>
    recordAudit(db, { kind: 'sign-in', outcome, actor: attempt.userId, address: attempt.address, at: now, detail });
  const allowed = await checkSignIn(db, { ...attempt, now }, policy);
  if (!allowed.success) {
    await audit('throttled', { retryAfterSeconds: allowed.error.retryAfterSeconds });
    return { success: false, error: { reason: 'throttled', retryAfterSeconds: allowed.error.retryAfterSeconds } };
  }
  if (!(await verifyPassword(db, attempt.userId, attempt.password))) {
    await recordSignInFailure(db, { ...attempt, now }, policy);
    await audit('refused');
    return { success: false, error: { reason: 'invalid' } };
  }
  await clearSignInFailures(db, attempt.userId);
  await audit('allowed');
  return { success: true, data: { userId: attempt.userId } };
}
