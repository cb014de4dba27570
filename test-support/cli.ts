import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, inject } from 'vitest';
import { inheritedEnv, loadConfig } from '../temporal.config.js';
import { freePort } from './ports.js';

const cliMain = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const workerMain = fileURLToPath(new URL('../dist/worker/main.js', import.meta.url));

/** The environment of a built `duyet` process pointed at the test server and a task queue of its own. */
export function testEnv(taskQueue = `duyet-test-${randomUUID()}`): NodeJS.ProcessEnv {
  return inheritedEnv({
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    DUYET_STATE_DIR: inject('stateDir'),
    DUYET_DATABASE_URL: inject('databaseUrl'),
  });
}

/** The environment of a `duyet dev` or `demo` with a stack of its own: free ports for all it serves, its own state folder. */
export async function ownStackEnv(stateDir: string): Promise<NodeJS.ProcessEnv> {
  return inheritedEnv({
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    TEMPORAL_UI_PORT: String(await freePort()),
    DUYET_HTTP_PORT: String(await freePort()),
    DUYET_STATE_DIR: stateDir,
  });
}

/** Runs the built CLI and resolves with its exit code and output, whatever the code. */
export function duyet(
  env: NodeJS.ProcessEnv,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cliMain, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Spawns the built CLI without waiting for it, so a test can kill it mid-request. */
export function spawnDuyet(env: NodeJS.ProcessEnv, ...args: string[]): ChildProcess {
  return spawn(process.execPath, [cliMain, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A built `duyet` command (`worker`, `dev`, `demo --stay`, ...) as a supervisor runs it: its output collected, and
 * lines of it awaited. With `group`, it leads a process group of its own, which `killGroup` ends with everything it
 * started (the Temporal server and the worker of `dev` and `demo`), so a failed test leaves nothing running.
 */
export function watchedDuyet(
  env: NodeJS.ProcessEnv,
  command: string[] = ['worker'],
  options: { group?: boolean } = {},
) {
  const child: ChildProcess = spawn(process.execPath, [cliMain, ...command], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.group === true,
  });
  let output = '';
  const waiters: Array<() => void> = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exit,
    /** Ends the process group (with `group`), or the process alone, and waits for the process to exit. */
    async killGroup(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (options.group === true && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
      await exit;
    },
    get output() {
      return output;
    },
    /** Resolves with the first match of the pattern in the output so far or to come. */
    waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) resolve(match);
        };
        waiters.push(check);
        void exit.then((code) => reject(new Error(`duyet ${command[0]} exited ${code} before ${pattern}:\n${output}`)));
        check();
      });
    },
  };
}

/** Runs the built CLI, expects success and parses its JSON output. */
export async function duyetJson<T = unknown>(env: NodeJS.ProcessEnv, ...args: string[]): Promise<T> {
  const result = await duyet(env, ...args);
  if (result.code !== 0) throw new Error(`duyet ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Starts a `duyet worker` process and resolves once it polls its task queue. */
export function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [workerMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('duyet worker: polling')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
}

/** Kills a process and waits until it is gone. */
export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * For one describe block: a `duyet worker` process on a task queue of its own, a client on the test server,
 * and the matching client-side config; started before the block's tests and stopped after.
 */
export function useWorkerAndClient(extraEnv: NodeJS.ProcessEnv = {}) {
  const env = { ...testEnv(), ...extraEnv };
  const state: { worker?: ChildProcess; client?: Client } = {};
  beforeAll(async () => {
    state.worker = await startWorker(env);
    state.client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  });
  afterAll(async () => {
    if (state.worker) await kill(state.worker, 'SIGTERM');
    await state.client?.connection.close();
  });
  return {
    env,
    config: loadConfig({ ...env }),
    get client(): Client {
      return state.client!;
    },
    /** Stops the worker (SIGTERM unless told); decisions then wait on the server. */
    stopWorker: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (state.worker) await kill(state.worker, signal);
      state.worker = undefined;
    },
    startWorker: async () => {
      state.worker = await startWorker(env);
    },
  };
}
