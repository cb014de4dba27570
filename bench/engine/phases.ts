import type { Client, WorkflowHandle } from '@temporalio/client';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { median, percentile, pool } from './stats.js';

const { temporal } = proto;
type History = proto.temporal.api.history.v1.IHistory;
import { decisions, forkWorker, startArgs, startOne, type Variant } from './variants.js';

/** Where the benchmark runs: its server, client, bundles, and a prefix that keeps its workflow ids unique. */
export interface BenchContext {
  client: Client;
  address: string;
  /** The bundle file each variant's worker loads: the engine's is duyet's own workflows module. */
  bundles: Record<Variant, string>;
  runId: string;
  args: ReturnType<typeof startArgs>;
}

/** What one throughput round of one variant measured. */
export interface RoundResult {
  variant: Variant;
  dossiersPerSecond: number;
  cpuMsPerDossier: number;
  updateMs: number[];
  startMs: number[];
  workflowIds: string[];
}

const elapsed = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

/** Walks one dossier through the seven decisions, timing its start and each Update, then waits for its end. */
async function walk(ctx: BenchContext, variant: Variant, taskQueue: string, workflowId: string, into: RoundResult) {
  let t = process.hrtime.bigint();
  const handle: WorkflowHandle = await startOne(ctx.client, variant, ctx.args, taskQueue, workflowId);
  into.startMs.push(elapsed(t));
  for (const decision of decisions) {
    t = process.hrtime.bigint();
    await handle.executeUpdate('decide', { args: [decision] }).catch((err: Error) => {
      throw new Error(
        `${variant} ${workflowId} ${decision.type}: ${(err.cause as Error | undefined)?.message ?? err.message}`,
        {
          cause: err,
        },
      );
    });
    into.updateMs.push(elapsed(t));
  }
  await handle.result();
}

/** One round of one variant on a fresh worker child: a warm-up, then `dossiers` walks, `concurrency` at a time. */
export async function throughputRound(
  ctx: BenchContext,
  variant: Variant,
  round: number,
  sizes: { dossiers: number; concurrency: number; warmup: number },
): Promise<RoundResult> {
  const taskQueue = `${ctx.runId}-${variant}-${round}`;
  const worker = await forkWorker(ctx.address, taskQueue, ctx.bundles[variant], 1000);
  try {
    const warm: RoundResult = {
      variant,
      dossiersPerSecond: 0,
      cpuMsPerDossier: 0,
      updateMs: [],
      startMs: [],
      workflowIds: [],
    };
    await pool(sizes.warmup, sizes.concurrency, (i) => walk(ctx, variant, taskQueue, `${taskQueue}-warm-${i}`, warm));
    const result: RoundResult = { ...warm, updateMs: [], startMs: [], workflowIds: [] };
    const before = await worker.usage();
    const t0 = process.hrtime.bigint();
    await pool(sizes.dossiers, sizes.concurrency, async (i) => {
      const id = `${taskQueue}-${i}`;
      result.workflowIds.push(id);
      await walk(ctx, variant, taskQueue, id, result);
    });
    const seconds = elapsed(t0) / 1000;
    const after = await worker.usage();
    result.dossiersPerSecond = sizes.dossiers / seconds;
    result.cpuMsPerDossier = (after.cpuMs - before.cpuMs) / sizes.dossiers;
    return result;
  } finally {
    await worker.stop();
  }
}

/** Worker RSS growth per open, cached workflow: `open` dossiers started and submitted on a fresh worker child. */
export async function memoryPerOpen(ctx: BenchContext, variant: Variant, open: number, concurrency: number) {
  const taskQueue = `${ctx.runId}-${variant}-open`;
  const worker = await forkWorker(ctx.address, taskQueue, ctx.bundles[variant], open + 100);
  try {
    // A few dossiers first, so the bundle and the SDK's own structures are in place before the baseline.
    const warm = async (i: number, prefix: string) => {
      const handle = await startOne(ctx.client, variant, ctx.args, taskQueue, `${taskQueue}-${prefix}-${i}`);
      await handle.executeUpdate('decide', { args: [decisions[0]] });
    };
    await pool(20, concurrency, (i) => warm(i, 'warm'));
    const before = await worker.usage();
    await pool(open, concurrency, (i) => warm(i, 'open'));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await worker.usage();
    return { rssPerOpen: (after.rss - before.rss) / open, heapPerOpen: (after.heapUsed - before.heapUsed) / open };
  } finally {
    await worker.stop();
  }
}

