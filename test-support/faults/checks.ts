import type { Client } from '@temporalio/client';
import { status } from '../../client/dossiers.js';
import type { Queryable } from '../../store/index.js';
import { stepId, reviewSteps, type DecisionRecord } from './dossiers.js';
import type { FaultTarget } from './plan.js';

/** A fault as it happened: what was killed, when, and when a query was answered again. */
export interface FaultRecord {
  target: FaultTarget;
  at: number;
  recoveredAt: number;
}

/** What the run found about decisions: each in its dossier's history exactly once, none lost, none falsely refused. */
export interface DecisionFigures {
  sent: number;
  inHistory: number;
  lost: string[];
  doubled: string[];
  /** Refused, yet in history: what must never happen. */
  falseRefusals: string[];
  /** Refused and not in history (none expected: every decision is valid in turn). */
  otherRefusals: string[];
  /** Dossiers not completed at the end. */
  unfinished: string[];
  /** Attempts beyond the first, across all requests (re-sent under the same id). */
  resent: number;
  worstLatencyMs: number;
}

/**
 * Reads every dossier's record and checks it against what was sent: the seven decisions, each once, in order, and
 * every refusal the run saw against the history.
 */
export async function checkDecisions(
  client: Client,
  dossiers: ReadonlyArray<{ workflowId: string }>,
  records: readonly DecisionRecord[],
  runLabel: string,
): Promise<DecisionFigures> {
  const figures: DecisionFigures = {
    sent: records.length,
    inHistory: 0,
    lost: [],
    doubled: [],
    falseRefusals: [],
    otherRefusals: [],
    unfinished: [],
    resent: records.reduce((sum, r) => sum + r.attempts - 1, 0),
    worstLatencyMs: Math.max(0, ...records.map((r) => (r.answeredAt ?? Date.now()) - r.sentAt)),
  };
  for (const { workflowId } of dossiers) {
    const view = await status(client, workflowId);
    if (view.status !== 'completed') figures.unfinished.push(`${workflowId} (${view.status} at ${view.state})`);
    const comments = view.history.map((h) => h.comment ?? '');
    reviewSteps.forEach((_, step) => {
      const id = stepId(workflowId, step);
      const copies = comments.filter((c) => c === `${runLabel} ${id}`).length;
      if (copies >= 1) figures.inHistory += 1;
      if (copies === 0) figures.lost.push(id);
      if (copies > 1) figures.doubled.push(`${id} ×${copies}`);
      const refusal = records.find((r) => r.workflowId === workflowId && r.step === step && r.refused);
      if (refusal) (copies > 0 ? figures.falseRefusals : figures.otherRefusals).push(`${id}: ${refusal.refused}`);
    });
    if (view.history.length !== reviewSteps.length)
      figures.doubled.push(
        `${workflowId}: ${view.history.length} decisions in history, expected ${reviewSteps.length}`,
      );
  }
  return figures;
}

/** The store's delivery log: each key and when it was recorded (epoch ms). */
export async function readDeliveryLog(db: Queryable): Promise<Map<string, number>> {
  const { rows } = await db.query<{ key: string; delivered_at: Date }>('SELECT key, delivered_at FROM deliveries');
  return new Map(rows.map((r) => [r.key, r.delivered_at.getTime()]));
}

/** A message as a receiver got it: its key and when it arrived. */
export interface Received {
  key: string | null | undefined;
  receivedAt: number;
}

/** A copy sent again, and whether a worker kill fell inside its one-message window. */
export interface Duplicate {
  key: string;
  copies: number;
  /**
   * Milliseconds from the receiver accepting the first copy to the worker kill that interrupted its recording;
   * negative when the receiver finished reading a message after the worker that sent it was killed.
   */
  killAfterMs: number | null;
  /** When each copy arrived and when the delivery log recorded the key (epoch ms), for the figures. */
  receivedAt: number[];
  recordedAt: number | null;
}

/** What the run found about notifications. */
export interface NotificationFigures {
  emails: number;
  webhooks: number;
  keys: number;
  logged: number;
  /** Keys in the delivery log that no receiver got, and keys received that the log does not hold. */
  notReceived: string[];
  notLogged: string[];
  missingKey: number;
  insideWindow: Duplicate[];
  /** Copies no kill explains: what must never happen. */
  unexplained: Duplicate[];
}

/**
 * Counts every message per key and explains each copy: a duplicate is inside its one-message window when a worker
 * was killed between handing the first copy to its receiver and the delivery log recording the key (its
 * `delivered_at`), so the attempt that sent it died between the two, each kill costing at most one copy; any other
 * copy is unexplained. `logged` is the delivery log: each key and when it was recorded (epoch ms). Pure.
 */
export function checkNotifications(
  logged: ReadonlyMap<string, number>,
  emails: readonly Received[],
  webhooks: readonly Received[],
  faults: readonly FaultRecord[],
): NotificationFigures {
  const byKey = new Map<string, number[]>();
  let missingKey = 0;
  for (const message of [...emails, ...webhooks]) {
    if (!message.key) {
      missingKey += 1;
      continue;
    }
    byKey.set(message.key, [...(byKey.get(message.key) ?? []), message.receivedAt]);
  }
  // A message the worker handed over just before it died may be read in full by the receiver just after: the
  // receiver's clock starts the window at most this much later than the handover did.
  const HANDOVER_MS = 2_000;
  const workerKills = faults.filter((f) => f.target !== 'server').map((f) => f.at);
  const figures: NotificationFigures = {
    emails: emails.length,
    webhooks: webhooks.length,
    keys: byKey.size,
    logged: logged.size,
    notReceived: [...logged.keys()].filter((key) => !byKey.has(key)),
    notLogged: [...byKey.keys()].filter((key) => !logged.has(key)),
    missingKey,
    insideWindow: [],
    unexplained: [],
  };
  for (const [key, times] of byKey) {
    if (times.length < 2) continue;
    const first = Math.min(...times);
    const recorded = logged.get(key) ?? Number.POSITIVE_INFINITY;
    const kills = workerKills.filter((at) => at >= first - HANDOVER_MS && at <= recorded);
    const duplicate = {
      key,
      copies: times.length,
      killAfterMs: kills.length ? kills[0]! - first : null,
      receivedAt: times,
      recordedAt: logged.get(key) ?? null,
    };
    // Each kill inside the window can cost one copy, no more.
    (kills.length > 0 && times.length - 1 <= kills.length ? figures.insideWindow : figures.unexplained).push(duplicate);
  }
  return figures;
}
