import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../cli/dev-server.js';
import { inheritedEnv, loadConfig } from '../temporal.config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    stateDir: string;
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts one real Temporal dev server (the CLI the project's scripts obtain) for the whole run. It suggests
 * continue-as-new after a few dozen events, so the tests also drive workflows across continueAsNew.
 */
export default async function setup(project: TestProject) {
  const stateDir = mkdtempSync(join(tmpdir(), 'duyet-test-'));
  const port = await freePort();
  const config = loadConfig(inheritedEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${port}`, DUYET_STATE_DIR: stateDir }));
  const server = await startDevServer(config, {
    dbFile: join(stateDir, 'temporal.db'),
    extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=60'],
  });
  project.provide('temporalAddress', server.address);
  project.provide('stateDir', stateDir);
  return async () => {
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
}
