import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../cli/dev-server.js';
import { startEmbeddedStore } from '../store/index.js';
import { freePort } from './ports.js';
import { inheritedEnv, loadConfig } from '../temporal.config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    stateDir: string;
    /** The store every worker and CLI process of the run shares: `DUYET_DATABASE_URL`, or an in-memory PGlite. */
    databaseUrl: string;
  }
}

/**
 * A global setup that starts one real Temporal dev server (the CLI the project's scripts obtain) and one store (an
 * in-memory PGlite behind its socket server, unless `DUYET_DATABASE_URL` names a server) for the whole run. With
 * `continueAsNewAt`, the server suggests continue-as-new after that many events instead of Temporal's default.
 */
export function stackSetup(options: { continueAsNewAt?: number } = {}) {
  return async function setup(project: TestProject) {
    const stateDir = mkdtempSync(join(tmpdir(), 'duyet-test-'));
    const port = await freePort();
    const config = loadConfig(inheritedEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${port}`, DUYET_STATE_DIR: stateDir }));
    const server = await startDevServer(config, {
      dbFile: join(stateDir, 'temporal.db'),
      ...(options.continueAsNewAt
        ? {
            extraArgs: ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${options.continueAsNewAt}`],
          }
        : {}),
    });
    const embedded = config.store.url ? undefined : await startEmbeddedStore({ dataDir: null });
    project.provide('temporalAddress', server.address);
    project.provide('stateDir', stateDir);
    project.provide('databaseUrl', config.store.url ?? embedded!.url);
    return async () => {
      await embedded?.stop();
      await server.stop();
      rmSync(stateDir, { recursive: true, force: true });
    };
  };
}

/** The tests' stack: continue-as-new after a few dozen events, so the tests also drive workflows across it. */
export default stackSetup({ continueAsNewAt: 60 });
