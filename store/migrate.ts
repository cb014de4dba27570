import type pg from 'pg';
import { migrations, type Migration } from './migrations/index.js';

/** An arbitrary constant: the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 7_245_193_001;

/**
 * Applies, in order and each in its own transaction, every migration not yet recorded in
 * `schema_migrations`; processes starting together wait for one another on an advisory lock.
 * Returns the versions it applied.
 */
export async function migrate(db: pg.Pool, list: readonly Migration[] = migrations): Promise<number[]> {
  const client = await db.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => r.version));
      for (const migration of [...list].sort((a, b) => a.version - b.version)) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          // Claiming the version first makes a second process skip it even where the advisory lock is shared
          // (PGlite serves every connection from one session).
          const claim = await client.query(
            'INSERT INTO schema_migrations (version, name) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING',
            [migration.version, migration.name],
          );
          if (claim.rowCount === 0) {
            await client.query('ROLLBACK');
            continue;
          }
          await client.query(migration.sql);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(err as Error).message}`, {
            cause: err,
          });
        }
        applied.push(migration.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return applied;
}
