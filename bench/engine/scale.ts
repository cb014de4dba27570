import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection, WorkflowIdReusePolicy } from '@temporalio/client';
import proto from '@temporalio/proto';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer, type SqliteJournal } from '../../cli/dev-server.js';
import { bundlerOptions } from '../../worker/worker.js';
import { list, listPage, listQuery } from '../../client/dossiers.js';
import { searchAttributeKeys as keys } from '../../workflows/search-attributes.js';
import { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import type { ProcessView } from '../../machines/process.js';
import { inheritedEnv, loadConfig } from '../../temporal.config.js';
import { viewQuery } from '../../workflows/process.messages.js';
import { freePort } from '../../test-support/ports.js';
import { fmt, mib, percentile, pool } from './stats.js';
import { exampleInput, forkWorker, startArgs } from './variants.js';

// `npm run bench:scale`: what a secretariat notices with many dossiers open on one worker, each with an escalation
// timer pending: the worker's memory, how late the rungs fire when many come due in the same minute, and how long a
// list takes at that many open (its first page, and every row). Sizes come from the environment. The dev server's
// SQLite journal is `duyet dev`'s (write-ahead log, every commit synced); BENCH_SCALE_JOURNAL=wal-normal or rollback
// for the others (see `SqliteJournal`).
const env = inheritedEnv();
const size = (name: string, fallback: number) => Number(env[name] ?? fallback);
const sizes = {
  open: size('BENCH_SCALE_OPEN', 10_000),
  due: size('BENCH_SCALE_DUE', 1000),
  concurrency: size('BENCH_SCALE_CONCURRENCY', 64),
  cache: size('BENCH_SCALE_CACHE', 2000),
};
const journal = journalFrom(env.BENCH_SCALE_JOURNAL ?? 'wal');
function journalFrom(text: string): SqliteJournal {
  if (text === 'wal' || text === 'wal-normal' || text === 'rollback') return text;
  throw new Error(`BENCH_SCALE_JOURNAL must be wal, wal-normal or rollback, not "${text}"`);
}
const out = env.BENCH_OUT ?? fileURLToPath(new URL('../../../bench/results/scale.md', import.meta.url));
const say = (line: string) => process.stdout.write(line + '\n');
const seconds = (since: number) => (Date.now() - since) / 1000;

/** The review pipeline with one rung on the submission milestone: it fires at the due instant. */
const definition = {
  ...reviewPipeline,
  milestones: reviewPipeline.milestones.map((m) =>
    m.id === 'pmSubmission' ? { ...m, escalation: (m.escalation ?? []).filter((r) => r.id === 'supervisor') } : m,
  ),
};

/**
 * Waits until the worker has caught up: the task queue's workflow backlog empty at three looks two seconds apart, and
 * a workflow task's timeout (10 s) past, for a task whose completion the server dropped comes back after it. Returns
 * the seconds waited, or NaN after `limit` seconds.
 */
async function caughtUp(client: Client, taskQueue: string, limit: number) {
  const since = Date.now();
  for (let quiet = 0; quiet < 3;) {
    if (seconds(since) > limit) return Number.NaN;
    const { stats } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      reportStats: true,
    });
    quiet = Number(stats?.approximateBacklogCount ?? 0) === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  return seconds(since);
}