/** Events and encoded bytes of the histories of some finished dossiers. */
export async function historySize(ctx: BenchContext, workflowIds: string[]) {
  const sizes = await Promise.all(
    workflowIds.map(async (id) => {
      const history = await ctx.client.workflow.getHandle(id).fetchHistory();
      return {
        events: history.events?.length ?? 0,
        bytes: temporal.api.history.v1.History.encode(history).finish().length,
      };
    }),
  );
  return { events: median(sizes.map((s) => s.events)), bytes: median(sizes.map((s) => s.bytes)) };
}

/**
 * Waits until a workflow has nothing in flight, no activity and no workflow task, as between the decisions of a
 * dossier taken hours apart; so every decision's history has the same shape whatever the timing of the run.
 */
async function idle(handle: WorkflowHandle) {
  for (;;) {
    const { raw } = await handle.describe();
    if (!raw.pendingActivities?.length && !raw.pendingWorkflowTask) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A history of about `events` events: one dossier sent back for revision and resubmitted until its history is that
 * long, then approved to its end; each decision is sent once the workflow is idle (its notification delivered), so
 * the variants' histories have the same shape and the replay compares the workflows, not the timing of the run.
 */
export async function longHistory(ctx: BenchContext, variant: Variant, events: number) {
  const taskQueue = `${ctx.runId}-${variant}-long`;
  const worker = await forkWorker(ctx.address, taskQueue, ctx.bundles[variant], 100);
  try {
    const handle = await startOne(ctx.client, variant, ctx.args, taskQueue, `${taskQueue}-dossier`);
    const decide = async (decision: (typeof decisions)[number] | undefined) => {
      await idle(handle);
      await handle.executeUpdate('decide', { args: [decision] });
    };
    const [submit, revise] = [decisions[0], decisions[1]];
    await decide(submit);
    for (let i = 0; ; i += 1) {
      if (i % 10 === 0 && (await handle.describe()).historyLength >= events - 60) break;
      await decide(revise);
      await decide(submit);
    }
    for (const decision of decisions.slice(3)) await decide(decision);
    await handle.result();
    return handle.fetchHistory();
  } finally {
    await worker.stop();
  }
}

/** Replay time of one history on the benchmark bundle: replays `times + 1` copies, less the one that warms up. */
export async function replayTime(codePath: string, history: History, times: number) {
  const once = async (copies: number) => {
    const t = process.hrtime.bigint();
    const histories = Array.from({ length: copies }, (_, i) => ({ workflowId: `replay-${i}`, history }));
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath } }, histories)) {
      if (result.error) throw result.error;
    }
    return elapsed(t);
  };
  const single = await once(1);
  const many = await once(times + 1);
  return { msPerReplay: (many - single) / times, events: history.events?.length ?? 0 };
}

export { percentile };

/**
 * Replay time of each variant's long history, in `rounds` rounds that take the variants in turn (the first one
 * rotating), so drift on the machine (a collector, another process) falls on both alike: the median per variant of
 * each round's time per replay (three replays a round after one that warms up).
 */
export async function replayRounds<V extends string>(
  entries: Array<{ variant: V; codePath: string; history: History }>,
  rounds: number,
): Promise<Map<V, { replayMs: number; replayEvents: number }>> {
  const times = new Map<V, number[]>(entries.map((e) => [e.variant, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < entries.length; i += 1) {
      const { variant, codePath, history } = entries[(i + round) % entries.length]!;
      times.get(variant)!.push((await replayTime(codePath, history, 3)).msPerReplay);
    }
  }
  return new Map(
    entries.map((e) => [
      e.variant,
      { replayMs: median(times.get(e.variant)!), replayEvents: e.history.events?.length ?? 0 },
    ]),
  );
}
