import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openStore, startEmbeddedStore, type EmbeddedStore, type Store } from '../store/index.js';
import { loadConfig } from '../temporal.config.js';

/**
 * A fresh, migrated store for one test file: a database of its own on the server `DUYET_DATABASE_URL` names
 * (`npm run test:postgres`), or else an in-memory PGlite behind its socket server, reached through `pg` as
 * every duyet process reaches it. `connectionUrl` is the URL with its password, for child processes.
 */
export async function createTestStore(): Promise<Store & { kind: 'postgres' | 'pglite'; connectionUrl: string }> {
  const serverUrl = loadConfig().store.url;
  if (!serverUrl) {
    const embedded: EmbeddedStore = await startEmbeddedStore({ dataDir: null });
    const store = await openStore(embedded.url);
    return {
      ...store,
      kind: 'pglite',
      connectionUrl: embedded.url,
      async close() {
        await store.close();
        await embedded.stop();
      },
    };
  }
  const name = `duyet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openStore(url.toString());
  return {
    ...store,
    kind: 'postgres',
    connectionUrl: url.toString(),
    async close() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE ${name}`);
      await cleanup.end();
    },
  };
}

/** For one test file: a store opened before its tests and closed after; read `.db` inside tests. */
export function useTestStore() {
  const state: { store?: Awaited<ReturnType<typeof createTestStore>> } = {};
  beforeAll(async () => {
    state.store = await createTestStore();
  });
  afterAll(async () => {
    await state.store?.close();
  });
  return {
    get db(): pg.Pool {
      if (!state.store) throw new Error('the test store is opened in beforeAll; use it inside a test');
      return state.store.db;
    },
    get kind() {
      return state.store!.kind;
    },
  };
}
