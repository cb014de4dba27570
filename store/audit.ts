import type { Queryable } from './db.js';

/** What the audit log records. */
export type AuditKind =
  | 'sign-in'
  | 'sign-out'
  | 'decision.refused'
  | 'request.refused'
  | 'token.use'
  | 'token.created'
  | 'token.revoked'
  | 'password.set';

/** One audit entry as written. */
export interface AuditEntry {
  kind: AuditKind;
  /** e.g. `allowed`, `refused`, `throttled`, `unknown`, `revoked`, `expired`. */
  outcome: string;
  /** The user acting (or claiming to), when known. */
  actor?: string | null;
  /** What was acted on: a workflow id, a token id, a user id. */
  subject?: string | null;
  /** The client's address, for requests. */
  address?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** One audit entry as read back. */
export interface AuditRecord {
  id: number;
  at: string;
  kind: AuditKind;
  outcome: string;
  actor: string | null;
  subject: string | null;
  address: string | null;
  detail: Record<string, unknown>;
}

/** Appends an entry to the audit log. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, kind, outcome, actor, subject, address, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      entry.at ?? new Date(),
      entry.kind,
      entry.outcome,
      entry.actor ?? null,
      entry.subject ?? null,
      entry.address ?? null,
      JSON.stringify(entry.detail ?? {}),
    ],
  );
}

/** Audit entries, newest first, filtered by kind, actor or subject; at most `limit` (100 unless told). */
export async function listAudit(
  db: Queryable,
  filter: { kind?: AuditKind; actor?: string; subject?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  const { rows } = await db.query<{
    id: string;
    at: Date;
    kind: AuditKind;
    outcome: string;
    actor: string | null;
    subject: string | null;
    address: string | null;
    detail: Record<string, unknown>;
  }>(
    `SELECT id, at, kind, outcome, actor, subject, address, detail FROM audit_log
     WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR subject = $3)
     ORDER BY id DESC LIMIT $4`,
    [filter.kind ?? null, filter.actor ?? null, filter.subject ?? null, filter.limit ?? 100],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), at: r.at.toISOString() }));
}
