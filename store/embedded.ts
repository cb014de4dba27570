import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Connections the embedded server accepts at once. PGlite runs one query at a time and the socket server
 * queues them (a transaction keeps its connection's turn); each duyet process opens a pool of a few
 * connections, so this leaves room for the worker, the HTTP server and many CLI calls together.
 */
export const EMBEDDED_MAX_CONNECTIONS = 64;

/** A running embedded store: PGlite behind its PostgreSQL socket server, on loopback. */
export interface EmbeddedStore {
  /** A `postgres://` URL any PostgreSQL client (and every duyet process) connects with. */
  url: string;
  /** Where the data lives, or null in memory. */
  dataDir: string | null;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with its data in `dataDir` (in memory when null) behind `@electric-sql/pglite-socket` on
 * 127.0.0.1 and the given port (0: a free one); when `urlFile` is given, writes the URL there for the
 * machine's other duyet processes, and removes it on stop.
 */
export async function startEmbeddedStore(options: {
  dataDir: string | null;
  port?: number;
  urlFile?: string;
}): Promise<EmbeddedStore> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? undefined);
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw new Error(
      `the embedded store cannot listen on 127.0.0.1:${options.port ?? 0} (${(err as Error).message}); choose another DUYET_STORE_PORT or 0 for a free one`,
      { cause: err },
    );
  }
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  if (options.urlFile) writeFileSync(options.urlFile, url + '\n');
  return {
    url,
    dataDir: options.dataDir,
    async stop() {
      if (options.urlFile) rmSync(options.urlFile, { force: true });
      await server.stop();
      await db.close();
    },
  };
}
