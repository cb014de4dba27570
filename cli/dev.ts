import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inheritedEnv, type DuyetConfig } from '../temporal.config.js';
import { DEMO_PASSWORD } from '../store/index.js';
import { serveConfigured, whereServed, type ConfiguredApi } from '../api/server.js';
import { startDevServer, startDevStore, type DevServer, type DevStore } from './dev-server.js';

const workerMain = () => {
  const js = fileURLToPath(new URL('../worker/main.js', import.meta.url));
  if (existsSync(js)) return js;
  throw new Error(`the worker is not built (${js} is missing); run "npm run build" first`);
};

/** Starts a worker in its own process, as `duyet worker` does, against the given address (and store, when given). */
export function spawnWorker(
  config: DuyetConfig,
  stdio: 'inherit' | 'pipe' = 'inherit',
  storeUrl?: string,
): ChildProcess {
  return spawn(process.execPath, [workerMain()], {
    stdio: ['ignore', stdio, stdio],
    env: inheritedEnv({
      TEMPORAL_ADDRESS: config.temporal.address,
      TEMPORAL_NAMESPACE: config.temporal.namespace,
      TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
      ...(storeUrl ? { DUYET_DATABASE_URL: storeUrl } : {}),
    }),
  });
}

/** Waits for a child process to end and gives its exit code. */
export const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code ?? 1)),
  );

/**
 * `duyet worker`: a worker process against the configured Temporal. SIGINT and SIGTERM are passed on to it, so a
 * supervisor stopping `duyet worker` stops the worker too, after it drained; exits with the worker's code.
 */
export async function runWorker(config: DuyetConfig): Promise<void> {
  const worker = spawnWorker(config);
  const forward = (signal: NodeJS.Signals) => void worker.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const code = await exited(worker);
    if (code !== 0) throw new Error(`the worker exited with code ${code}`);
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

/**
 * Starts the store, the embedded Temporal server, a worker and the HTTP API (the app `duyet serve` runs, on
 * DUYET_HTTP_HOST:DUYET_HTTP_PORT), printing where they are; `stop` stops them in the reverse order.
 */
export async function startEmbedded(config: DuyetConfig): Promise<{
  server: DevServer;
  store: DevStore;
  worker: ChildProcess;
  api: ConfiguredApi;
  stop(): Promise<void>;
}> {
  const store = await startDevStore(config);
  let server: DevServer;
  try {
    server = await startDevServer(config, { ui: true, journal: 'wal' });
  } catch (err) {
    await store.stop();
    throw err;
  }
  const worker = spawnWorker(config, 'inherit', store.url);
  const stopTemporalSide = async () => {
    worker.kill('SIGTERM');
    await exited(worker);
    await server.stop();
    await store.stop();
  };
  let api: ConfiguredApi;
  try {
    api = await serveConfigured(config);
  } catch (err) {
    await stopTemporalSide();
    throw err;
  }
  process.stdout.write(
    [
      `duyet: Temporal dev server at ${server.address} (namespace ${config.temporal.namespace}), CLI from ${server.cli.source}: ${server.cli.path}`,
      `duyet: history kept in ${server.dbFile} (SQLite, ${server.journal === 'wal' ? 'write-ahead log' : 'journal ' + server.journal})`,
      `duyet: Temporal UI at http://127.0.0.1:${config.temporal.uiPort}`,
      `duyet: store at ${store.description}`,
      ...(store.demoUsers.length
        ? [
            `duyet: demo password "${DEMO_PASSWORD}" for ${store.demoUsers.length} user(s) without one of their own; set real ones with "duyet users set-password ID"`,
          ]
        : []),
      `duyet: worker started (pid ${worker.pid}) on task queue "${config.temporal.taskQueue}"`,
      whereServed(api.server.url),
    ].join('\n') + '\n',
  );
  return {
    server,
    store,
    worker,
    api,
    async stop() {
      await api.stop();
      await stopTemporalSide();
    },
  };
}

/**
 * `duyet dev`: the embedded server, a worker and the HTTP API until Ctrl-C or SIGTERM; then the worker drains (SIGTERM, up to
 * 25 s) before the server stops. Later signals are ignored meanwhile, so a second Ctrl-C does not cut the drain.
 */
export async function runDev(config: DuyetConfig): Promise<void> {
  const embedded = await startEmbedded(config);
  process.stdout.write('duyet: ready; press Ctrl-C to stop\n');
  let stop: () => void = () => {};
  const stopping = new Promise<void>((resolve) => (stop = resolve));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  embedded.worker.once('exit', stop);
  await stopping;
  process.stdout.write('duyet: stopping; the worker drains first\n');
  try {
    await embedded.stop();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
