import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import nodemailer from 'nodemailer';
import { createActivities, heartbeat, storeDeliveryLog, type ActivityDeps } from '../activities/index.js';
import { loadDirectory } from '../directory/directory.js';
import { openStore, storeUrl, type Store } from '../store/index.js';
import type { DuyetConfig } from '../temporal.config.js';

/** A module of the project by path from the root: the .ts source under tests, the .js build otherwise. */
const projectModule = (path: string) => {
  const ts = fileURLToPath(new URL(`../${path}.ts`, import.meta.url));
  return existsSync(ts) ? ts : fileURLToPath(new URL(`../${path}.js`, import.meta.url));
};

/** The workflows module, loaded by path as the Temporal bundler wants. */
export const workflowsPath = projectModule('workflows/index');

/**
 * How duyet bundles its workflows: xstate and the pure modules the workflows use (machines/, the shipped definitions,
 * calendar/ and the pure part of delegation/) are loaded once per workflow thread and shared by every workflow, where
 * by default each workflow would evaluate its own copy of every module. They keep no per-workflow state; the SDK
 * freezes what they export, and `machines/shipped.ts` keeps one compiled process per definition for the thread.
 */
export const bundlerOptions = {
  preloadModules: [
    'xstate',
    ...['machines/shipped', 'machines/start-context', 'machines/conditions', 'calendar/dates'].map(projectModule),
    ...['calendar/working-days', 'calendar/compact', 'delegation/plan-adjustment', 'delegation/ledger-id'].map(
      projectModule,
    ),
  ],
};

/** Connects to Temporal as the config says. */
export function connectWorker(config: DuyetConfig): Promise<NativeConnection> {
  const { address, tls, apiKey } = config.temporal;
  return NativeConnection.connect({ address, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) });
}

/** A Temporal client for the activities that send Updates to other workflows (the ledger), connected on first use. */
function lazyClient(config: DuyetConfig): () => Client {
  let client: Client | undefined;
  return () => {
    if (!client) {
      const { address, namespace, tls, apiKey } = config.temporal;
      const connection = Connection.lazy({ address, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) });
      client = new Client({ connection, namespace });
    }
    return client;
  };
}

/** Opens (and migrates) the store the config names: `DUYET_DATABASE_URL`, or the embedded one `duyet dev` started. */
export function openWorkerStore(config: DuyetConfig): Promise<Store> {
  return openStore(storeUrl(config), { poolSize: config.store.poolSize });
}

/**
 * The real dependencies of the activities: the directory file, SMTP (with timeouts well inside the activity's
 * heartbeat), the signed webhook, the store's delivery log, and a client for the ledger steps.
 */
export function activityDeps(config: DuyetConfig, store: Store): ActivityDeps {
  const { smtpUrl, mailFrom, webhook } = config.notify;
  return {
    ledger: { client: lazyClient(config), taskQueue: config.temporal.taskQueue },
    users: () => loadDirectory(config.directoryFile),
    mail: smtpUrl
      ? {
          transport: nodemailer.createTransport(smtpUrl, {
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 20_000,
          }),
          from: mailFrom,
        }
      : undefined,
    webhook,
    deliveries: storeDeliveryLog(store.db),
    heartbeat: (details) => heartbeat(details),
    log: (line) => process.stdout.write(line + '\n'),
  };
}

/**
 * Worker memory per open, cached process workflow, in MiB: measured by `npm run bench:engine` (bench/results/engine.md)
 * and rounded up. The worker's cache holds as many workflows as `DUYET_WORKER_CACHE_MIB` pays for at this figure.
 */
export const mibPerCachedWorkflow = 0.5;

/** How many workflows a worker keeps cached: its memory budget over the measured memory per workflow, at least 2. */
export const maxCachedWorkflows = (config: DuyetConfig) =>
  Math.max(2, Math.floor(config.workerCacheMiB / mibPerCachedWorkflow));

/** How a worker stops: running activities and workflow tasks get `graceSeconds` to finish; after `forceSeconds` it gives up. */
export const drain = { graceSeconds: 20, forceSeconds: 25 } as const;

/** Creates a worker hosting the process workflow and its activities on the configured task queue, over the store given. */
export async function createWorker(
  config: DuyetConfig,
  connection: NativeConnection,
  store: Store,
  options: { deps?: Partial<ActivityDeps>; bundle?: WorkerOptions['workflowBundle'] } = {},
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...(options.bundle ? { workflowBundle: options.bundle } : { workflowsPath, bundlerOptions }),
    activities: createActivities({ ...activityDeps(config, store), ...options.deps }),
    maxCachedWorkflows: maxCachedWorkflows(config),
    shutdownGraceTime: drain.graceSeconds * 1000,
    shutdownForceTime: drain.forceSeconds * 1000,
  });
}
