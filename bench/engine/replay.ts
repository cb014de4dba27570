import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { Runtime } from '@temporalio/worker';
import { startDevServer } from '../../cli/dev-server.js';
import { inheritedEnv, loadConfig } from '../../temporal.config.js';
import { freePort } from '../../test-support/ports.js';
import { benchContext } from './context.js';
import { longHistory, replayTime } from './phases.js';

// `node dist-bench/bench/engine/replay.js record DIR` keeps the long history and the bundle of the engine and of the
// hand-written workflow in DIR (on a dev server of its own); `... replay DIR [TIMES] [VARIANT]` replays them (or one)
// without a server, on the main thread (the SDK replays in debug mode), so `node --cpu-prof` over it profiles only the
// replay: the step of `npm run bench:engine` with the least margin.
const { temporal } = proto;
const [mode = '', dir = '', times = '10', only = ''] = process.argv.slice(2);
const compared = (['engine', 'hand-written'] as const).filter((v) => !only || v === only);
const say = (line: string) => process.stdout.write(line + '\n');
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Records each variant's long history and bundle into `into`. */
async function record(into: string) {
  mkdirSync(into, { recursive: true });
  const stateDir = mkdtempSync(join(tmpdir(), 'duyet-replay-'));
  const port = await freePort();
  const config = loadConfig(inheritedEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${port}`, DUYET_STATE_DIR: stateDir }));
  const server = await startDevServer(config, { dbFile: join(stateDir, 'temporal.db') });
  const connection = await Connection.connect({ address: server.address });
  try {
    const ctx = await benchContext(connection, server.address, into, 'replay');
    for (const variant of compared) {
      const history = await longHistory(ctx, variant, Number(inheritedEnv().BENCH_REPLAY_EVENTS ?? 1500));
      writeFileSync(join(into, `${variant}.history.bin`), temporal.api.history.v1.History.encode(history).finish());
      say(`${variant}: ${history.events?.length} events`);
    }
  } finally {
    await connection.close();
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Replays each recorded history `count` times (after one that warms up) and prints the time per replay. */
async function replay(from: string, count: number) {
  Runtime.install({ logger: quiet });
  const ms: Record<string, number> = {};
  for (const variant of compared) {
    const history = temporal.api.history.v1.History.decode(readFileSync(join(from, `${variant}.history.bin`)));
    const { msPerReplay, events } = await replayTime(join(from, `${variant}.bundle.js`), history, count);
    ms[variant] = msPerReplay;
    say(`${variant}: ${msPerReplay.toFixed(0)} ms per replay of ${events} events`);
  }
  say(`engine ÷ hand-written: ${((ms.engine ?? NaN) / (ms['hand-written'] ?? NaN)).toFixed(3)}`);
}

async function main() {
  if (!dir || (mode !== 'record' && mode !== 'replay'))
    throw new Error('expected `record DIR` or `replay DIR [TIMES]`, e.g. `replay /tmp/duyet-replay 10`');
  if (mode === 'record') await record(dir);
  else await replay(dir, Number(times));
}

main().catch((err) => {
  process.stderr.write(`bench replay failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
