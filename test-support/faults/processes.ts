import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { devServerDynamicConfig } from '../../cli/dev-server.js';
import { locateTemporalCli } from '../../cli/temporal-cli.js';
import type { DuyetConfig } from '../../temporal.config.js';
import { searchAttributeKeys } from '../../workflows/search-attributes.js';

const workerMain = fileURLToPath(new URL('../../dist/worker/main.js', import.meta.url));

/** One child process the fault test started, restarted as often as it is killed; only its own pids are ever signalled. */
export interface Supervised {
  readonly name: string;
  /** The pid of the running child, or undefined while it is down. */
  readonly pid: number | undefined;
  /** Every pid this supervisor started, for the final check that none is left. */
  readonly pids: readonly number[];
  /** Starts the child and resolves once it is ready. */
  start(): Promise<void>;
  /** SIGKILLs the running child (started by this supervisor) and waits until it is gone. */
  kill(): Promise<void>;
  /** Whether the child died without being killed here (a crash the test did not cause). */
  readonly unexpectedExits: number;
}

/** Resolves once the process has exited. */
const exitOf = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

/** A supervisor over `spawn`, with readiness given by `ready` and output appended to `log`. */
function supervise(
  name: string,
  log: WriteStream,
  launch: () => ChildProcess,
  ready: (child: ChildProcess, output: () => string) => Promise<void>,
): Supervised {
  let child: ChildProcess | undefined;
  let readiness: Promise<void> = Promise.resolve();
  const pids: number[] = [];
  let killing = false;
  let unexpectedExits = 0;
  return {
    name,
    get pid() {
      return child?.pid;
    },
    pids,
    get unexpectedExits() {
      return unexpectedExits;
    },
    async start() {
      // Asked twice (the run's restart and its watchdog), the second waits for the same start.
      if (child) return readiness;
      const started = launch();
      child = started;
      pids.push(started.pid!);
      let output = '';
      const collect = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
        log.write(chunk);
      };
      started.stdout?.on('data', collect);
      started.stderr?.on('data', collect);
      started.once('exit', (code, signal) => {
        log.write(`--- ${name} pid ${started.pid} exited (${signal ?? code})\n`);
        if (!killing) unexpectedExits += 1;
        if (child === started) child = undefined;
      });
      readiness = ready(started, () => output);
      await readiness;
    },
    async kill() {
      const running = child;
      if (!running) return;
      killing = true;
      try {
        running.kill('SIGKILL');
        await exitOf(running);
      } finally {
        killing = false;
        if (child === running) child = undefined;
      }
    },
  };
}

/** Resolves when `ok` first holds, polling every 200 ms; rejects after `limitMs` or if the child exits first. */
async function until(
  child: ChildProcess,
  what: string,
  ok: () => Promise<boolean>,
  limitMs: number,
  out: () => string,
) {
  const giveUp = Date.now() + limitMs;
  while (Date.now() < giveUp) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited before ready:\n${out()}`);
    if (await ok()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} not ready within ${limitMs / 1000} s:\n${out()}`);
}

/**
 * The Temporal CLI dev server (the binary the project's scripts obtain) as a child process of this one, keeping its
 * state in a SQLite file so that it survives SIGKILL; ready when a client reaches its namespace.
 */
export function temporalServer(config: DuyetConfig, dbFile: string, log: WriteStream, extraArgs: string[] = []) {
  const located = locateTemporalCli(config);
  if (!located) throw new Error('the fault test needs the Temporal CLI: set TEMPORAL_CLI or put `temporal` on PATH');
  const [ip, port] = config.temporal.address.split(':') as [string, string];
  const args = [
    ...['server', 'start-dev', '--ip', ip, '--port', port, '--namespace', config.temporal.namespace],
    ...['--db-filename', dbFile, '--headless', '--log-level', 'error'],
    ...Object.values(searchAttributeKeys).flatMap(({ name, type }) => [
      '--search-attribute',
      `${name}=${TypedSearchAttributes.toMetadataType(type)}`,
    ]),
    ...devServerDynamicConfig,
    ...extraArgs,
  ];
  return supervise(
    'temporal',
    log,
    () => spawn(located.path, args, { stdio: ['ignore', 'pipe', 'pipe'] }),
    (child, output) =>
      until(
        child,
        'the Temporal dev server',
        async () => {
          try {
            const connection = await Connection.connect({ address: config.temporal.address, connectTimeout: 1000 });
            try {
              await connection.workflowService.describeNamespace({ namespace: config.temporal.namespace });
              return true;
            } finally {
              await connection.close();
            }
          } catch {
            return false;
          }
        },
        60_000,
        output,
      ),
  );
}

/** A worker process (`dist/worker/main.js`, what `duyet worker` runs), ready once it says it polls its task queue. */
export function workerProcess(env: NodeJS.ProcessEnv, log: WriteStream, name = 'worker') {
  return supervise(
    name,
    log,
    () => spawn(process.execPath, [workerMain], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    (child, output) => until(child, name, async () => output().includes('duyet worker: polling'), 180_000, output),
  );
}

/** Opens the run's log file, where every child's output goes. */
export const openLog = (file: string) => createWriteStream(file, { flags: 'a' });