async function main() {
  const began = Date.now();
  const stateDir = mkdtempSync(join(tmpdir(), 'duyet-scale-'));
  const config = loadConfig(
    inheritedEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, DUYET_STATE_DIR: stateDir }),
  );
  const loadBefore = loadavg();
  say(
    `bench:scale ${JSON.stringify({ ...sizes, journal })}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const server = await startDevServer(config, {
    dbFile: join(stateDir, 'temporal.db'),
    journal,
  });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  try {
    const workflowsPath = fileURLToPath(new URL('../../workflows/index.js', import.meta.url));
    const { code } = await bundleWorkflowCode({ workflowsPath, logger: quiet, ...bundlerOptions });
    const codePath = join(stateDir, 'bundle.js');
    writeFileSync(codePath, code);
    const worker = await forkWorker(server.address, 'scale', codePath, sizes.cache);
    const base = await worker.usage();
    const prepared = startArgs();
    const { calendar } = prepared.engine.args[0] as { calendar: unknown };
    const { typedSearchAttributes } = prepared;
    const start = (id: string, milestones: Record<string, string>) =>
      client.workflow.start('processWorkflow', {
        taskQueue: 'scale',
        workflowId: id,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ definition, input: { ...exampleInput, milestones }, calendar }],
        typedSearchAttributes,
      });

    // Those not due: their timers wait for 2027.
    let t = Date.now();
    const far = { pmSubmission: exampleInput.milestones.pmSubmission as string };
    await pool(sizes.open - sizes.due, sizes.concurrency, async (i) => void (await start(`far-${i}`, far)));
    const rate = (sizes.open - sizes.due) / seconds(t);
    say(`opened ${sizes.open - sizes.due} in ${fmt(seconds(t))} s (${fmt(rate)}/s)`);

    // The rungs are measured on a worker that has caught up with the starts, not behind them.
    const lag = await caughtUp(client, 'scale', Math.max(600, sizes.open / 5));
    const workerRate = (sizes.open - sizes.due) / (seconds(t) || 1);
    say(`the worker caught up ${fmt(lag)} s after the last start (${fmt(workerRate)} dossiers/s)`);

    // Those due within one minute, starting once all are open (at the slower of the two rates, plus a minute).
    const dueFrom = Date.now() + (sizes.due / Math.min(rate, workerRate)) * 1000 + 60_000;
    const dueAt = (i: number) => new Date(dueFrom + (i % 60) * 1000).toISOString();
    t = Date.now();
    await pool(sizes.due, sizes.concurrency, async (i) => void (await start(`due-${i}`, { pmSubmission: dueAt(i) })));
    say(`opened ${sizes.due} due between ${dueAt(0)} and ${dueAt(59)} in ${fmt(seconds(t))} s`);
    const dueLag = await caughtUp(client, 'scale', 600);
    say(`the worker caught up ${fmt(dueLag)} s after the last of them`);
    const open = await worker.usage();

    const timed = async <T>(task: () => Promise<T>) => {
      const t0 = Date.now();
      const result = await task();
      return { ms: Date.now() - t0, result };
    };
    // What the faces ask: the first page of the running dossiers (`GET /api/dossiers`), the next one by its cursor,
    // a secretariat user's inbox, and every row (`duyet list`).
    const running = { status: 'running', process: 'review-pipeline' };
    const firstPage = await timed(() => listPage(client, running, { pageSize: 50 }));
    const nextPage = await timed(() =>
      listPage(client, running, { pageSize: 50, cursor: firstPage.result.cursor ?? undefined }),
    );
    const awaiting = { roles: ['secretariat'], userId: 'nguyen.thu' };
    const inbox = await timed(() => listPage(client, { awaiting }, { pageSize: 50 }));
    const listAll = await timed(() => list(client, { process: 'review-pipeline' }));
    say(
      `first page ${firstPage.ms} ms, next page ${nextPage.ms} ms, inbox page ${inbox.ms} ms; ` +
        `list ${listAll.result.length} in ${listAll.ms} ms`,
    );

    // Wait for the due minute and for every due dossier to show its rung in visibility (a count, which costs no rows).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, dueFrom + 60_000 - Date.now())));
    const waitUntil = Date.now() + 10 * 60_000;
    const escalated = `${listQuery({ overdue: true })} AND ${keys.escalationLevel.name} > 0`;
    while ((await client.workflow.count(escalated)).count < sizes.due && Date.now() < waitUntil)
      await new Promise((resolve) => setTimeout(resolve, 2000));
    const overdue = await timed(() => list(client, { overdue: true }));
    const overduePage = await timed(() => listPage(client, { overdue: true }, { pageSize: 50 }));
    const fired = await worker.usage();
    const late: number[] = [];
    await pool(sizes.due, 20, async (i) => {
      const view: ProcessView = await client.workflow.getHandle(`due-${i}`).query(viewQuery);
      const rung = view.milestones.find((m) => m.id === 'pmSubmission')?.rungs[0];
      if (rung?.firedAt) late.push((Date.parse(rung.firedAt) - Date.parse(rung.at)) / 1000);
    });
    const queried = await worker.usage();
    const table = [
      `# bench:scale — ${sizes.open} dossiers open on one worker`,
      '',
      `Run ${new Date().toISOString()} on ${cpus().length} cores, ${fmt(seconds(began) / 60)} minutes; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
      `Command: \`npm run bench:scale\` (BENCH_SCALE_OPEN=${sizes.open} BENCH_SCALE_DUE=${sizes.due} BENCH_SCALE_CACHE=${sizes.cache} BENCH_SCALE_JOURNAL=${journal}). Each dossier waits in drafting with its submission milestone's rung timer pending; ${sizes.due} of them come due within one minute.`,
      '',
      '| measure | value |',
      '|---|---|',
      `| dossiers open | ${sizes.open} (${fmt(rate)} starts/s) |`,
      `| the worker caught up with the starts (all processed, backlog empty) | ${fmt(lag)} s after the last, ${fmt(workerRate)} dossiers/s |`,
      `| worker cache (maxCachedWorkflows) | ${sizes.cache} |`,
      `| worker RSS: idle, ${sizes.open} open, after the rungs fired, after ${sizes.due} views were queried (MiB) | ${fmt(mib(base.rss), 0)}, ${fmt(mib(open.rss), 0)}, ${fmt(mib(fired.rss), 0)}, ${fmt(mib(queried.rss), 0)} |`,
      `| worker heap used, same moments (MiB) | ${fmt(mib(base.heapUsed), 0)}, ${fmt(mib(open.heapUsed), 0)}, ${fmt(mib(fired.heapUsed), 0)}, ${fmt(mib(queried.heapUsed), 0)} |`,
      `| rungs fired of ${sizes.due} due | ${late.length} |`,
      `| lateness of a rung, p50 / p99 / max (s) | ${fmt(percentile(late, 50))} / ${fmt(percentile(late, 99))} / ${fmt(Math.max(...late))} |`,
      `| first page of 50 running (\`GET /api/dossiers\`) (ms) | ${firstPage.ms} |`,
      `| the next page, by its cursor (ms) | ${nextPage.ms} |`,
      `| a secretariat user's inbox, first page of 50 (ms) | ${inbox.ms} |`,
      `| every row, \`list\` of all ${listAll.result.length} open (ms) | ${listAll.ms} |`,
      `| overdue after the rungs: first page of 50 / all ${overdue.result.length} rows (ms) | ${overduePage.ms} / ${overdue.ms} |`,
      '',
    ].join('\n');
    say('\n' + table);
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, table);
    await worker.stop();
  } finally {
    await connection.close();
    await server.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

main().catch((err) => {
  process.stderr.write(`bench:scale failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
