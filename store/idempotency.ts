import type { Queryable } from './db.js';
import type { Result } from './result.js';

/** Why a key cannot be claimed: it already names a start, of the same request or of another one. */
export type IdempotencyClash = { kind: 'same'; workflowId: string } | { kind: 'different'; workflowId: string };

/**
 * Claims an idempotency key of a user for a start with this request hash and workflow id; when the key was
 * claimed before, says by which workflow id and whether the request was the same.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  claim: { userId: string; key: string; requestHash: string; workflowId: string },
): Promise<Result<{ workflowId: string }, IdempotencyClash>> {
  const inserted = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, workflow_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, key) DO NOTHING`,
    [claim.userId, claim.key, claim.requestHash, claim.workflowId],
  );
  if (inserted.rowCount === 1) return { success: true, data: { workflowId: claim.workflowId } };
  const { rows } = await db.query<{ request_hash: string; workflow_id: string }>(
    'SELECT request_hash, workflow_id FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [claim.userId, claim.key],
  );
  const row = rows[0]!;
  return {
    success: false,
    error: { kind: row.request_hash === claim.requestHash ? 'same' : 'different', workflowId: row.workflow_id },
  };
}

/** Gives a key back when the start it was claimed for was refused, so nothing is left recorded. */
export async function releaseIdempotencyKey(db: Queryable, userId: string, key: string): Promise<void> {
  await db.query('DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, key]);
}
