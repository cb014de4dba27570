#!/usr/bin/env node
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../temporal.config.js';
import { defaultBackoff, waitForServer } from './wait-for-server.js';
import { connectWorker, createWorker, drain, openWorkerStore } from './worker.js';

const log = (line: string) => process.stdout.write(line + '\n');

/** Runs one worker until SIGINT or SIGTERM, then drains: running tasks finish within the grace period. */
async function main() {
  const config = loadConfig();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // The Runtime shuts the worker down on the first signal; this listener keeps later ones (a terminal's Ctrl-C
  // beside the signal `duyet worker` forwards) from killing the process mid-drain, and ends a wait for the server.
  const stopping = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      if (!stopping.signal.aborted)
        log(`duyet worker: ${signal} received; draining (running tasks get up to ${drain.graceSeconds} s)`);
      stopping.abort();
    });
  const connection = await waitForServer(() => connectWorker(config), {
    ...defaultBackoff(config.workerConnectWaitSeconds),
    address: config.temporal.address,
    log,
    signal: stopping.signal,
  });
  if (!connection) return;
  try {
    const store = await openWorkerStore(config);
    try {
      const worker = await createWorker(config, connection, store);
      if (stopping.signal.aborted) return;
      log(
        `duyet worker: polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address} (namespace ${config.temporal.namespace}, pid ${process.pid}); store ${store.url}`,
      );
      await worker.run();
      log('duyet worker: drained and stopped');
    } finally {
      await store.close();
    }
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`duyet worker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
