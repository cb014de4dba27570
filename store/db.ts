import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { DuyetConfig } from '../temporal.config.js';
import { migrate } from './migrate.js';

/** Anything that runs a parameterised query: a pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** An open store: a connection pool whose schema is migrated. */
export interface Store {
  /** Run queries through this; every repository function takes it as its first argument. */
  db: pg.Pool;
  /** Where the store is, without the password. */
  url: string;
  close(): Promise<void>;
}

/** The file in which `duyet dev` leaves the embedded store's URL for the other processes of the machine. */
export const embeddedUrlFile = (config: DuyetConfig) => join(config.stateDir, 'store.url');

/**
 * Where the store is: `DUYET_DATABASE_URL`, else the embedded store that `duyet dev` started (its URL file
 * under the state folder); throws, saying how to get one, when there is neither.
 */
export function storeUrl(config: DuyetConfig): string {
  if (config.store.url) return config.store.url;
  try {
    return readFileSync(embeddedUrlFile(config), 'utf8').trim();
  } catch {
    throw new Error(
      `no store: set DUYET_DATABASE_URL=postgres://... or start the embedded one with "duyet dev" (it writes ${embeddedUrlFile(config)})`,
    );
  }
}

/** A URL fit to print: the password, if any, replaced by "***". */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * Opens a pool on a PostgreSQL server (or the embedded PGlite socket server) and runs the migrations it
 * lacks; throws, naming the address and how to start the store, when it cannot be reached.
 */
export async function openStore(url: string, options: { poolSize?: number } = {}): Promise<Store> {
  const db = new pg.Pool({ connectionString: url, max: options.poolSize ?? 5, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  db.on('error', () => {});
  try {
    await migrate(db);
  } catch (err) {
    await db.end().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `the store at ${redactUrl(url)} cannot be used (${reason}); start it with "duyet dev" or check DUYET_DATABASE_URL`,
      { cause: err },
    );
  }
  return { db, url: redactUrl(url), close: () => db.end() };
}

/** Opens the store the config names, runs `fn` with it and closes it after. */
export async function withStore<T>(config: DuyetConfig, fn: (db: pg.Pool) => Promise<T>): Promise<T> {
  const store = await openStore(storeUrl(config), { poolSize: config.store.poolSize });
  try {
    return await fn(store.db);
  } finally {
    await store.close();
  }
}

/** Runs `fn` inside one transaction on one client of the pool, committing on success and rolling back on failure. */
export async function inTransaction<T>(db: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
