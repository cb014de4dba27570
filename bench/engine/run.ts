import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { startDevServer } from '../../cli/dev-server.js';
import { inheritedEnv, loadConfig } from '../../temporal.config.js';
import {
  historySize,
  longHistory,
  memoryPerOpen,
  replayRounds,
  throughputRound,
  type BenchContext,
  type RoundResult,
} from './phases.js';
import { freePort } from '../../test-support/ports.js';
import { fmt, median, mib, percentile } from './stats.js';
import { benchContext } from './context.js';
import { variants, type Variant } from './variants.js';

// `npm run bench:engine`: duyet's generic engine against a hand-written workflow of the same shape and a ceiling,
// on its own Temporal dev server, one worker child per variant and round. Sizes come from the environment.
const env = inheritedEnv();
const size = (name: string, fallback: number) => Number(env[name] ?? fallback);
const sizes = {
  dossiers: size('BENCH_DOSSIERS', 200),
  concurrency: size('BENCH_CONCURRENCY', 20),
  rounds: size('BENCH_ROUNDS', 5),
  warmup: size('BENCH_WARMUP', 10),
  open: size('BENCH_OPEN', 1000),
  replayEvents: size('BENCH_REPLAY_EVENTS', 1500),
  replays: size('BENCH_REPLAYS', 7),
};
const out = env.BENCH_OUT ?? fileURLToPath(new URL('../../../bench/results/engine.md', import.meta.url));
const say = (line: string) => process.stdout.write(line + '\n');

