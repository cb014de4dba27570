#!/usr/bin/env node
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../temporal.config.js';
import { connectWorker, createWorker } from './worker.js';

/** Runs one worker until SIGINT or SIGTERM. */
async function main() {
  const config = loadConfig();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await connectWorker(config);
  const worker = await createWorker(config, connection);
  process.stdout.write(
    `duyet worker: polling task queue "${config.temporal.taskQueue}" on ${config.temporal.address} (namespace ${config.temporal.namespace})\n`,
  );
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`duyet worker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
