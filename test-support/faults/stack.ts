import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { status } from '../../client/dossiers.js';
import { openStore, startEmbeddedStore, type EmbeddedStore, type Store } from '../../store/index.js';
import { inheritedEnv, loadConfig, type DuyetConfig } from '../../temporal.config.js';
import { startSmtpServer, startWebhookReceiver, type TestSmtpServer } from '../receivers.js';
import { freePort } from '../ports.js';
import { openLog, temporalServer, workerProcess, type Supervised } from './processes.js';

const WEBHOOK_SECRET = 'fault-test-webhook-secret';

/** Everything a fault run starts: the Temporal server and a worker as children it may kill, and what it never kills. */
export interface FaultStack {
  stateDir: string;
  logFile: string;
  config: DuyetConfig;
  client: Client;
  store: Store;
  smtp: TestSmtpServer;
  hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  server: Supervised;
  worker: Supervised;
  /** Resolves once a query of `probeId` is answered (the server and a worker both serve again); the instant it was. */
  probe(probeId: string): Promise<number>;
  /** Stops everything this run started, by the pids it holds; keeps the state folder's figures and log. */
  stop(): Promise<void>;
}

/**
 * Starts the fault run's stack in a state folder of its own: the Temporal CLI dev server on a free port with a SQLite
 * file (suggesting continue-as-new after 60 events, as the integration tests do), the store (`DUYET_DATABASE_URL`
 * or an embedded PGlite), a real SMTP server and a webhook receiver that checks signatures, and one worker process.
 */
export async function startFaultStack(keepDb = false): Promise<FaultStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'duyet-faults-'));
  const logFile = join(stateDir, 'processes.log');
  const log = openLog(logFile);
  const stops: Array<() => Promise<void>> = [];
  try {
    const address = `127.0.0.1:${await freePort()}`;
    const base = loadConfig(inheritedEnv({ TEMPORAL_ADDRESS: address, DUYET_STATE_DIR: stateDir }));
    let embedded: EmbeddedStore | undefined;
    if (!base.store.url) {
      embedded = await startEmbeddedStore({ dataDir: null });
      stops.push(() => embedded!.stop());
    }
    const storeUrl = base.store.url ?? embedded!.url;
    const store = await openStore(storeUrl, { poolSize: 2 });
    stops.push(() => store.close());
    const smtp = await startSmtpServer();
    stops.push(() => smtp.stop());
    const hooks = await startWebhookReceiver(WEBHOOK_SECRET);
    stops.push(() => hooks.stop());
    const env = inheritedEnv({
      TEMPORAL_ADDRESS: address,
      TEMPORAL_TASK_QUEUE: 'duyet-faults',
      DUYET_STATE_DIR: stateDir,
      DUYET_DATABASE_URL: storeUrl,
      DUYET_SMTP_URL: smtp.url,
      DUYET_WEBHOOK_URL: hooks.url,
      DUYET_WEBHOOK_SECRET: WEBHOOK_SECRET,
      DUYET_WORKER_CONNECT_WAIT: '300',
    });
    const config = loadConfig(env);
    const server = temporalServer(config, join(stateDir, 'temporal.db'), log, [
      '--dynamic-config-value',
      'limit.historyCount.suggestContinueAsNew=60',
    ]);
    stops.push(() => server.kill());
    await server.start();
    const worker = workerProcess(env, log);
    stops.push(() => worker.kill());
    await worker.start();
    const client = new Client({
      connection: await Connection.connect({ address }),
      namespace: config.temporal.namespace,
    });
    stops.push(() => client.connection.close());
    return {
      stateDir,
      logFile,
      config,
      client,
      store,
      smtp,
      hooks,
      server,
      worker,
      async probe(probeId) {
        for (;;) {
          const answered = await Promise.race([
            status(client, probeId).then(
              () => true,
              () => false,
            ),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
          ]);
          if (answered) return Date.now();
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
        log.end();
        if (!keepDb)
          for (const file of ['temporal.db', 'temporal.db-wal', 'temporal.db-shm'])
            rmSync(join(stateDir, file), { force: true });
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    log.end();
    throw err;
  }
}
