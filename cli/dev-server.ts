import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DuyetConfig } from '../temporal.config.js';
import { searchAttributeKeys } from '../workflows/search-attributes.js';
import { locateTemporalCli, type Located } from './temporal-cli.js';

/** A running embedded Temporal server and how it was obtained. */
export interface DevServer {
  env: TestWorkflowEnvironment;
  address: string;
  cli: Located | { path: 'sdk-download'; source: 'sdk' };
  dbFile: string | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the Temporal CLI dev server with duyet's search attributes registered, persisting to a SQLite
 * file under the state folder unless `dbFile` is null (in memory, for tests).
 */
export async function startDevServer(
  config: DuyetConfig,
  options: { port?: number; dbFile?: string | null; ui?: boolean; extraArgs?: string[] } = {},
): Promise<DevServer> {
  const [ip = '127.0.0.1', portText = '7233'] = config.temporal.address.split(':');
  const port = options.port ?? Number(portText);
  mkdirSync(config.stateDir, { recursive: true });
  const dbFile = options.dbFile === null ? undefined : (options.dbFile ?? join(config.stateDir, 'duyet.db'));
  const located = locateTemporalCli(config);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: located
        ? { type: 'existing-path', path: located.path }
        : { type: 'cached-download', downloadDir: join(config.toolsDir, 'sdk-download') },
      ip,
      port,
      namespace: config.temporal.namespace,
      ...(dbFile ? { dbFilename: dbFile } : {}),
      ...(options.ui ? { ui: true, uiPort: config.temporal.uiPort } : {}),
      searchAttributes: Object.values(searchAttributeKeys),
      ...(options.extraArgs ? { extraArgs: options.extraArgs } : {}),
      log: { format: 'pretty', level: 'error' },
    },
  });
  return {
    env,
    address: `${ip}:${port}`,
    cli: located ?? { path: 'sdk-download', source: 'sdk' },
    dbFile,
    stop: () => env.teardown(),
  };
}
