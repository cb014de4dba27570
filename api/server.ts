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

/** The configured API listening: the server, and `stop` that closes it, its Temporal connection and its store. */
export interface ConfiguredApi {
  server: ApiServer;
  deps: ApiDeps & { store: Store };
  stop(): Promise<void>;
}

/**
 * The API on DUYET_HTTP_HOST:DUYET_HTTP_PORT over the configured Temporal and store, with bearer tokens and browser
 * sessions on /api, the sign-in routes at /auth and the web pages at /: what `duyet serve`, `duyet dev` and
 * `duyet demo` run.
 */
export async function serveConfigured(config: DuyetConfig): Promise<ConfiguredApi> {
  const deps = await configuredDeps(config);
  const release = async () => {
    await deps.client.connection.close();
    await deps.store.close();
  };
  try {
    const server = await listen(deps, config.http);
    return {
      server,
      deps,
      async stop() {
        await server.close();
        await release();
      },
    };
  } catch (err) {
    await release();
    throw err;
  }
}

/** What a server prints of where it is: the API, its reference and document, and the web pages. */
export const whereServed = (url: string) =>
  `duyet: API at ${url}/api (reference ${url}/docs, document ${url}/openapi.json); web pages and sign-in at ${url}/`;

/** `duyet serve`: the API on DUYET_HTTP_HOST:DUYET_HTTP_PORT until SIGINT or SIGTERM. */
export async function runServe(config: DuyetConfig): Promise<void> {
  const api = await serveConfigured(config);
  process.stdout.write(`${whereServed(api.server.url)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await api.stop();
}
