import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDossier } from '../../client/dossiers.js';
import { futureExample } from '../future-example.js';
import {
  checkDecisions,
  readDeliveryLog,
  checkNotifications,
  type DecisionFigures,
  type FaultRecord,
  type NotificationFigures,
} from './checks.js';
import { reviewSteps, sendStep, startDossiers, type DecisionRecord } from './dossiers.js';
import { planFaults, seededRandom, type FaultSettings } from './plan.js';
import type { FaultStack } from './stack.js';

/** What a fault run did and found. */
export interface FaultRunResult {
  settings: FaultSettings;
  runLabel: string;
  faults: FaultRecord[];
  decisions: DecisionFigures;
  notifications: NotificationFigures;
  /** Times a child died without being killed by the run (the worker giving up on an absent server, say). */
  unexpectedExits: { worker: number; server: number };
  worstRecoveryMs: number;
  /** Decisions first sent while a fault was not yet recovered from (killed, restarting, or not yet answering). */
  sentDuringFaults: number;
  durationMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `ready()` holds, checking every 100 ms. */
async function when(ready: () => boolean) {
  while (!ready()) await sleep(100);
}

/**
 * Drives the run's dossiers through their seven decisions while the planned faults strike: decision k of every
 * dossier is released once k/7 of the faults have struck (plus a seeded pause of up to FAULTS_MAX_GAP_MS + 6 s), so decisions and
 * escalations are in flight at every kill; after each kill the run restarts what it killed (and a worker that
 * died on its own) and measures the time until a query is answered again. Then it checks what arrived.
 */
export async function runFaults(
  stack: FaultStack,
  settings: FaultSettings,
  say: (line: string) => void,
): Promise<FaultRunResult> {
  const began = Date.now();
  const random = seededRandom(settings.seed);
  const plan = planFaults(settings, random);
  const runLabel = `faults-${settings.seed}`;
  const { client, config, server, worker } = stack;
  say(
    `faults: seed ${settings.seed} (FAULTS_SEED=${settings.seed} repeats the plan), ${settings.faults} faults, ${settings.dossiers} dossiers; ` +
      `state and log in ${stack.stateDir}`,
  );
  const dossiers = await startDossiers(client, config, runLabel, settings.dossiers);
  const probeId = `${runLabel}-probe`;
  await startDossier(client, config, { process: 'review-pipeline', input: futureExample(), workflowId: probeId });
  // Spread each release over about two faults' time, so decisions are sent before, during and after kills.
  const spreadMs = settings.maxGapMs + 6_000;
  const jitter = dossiers.map(() => reviewSteps.map(() => Math.round(random() * spreadMs)));

  let struck = 0;
  let faultsOver = false;
  let restarting = false;
  const records: DecisionRecord[] = [];
  const threshold = (step: number) => Math.round((step * settings.faults) / reviewSteps.length);
  const drive = dossiers.map(async ({ workflowId }, i) => {
    for (let step = 0; step < reviewSteps.length; step += 1) {
      await when(() => faultsOver || struck >= threshold(step));
      await sleep(jitter[i]![step]!);
      const record = await sendStep(client, config, workflowId, step, runLabel);
      records.push(record);
      if (record.refused || record.answeredAt === undefined) return;
    }
  });

  // A worker that dies on its own (not killed here) is started again, as a supervisor would.
  const watchdog = (async () => {
    while (!faultsOver) {
      if (!restarting && worker.pid === undefined) {
        say('faults: the worker exited on its own; starting it again');
        await worker.start().catch((err: Error) => say(`faults: worker restart failed: ${err.message}`));
      }
      await sleep(1_000);
    }
  })();

  const faults: FaultRecord[] = [];
  for (const [index, fault] of plan.entries()) {
    await sleep(fault.afterMs);
    restarting = true;
    const at = Date.now();
    const killServer = fault.target !== 'worker';
    const killWorker = fault.target !== 'server';
    await Promise.all([killServer && server.kill(), killWorker && worker.kill()]);
    struck += 1;
    const inFlight = records.length;
    await Promise.all([killServer && server.start(), killWorker && worker.start()]);
    if (worker.pid === undefined) await worker.start();
    restarting = false;
    const recoveredAt = await stack.probe(probeId);
    faults.push({ target: fault.target, at, recoveredAt });
    say(
      `faults: ${index + 1}/${plan.length} SIGKILL ${fault.target} at +${((at - began) / 1000).toFixed(1)} s ` +
        `(${inFlight} decisions answered so far); a query answered again after ${((recoveredAt - at) / 1000).toFixed(1)} s`,
    );
  }
  faultsOver = true;
  await watchdog;
  if (worker.pid === undefined) await worker.start();
  await Promise.all(drive);

  const decisions = await checkDecisions(client, dossiers, records, runLabel);
  const notifications = checkNotifications(
    await readDeliveryLog(stack.store.db),
    stack.smtp.mails.map((m) => ({ key: m.idempotencyKey, receivedAt: m.receivedAt })),
    stack.hooks.hooks.map((h) => ({ key: h.idempotencyKey, receivedAt: h.receivedAt })),
    faults,
  );
  return {
    settings,
    runLabel,
    faults,
    decisions,
    notifications,
    unexpectedExits: { worker: worker.unexpectedExits, server: server.unexpectedExits },
    worstRecoveryMs: Math.max(0, ...faults.map((f) => f.recoveredAt - f.at)),
    sentDuringFaults: records.filter((r) => faults.some((f) => r.sentAt >= f.at && r.sentAt <= f.recoveredAt)).length,
    durationMs: Date.now() - began,
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The figures of a run as people read them, one line each; pure. */
export function figuresText(result: FaultRunResult): string {
  const { decisions: d, notifications: n, faults } = result;
  const count = (target: string) => faults.filter((f) => f.target === target).length;
  const recoveries = faults.map((f) => f.recoveredAt - f.at).sort((a, b) => a - b);
  return [
    `seed ${result.settings.seed} · ${result.settings.dossiers} dossiers · ${faults.length} faults (worker ${count('worker')}, server ${count('server')}, both ${count('both')})`,
    `decisions: ${d.sent} sent, ${d.inHistory} in history, ${d.lost.length} lost, ${d.doubled.length} doubled, ${d.falseRefusals.length} false refusals, ${d.otherRefusals.length} other refusals, ${result.sentDuringFaults} sent during a fault, ${d.resent} re-sent attempts, worst answer ${seconds(d.worstLatencyMs)}`,
    `notifications: ${n.emails} emails and ${n.webhooks} webhooks received for ${n.keys} keys (${n.logged} in the delivery log); ${n.insideWindow.length} duplicates inside a kill's one-message window${n.insideWindow.length ? ` (the kill ${n.insideWindow.map((x) => `${x.killAfterMs} ms`).join(', ')} after the receiver had the first copy)` : ''}, ${n.unexplained.length} other duplicates, ${n.notReceived.length} logged but not received, ${n.notLogged.length} received but not logged`,
    `recovery (kill to a query answered again): worst ${seconds(result.worstRecoveryMs)}, median ${seconds(recoveries[Math.floor(recoveries.length / 2)] ?? 0)}`,
    `children that died on their own: worker ${result.unexpectedExits.worker}, server ${result.unexpectedExits.server}`,
    `duration ${seconds(result.durationMs)}`,
  ].join('\n');
}

/** Writes the figures (text and JSON) into the run's state folder and returns the text file's path. */
export function writeFigures(stateDir: string, result: FaultRunResult): string {
  const file = join(stateDir, 'figures.txt');
  writeFileSync(file, figuresText(result) + '\n');
  writeFileSync(join(stateDir, 'figures.json'), JSON.stringify(result, null, 2) + '\n');
  return file;
}
