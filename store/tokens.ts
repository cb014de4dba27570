import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';
import { secretHash, type Result } from './result.js';

/** Every API token starts with this, so scanners and people recognise one. */
export const TOKEN_PREFIX = 'duyet_';

/** An API token as listed: never the token itself, which is shown once at creation. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Why a bearer token does not authenticate. */
export type TokenRefusal = 'unknown' | 'revoked' | 'expired';

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
});

/** Creates a token for a user: 256 random bits after the prefix; only its SHA-256 is stored. */
export async function createToken(
  db: Queryable,
  request: { userId: string; name: string; expiresAt?: Date; now?: Date },
): Promise<{ token: string; info: ApiToken }> {
  const now = request.now ?? new Date();
  if (!request.name.trim()) throw new Error('expected a token name, e.g. --name "document system"');
  if (request.expiresAt && request.expiresAt <= now) {
    throw new Error(`expected an expiry in the future, got ${request.expiresAt.toISOString()}`);
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = `tok_${randomBytes(6).toString('hex')}`;
  const { rows } = await db.query<TokenRow>(
    `INSERT INTO api_tokens (id, token_hash, user_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, user_id, name, created_at, expires_at, revoked_at, last_used_at`,
    [id, secretHash(token), request.userId, request.name, now, request.expiresAt ?? null],
  );
  return { token, info: toToken(rows[0]!) };
}

/** Every token, newest first, optionally of one user. */
export async function listTokens(db: Queryable, userId?: string): Promise<ApiToken[]> {
  const { rows } = await db.query<TokenRow>(
    `SELECT id, user_id, name, created_at, expires_at, revoked_at, last_used_at FROM api_tokens
     WHERE $1::text IS NULL OR user_id = $1 ORDER BY created_at DESC, id`,
    [userId ?? null],
  );
  return rows.map(toToken);
}

/** Revokes a token by id; says whether it was unknown or already revoked. */
export async function revokeToken(
  db: Queryable,
  id: string,
  now: Date = new Date(),
): Promise<Result<ApiToken, 'unknown' | 'revoked'>> {
  const { rows } = await db.query<TokenRow>(
    `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL
     RETURNING id, user_id, name, created_at, expires_at, revoked_at, last_used_at`,
    [id, now],
  );
  if (rows[0]) return { success: true, data: toToken(rows[0]) };
  const { rowCount } = await db.query('SELECT 1 FROM api_tokens WHERE id = $1', [id]);
  return { success: false, error: rowCount ? 'revoked' : 'unknown' };
}

/**
 * Checks a bearer token: the user and token id when it is live (its last use is recorded), or why not
 * (unknown, revoked, expired). Every check is written to the audit log as `token.use`, with the token's id
 * whenever the token exists.
 */
export async function verifyToken(
  db: Queryable,
  token: string,
  options: { now?: Date; address?: string } = {},
): Promise<Result<{ userId: string; tokenId: string }, TokenRefusal>> {
  const now = options.now ?? new Date();
  const row = token.startsWith(TOKEN_PREFIX)
    ? (
        await db.query<{ id: string; user_id: string; expires_at: Date | null; revoked_at: Date | null }>(
          'SELECT id, user_id, expires_at, revoked_at FROM api_tokens WHERE token_hash = $1',
          [secretHash(token)],
        )
      ).rows[0]
    : undefined;
  const refusal: TokenRefusal | null = !row
    ? 'unknown'
    : row.revoked_at
      ? 'revoked'
      : row.expires_at && row.expires_at <= now
        ? 'expired'
        : null;
  if (!refusal) await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row!.id, now]);
  await db.query(
    `INSERT INTO audit_log (at, kind, outcome, actor, subject, address) VALUES ($1, 'token.use', $2, $3, $4, $5)`,
    [now, refusal ?? 'allowed', row?.user_id ?? null, row?.id ?? null, options.address ?? null],
  );
  return refusal
    ? { success: false, error: refusal }
    : { success: true, data: { userId: row!.user_id, tokenId: row!.id } };
}
