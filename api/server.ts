import { serve, type ServerType } from '@hono/node-server';
import { connectClient } from '../client/connect.js';
import { loadDirectory } from '../directory/directory.js';
import { assertServableOn, openStore, storeUrl, type Store } from '../store/index.js';
import type { DuyetConfig } from '../temporal.config.js';
import { createApp, type AppOptions } from './app.js';
import type { ApiDeps } from './types.js';

/** A listening API server. */
export interface ApiServer {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Listens with the app built from `deps` on host:port (0 picks a free port). A host other than loopback is refused
 * while any account still has the demo password.
 */
export async function listen(
  deps: ApiDeps,
  where: { host: string; port: number },
  options: AppOptions = {},
): Promise<ApiServer> {
  await assertServableOn(deps.db, where.host);
  const app = createApp(deps, options);
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const onError = (err: Error) => reject(new Error(`cannot listen on ${where.host}:${where.port}: ${err.message}`));
    server = serve({ fetch: app.fetch, hostname: where.host, port: where.port }, (info) => {
      server!.off('error', onError);
      const host = where.host.includes(':') ? `[${where.host}]` : where.host;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server!.close(() => done());
            // Keep-alive connections would hold the server open.
            if ('closeAllConnections' in server!) server.closeAllConnections();
          }),
      });
    });
    server.once('error', onError);
  });
}

/** The API's dependencies as the config names them: Temporal, the store, the directory file (read once). */
export async function configuredDeps(config: DuyetConfig): Promise<ApiDeps & { store: Store }> {
  const users = loadDirectory(config.directoryFile);
  const store = await openStore(storeUrl(config), { poolSize: config.store.poolSize });
  try {
    const client = await connectClient(config);
    return { client, db: store.db, store, directory: () => users, config };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** `duyet serve`: the API on DUYET_HTTP_HOST:DUYET_HTTP_PORT until SIGINT or SIGTERM. */
export async function runServe(config: DuyetConfig): Promise<void> {
  const deps = await configuredDeps(config);
  let server: ApiServer;
  try {
    server = await listen(deps, config.http);
  } catch (err) {
    await deps.client.connection.close();
    await deps.store.close();
    throw err;
  }
  process.stdout.write(
    `duyet: API at ${server.url} (reference ${server.url}/docs, document ${server.url}/openapi.json)\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await deps.client.connection.close();
  await deps.store.close();
}