async function main() {
  const stateDir = mkdtempSync(join(tmpdir(), 'duyet-bench-'));
  const port = await freePort();
  const config = loadConfig(inheritedEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${port}`, DUYET_STATE_DIR: stateDir }));
  const loadBefore = loadavg();
  say(`bench:engine ${JSON.stringify(sizes)}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  const server = await startDevServer(config, { dbFile: join(stateDir, 'temporal.db') });
  const connection = await Connection.connect({ address: server.address });
  try {
    const ctx: BenchContext = await benchContext(connection, server.address, stateDir, 'bench');
    const rounds: RoundResult[] = [];
    for (let round = 0; round < sizes.rounds; round += 1) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length] as Variant);
      for (const variant of order) {
        const result = await throughputRound(ctx, variant, round, sizes);
        say(
          `round ${round + 1} ${variant}: ${fmt(result.dossiersPerSecond)} dossiers/s, ${fmt(result.cpuMsPerDossier)} ms CPU/dossier`,
        );
        rounds.push(result);
      }
    }
    const measured = [] as Array<[Variant, Awaited<ReturnType<typeof measureMore>>]>;
    for (const variant of ['engine', 'hand-written'] as const) {
      measured.push([variant, await measureMore(ctx, variant, rounds)]);
      const { long, ...more } = measured.at(-1)![1];
      say(`${variant}: ${JSON.stringify(more)}, a ${long.events?.length ?? 0}-event history to replay`);
    }
    const replays = await replayRounds(
      measured.map(([variant, more]) => ({ variant, codePath: ctx.bundles[variant], history: more.long })),
      sizes.replays,
    );
    for (const [variant, more] of measured) Object.assign(more, replays.get(variant));
    const table = tableOf(rounds, new Map(measured), loadBefore, loadavg());
    say('\n' + table);
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, table);
    say(`written to ${out}`);
  } finally {
    await connection.close();
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** Memory per open workflow, history size and a long history of one variant (replayed after both, interleaved). */
async function measureMore(ctx: BenchContext, variant: Variant, rounds: RoundResult[]) {
  const memory = await memoryPerOpen(ctx, variant, sizes.open, sizes.concurrency);
  const ids = rounds.filter((r) => r.variant === variant).flatMap((r) => r.workflowIds.slice(0, 3));
  const history = await historySize(ctx, ids);
  const long = await longHistory(ctx, variant, sizes.replayEvents);
  return { ...memory, ...history, long, replayMs: NaN, replayEvents: long.events?.length ?? 0 };
}

type More = Awaited<ReturnType<typeof measureMore>>;

/** The Markdown table of one run: every measure per variant and the engine's ratio to the hand-written workflow. */
function tableOf(rounds: RoundResult[], more: Map<Variant, More>, loadBefore: number[], loadAfter: number[]): string {
  const of = (v: Variant) => rounds.filter((r) => r.variant === v);
  const measure = (v: Variant) => ({
    throughput: median(of(v).map((r) => r.dossiersPerSecond)),
    cpu: median(of(v).map((r) => r.cpuMsPerDossier)),
    update: of(v).flatMap((r) => r.updateMs),
    start: of(v).flatMap((r) => r.startMs),
  });
  const [e, h, c] = [measure('engine'), measure('hand-written'), measure('ceiling')];
  const [me, mh] = [more.get('engine'), more.get('hand-written')];
  const row = (
    name: string,
    values: Array<number | undefined>,
    digits: number,
    ratio: number | undefined,
    target: string,
  ) =>
    `| ${name} | ${values.map((v) => (v === undefined ? '' : fmt(v, digits))).join(' | ')} | ${ratio === undefined ? '' : fmt(ratio, 2) + '×'} | ${target} |`;
  const p = (xs: number[], q: number) => percentile(xs, q);
  const lines = [
    `# bench:engine — generic engine, hand-written workflow, ceiling`,
    '',
    `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}.`,
    `Sizes: ${sizes.dossiers} dossiers × 7 decisions per variant and round, ${sizes.concurrency} in flight, ${sizes.rounds} rounds in rotated order (median of rounds), ${sizes.open} open workflows for memory, ${sizes.replayEvents}-event history for replay (median of ${sizes.replays} rounds taking the variants in turn).`,
    `Command: \`npm run bench:engine\` (BENCH_DOSSIERS=${sizes.dossiers} BENCH_CONCURRENCY=${sizes.concurrency} BENCH_ROUNDS=${sizes.rounds} BENCH_OPEN=${sizes.open} BENCH_REPLAY_EVENTS=${sizes.replayEvents} BENCH_REPLAYS=${sizes.replays}).`,
    '',
    '| measure | engine | hand-written | ceiling | engine ÷ hand-written | target |',
    '|---|---|---|---|---|---|',
    row('dossiers/s', [e.throughput, h.throughput, c.throughput], 1, e.throughput / h.throughput, '≥ 0.9×'),
    row('worker CPU per dossier (ms)', [e.cpu, h.cpu, c.cpu], 1, e.cpu / h.cpu, '≤ 1.15×'),
    row(
      'update latency p50 (ms)',
      [p(e.update, 50), p(h.update, 50), p(c.update, 50)],
      0,
      p(e.update, 50) / p(h.update, 50),
      '',
    ),
    row(
      'update latency p99 (ms)',
      [p(e.update, 99), p(h.update, 99), p(c.update, 99)],
      0,
      p(e.update, 99) / p(h.update, 99),
      '≤ 1.15×',
    ),
    row(
      'start latency p50 (ms)',
      [p(e.start, 50), p(h.start, 50), p(c.start, 50)],
      0,
      p(e.start, 50) / p(h.start, 50),
      '',
    ),
    row(
      'start latency p99 (ms)',
      [p(e.start, 99), p(h.start, 99), p(c.start, 99)],
      0,
      p(e.start, 99) / p(h.start, 99),
      '',
    ),
    row(
      'worker RSS per open cached workflow (MiB)',
      [mib(me?.rssPerOpen ?? NaN), mib(mh?.rssPerOpen ?? NaN), undefined],
      3,
      (me?.rssPerOpen ?? NaN) / (mh?.rssPerOpen ?? NaN),
      '≤ 1.5×',
    ),
    row(
      'history per dossier (events)',
      [me?.events, mh?.events, undefined],
      0,
      (me?.events ?? NaN) / (mh?.events ?? NaN),
      '',
    ),
    row(
      'history per dossier (KB)',
      [(me?.bytes ?? NaN) / 1000, (mh?.bytes ?? NaN) / 1000, undefined],
      1,
      (me?.bytes ?? NaN) / (mh?.bytes ?? NaN),
      '≤ 1.3×',
    ),
    row(
      `replay of a long history (ms; ${me?.replayEvents} and ${mh?.replayEvents} events)`,
      [me?.replayMs, mh?.replayMs, undefined],
      0,
      (me?.replayMs ?? NaN) / (mh?.replayMs ?? NaN),
      '≤ 1.15×',
    ),
    '',
  ];
  return lines.join('\n');
}

main().catch((err) => {
  process.stderr.write(`bench:engine failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
