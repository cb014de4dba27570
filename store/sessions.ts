import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';
import { secretHash, type Result } from './result.js';

/** How long a browser session lives: idle time since the last request, and at most since sign-in. */
export interface SessionLifetime {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** Eight hours idle, twelve in all: a working day. */
export const DEFAULT_SESSION_LIFETIME: SessionLifetime = { idleSeconds: 8 * 3600, absoluteSeconds: 12 * 3600 };

/** A live session as the HTTP layer uses it. */
export interface Session {
  userId: string;
  /** The secret CSRF tokens of this session are derived from or compared with. */
  csrfSecret: string;
  createdAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/** Why a session id does not open a session. */
export type SessionRefusal = 'unknown' | 'expired' | 'revoked';

const plus = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);

/**
 * Starts a session for a user; returns the session id to put in the cookie (only its hash is stored) and the
 * session.
 */
export async function createSession(
  db: Queryable,
  userId: string,
  options: { lifetime?: SessionLifetime; address?: string; now?: Date } = {},
): Promise<{ id: string; session: Session }> {
  const now = options.now ?? new Date();
  const lifetime = options.lifetime ?? DEFAULT_SESSION_LIFETIME;
  const id = randomBytes(32).toString('base64url');
  const session: Session = {
    userId,
    csrfSecret: randomBytes(32).toString('base64url'),
    createdAt: now,
    idleExpiresAt: plus(now, Math.min(lifetime.idleSeconds, lifetime.absoluteSeconds)),
    absoluteExpiresAt: plus(now, lifetime.absoluteSeconds),
  };
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, csrf_secret, address, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
    [
      secretHash(id),
      userId,
      session.csrfSecret,
      options.address ?? null,
      now,
      session.idleExpiresAt,
      session.absoluteExpiresAt,
    ],
  );
  return { id, session };
}

/**
 * Opens the session a cookie names and extends its idle expiry (never past the absolute one), or says why
 * not: unknown, expired (idle or absolute) or revoked.
 */
export async function touchSession(
  db: Queryable,
  id: string,
  options: { lifetime?: SessionLifetime; now?: Date } = {},
): Promise<Result<Session, SessionRefusal>> {
  const now = options.now ?? new Date();
  const lifetime = options.lifetime ?? DEFAULT_SESSION_LIFETIME;
  const { rows } = await db.query<{
    user_id: string;
    csrf_secret: string;
    created_at: Date;
    idle_expires_at: Date;
    absolute_expires_at: Date;
    revoked_at: Date | null;
  }>(
    `SELECT user_id, csrf_secret, created_at, idle_expires_at, absolute_expires_at, revoked_at
     FROM sessions WHERE id_hash = $1`,
    [secretHash(id)],
  );
  const row = rows[0];
  if (!row) return { success: false, error: 'unknown' };
  if (row.revoked_at) return { success: false, error: 'revoked' };
  if (row.idle_expires_at <= now || row.absolute_expires_at <= now) return { success: false, error: 'expired' };
  const idleExpiresAt = new Date(
    Math.min(plus(now, lifetime.idleSeconds).getTime(), row.absolute_expires_at.getTime()),
  );
  await db.query('UPDATE sessions SET last_seen_at = $2, idle_expires_at = $3 WHERE id_hash = $1', [
    secretHash(id),
    now,
    idleExpiresAt,
  ]);
  return {
    success: true,
    data: {
      userId: row.user_id,
      csrfSecret: row.csrf_secret,
      createdAt: row.created_at,
      idleExpiresAt,
      absoluteExpiresAt: row.absolute_expires_at,
    },
  };
}

/** Ends a session on the server (sign-out); returns whether a live session was ended. */
export async function revokeSession(db: Queryable, id: string, now: Date = new Date()): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL', [
    secretHash(id),
    now,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Ends every session of a user (after a password change); returns how many were ended. */
export async function revokeUserSessions(db: Queryable, userId: string, now: Date = new Date()): Promise<number> {
  const { rowCount } = await db.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
    now,
  ]);
  return rowCount ?? 0;
}

/** Deletes sessions that ended (expired or revoked) before `before`; returns how many. */
export async function purgeSessions(db: Queryable, before: Date): Promise<number> {
  const { rowCount } = await db.query(
    'DELETE FROM sessions WHERE absolute_expires_at < $1 OR idle_expires_at < $1 OR revoked_at < $1',
    [before],
  );
  return rowCount ?? 0;
}
