import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadDirectory } from '../directory/directory.js';
import {
  demoAccounts,
  embeddedUrlFile,
  openStore,
  redactUrl,
  setDemoPasswords,
  startEmbeddedStore,
} from '../store/index.js';
import type { DuyetConfig } from '../temporal.config.js';
import { searchAttributeKeys } from '../workflows/search-attributes.js';
import { locateTemporalCli, type Located } from './temporal-cli.js';

/**
 * The most an Update's request may weigh on the embedded server, in bytes (`history.maxInFlightUpdatePayloads`, the
 * total of a workflow's Updates in flight): 2 MiB less 64 KiB. A worker answers an Update with the request inside
 * (the protocol's acceptance or rejection carries it back), and Temporal's SDK refuses to send a payload past the
 * namespace's 2 MiB blob limit, so a larger request, sent straight to a workflow past the faces' own 1 MiB limit,
 * would fail its workflow task until the Update timed out (about 20 s, the dossier refusing queries meanwhile). With
 * this limit the server refuses such a request when it arrives, before any worker sees it.
 */
export const updatePayloadLimit = 2 * 1024 * 1024 - 64 * 1024;

/** The dynamic configuration every embedded server starts with (see {@link updatePayloadLimit}). */
export const devServerDynamicConfig: readonly string[] = [
  '--dynamic-config-value',
  `history.maxInFlightUpdatePayloads=${updatePayloadLimit}`,
];

/**
 * How the server's SQLite file keeps its journal. `wal` is write-ahead logging with every commit synced (FULL): an
 * acknowledged start or decision survives a power cut, and a commit costs one sync instead of the rollback journal's
 * several. `wal-normal` syncs only at checkpoints (a power cut may lose the last commits, never corrupt the file), for
 * benchmarks. `rollback` is SQLite's default.
 */
export type SqliteJournal = 'wal' | 'wal-normal' | 'rollback';

/** The Temporal CLI's `--sqlite-pragma` arguments for a journal mode. */
export function sqlitePragmas(journal: SqliteJournal): string[] {
  if (journal === 'rollback') return [];
  const synchronous = journal === 'wal' ? 'full' : 'normal';
  return ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', `synchronous=${synchronous}`];
}

/** A running embedded Temporal server and how it was obtained. */
export interface DevServer {
  env: TestWorkflowEnvironment;
  address: string;
  cli: Located | { path: 'sdk-download'; source: 'sdk' };
  dbFile: string | undefined;
  /** The journal mode of `dbFile`. */
  journal: SqliteJournal | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the Temporal CLI dev server with duyet's search attributes registered, persisting to a SQLite
 * file under the state folder unless `dbFile` is null (in memory, for tests); `journal` applies to that file only.
 */
export async function startDevServer(
  config: DuyetConfig,
  options: {
    port?: number;
    dbFile?: string | null;
    ui?: boolean;
    journal?: SqliteJournal;
    extraArgs?: string[];
  } = {},
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
      extraArgs: [
        ...devServerDynamicConfig,
        ...(dbFile ? sqlitePragmas(options.journal ?? 'rollback') : []),
        ...(options.extraArgs ?? []),
      ],
      log: { format: 'pretty', level: 'error' },
    },
  });
  return {
    env,
    address: `${ip}:${port}`,
    cli: located ?? { path: 'sdk-download', source: 'sdk' },
    dbFile,
    journal: dbFile ? (options.journal ?? 'rollback') : undefined,
    stop: () => env.teardown(),
  };
}

/** The store `duyet dev` runs with: the embedded PGlite it started, or the server `DUYET_DATABASE_URL` names. */
export interface DevStore {
  /** The URL the worker and the other processes connect with. */
  url: string;
  /** What to print: the URL without its password, and where the data is. */
  description: string;
  /** The users who still have the demo password. */
  demoUsers: string[];
  stop(): Promise<void>;
}

/**
 * Starts the embedded store (PGlite behind its socket server on loopback, data under the state folder, its URL
 * written there for the machine's other duyet processes), or uses `DUYET_DATABASE_URL`; runs the migrations and
 * gives every directory user without a password the demo password.
 */
export async function startDevStore(config: DuyetConfig): Promise<DevStore> {
  const embedded = config.store.url
    ? undefined
    : await startEmbeddedStore({
        dataDir: config.store.embedded.dataDir,
        port: config.store.embedded.port,
        urlFile: embeddedUrlFile(config),
      });
  const url = config.store.url ?? embedded!.url;
  try {
    const store = await openStore(url, { poolSize: 1 });
    try {
      await setDemoPasswords(
        store.db,
        loadDirectory(config.directoryFile).map((u) => u.id),
      );
      const demoUsers = await demoAccounts(store.db);
      return {
        url,
        description: embedded ? `${embedded.url} (PGlite, data in ${embedded.dataDir})` : redactUrl(url),
        demoUsers,
        stop: async () => embedded?.stop(),
      };
    } finally {
      await store.close();
    }
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
