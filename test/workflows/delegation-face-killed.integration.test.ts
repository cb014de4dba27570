import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../../activities/index.js';
import type { DecisionStepRequest } from '../../workflows/decision-steps.js';
import type { DossierStatus } from '../../client/dossiers.js';
import { ledgerEntries } from '../../client/ledger.js';
import { loadConfig } from '../../temporal.config.js';
import { activityDeps, openWorkerStore, workflowsPath } from '../../worker/worker.js';
import type { Store } from '../../store/index.js';
import { duyet, duyetJson, kill, spawnDuyet, testEnv } from '../../test-support/cli.js';
import { untilPolled } from '../../test-support/pollers.js';
import { replayAndKeep } from '../../test-support/replay.js';
import { laterRuleSetsDir } from '../../test-support/rule-sets.js';
import '../../test-support/quiet-runtime.js';

const compliant = JSON.parse(
  readFileSync(new URL('../../examples/delegation-compliant.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'duyet-face-killed-'));

/** A proposal file: the compliant example led by the given leader on the given days. */
function proposalFile(leaderId: string, startDate: string, endDate: string): string {
  const file = join(dir, `${randomUUID()}.json`);
  writeFileSync(
    file,
    JSON.stringify({ ...compliant, leader: { ...(compliant.leader as object), id: leaderId }, startDate, endDate }),
  );
  return file;
}

/** A point the ledger step stops at until the test lets it go on. */
class Gate {
  private release!: () => void;
  private reach!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  /** Resolves when the step arrives at the gate. */
  readonly reached = new Promise<void>((resolve) => (this.reach = resolve));
  async hold(): Promise<void> {
    this.reach();
    await this.released;
  }
  open(): void {
    this.release();
  }
}

describe("a delegation's final approval with the face (the CLI) killed at each point", () => {
  // The shipped rules govern 2022; these trips are after today, under the same rules for later years.
  // Its own rule set id, so its ledgers are not those another file's worker (gone by now) started for the same years.
  const ruleSet = 'hanoi-2022-face-killed';
  const env = { ...testEnv(), DUYET_RULE_SETS_DIR: laterRuleSetsDir(ruleSet) };
  const config = loadConfig({ ...env });
  const gates: { beforeLedger?: Gate; afterLedger?: Gate } = {};
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  let store: Store;

  beforeAll(async () => {
    store = await openWorkerStore(config);
    const activities = createActivities(activityDeps(config, store));
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: inject('temporalAddress') }),
      taskQueue: config.temporal.taskQueue,
      workflowsPath,
      activities: {
        ...activities,
        // The real ledger step, with a gate on either side of its Update to the ledger workflow.
        settleDecision: async (request: DecisionStepRequest) => {
          await gates.beforeLedger?.hold();
          const done = await activities.settleDecision(request);
          await gates.afterLedger?.hold();
          return done;
        },
      },
    });
    running = worker.run();
    client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
    // The first start queries the ledger workflow, which needs a worker already polling.
    await untilPolled(client, config.temporal.taskQueue);
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await client.connection.close();
    await store.close();
  });

  const start = async (leader: string, startDate: string, endDate: string) => {
    const { workflowId } = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'delegation',
      '--input',
      proposalFile(leader, startDate, endDate),
    );
    return workflowId;
  };
  const toFinalApproval = async (id: string) => {
    await duyetJson(env, 'decide', id, 'SUBMIT', '--as', 'tran.mai');
    await duyetJson(env, 'decide', id, 'APPROVE', '--as', 'le.minh');
    await duyetJson(env, 'decide', id, 'APPROVE', '--as', 'pham.ha');
  };
  const finalApproval = (id: string) => spawnDuyet(env, 'decide', id, 'APPROVE', '--as', 'nguyen.hung');
  const state = async (id: string) => (await duyetJson<DossierStatus>(env, 'status', id, '--json')).state;
  const trips = async (id: string) =>
    (await ledgerEntries(client, config, ruleSet, 2028)).filter((e) => e.delegation === id);
  /** Waits until every Update the dossier accepted has completed (taken or refused). */
  const settled = async (id: string) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { events } = await client.workflow.getHandle(id).fetchHistory();
      const accepted = events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
      const completed = events!.filter((e) => e.workflowExecutionUpdateCompletedEventAttributes).length;
      if (accepted === completed) return accepted;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the Updates of ${id} did not complete within 20 s`);
  };
  /** Ledger and workflow agree: trips are reserved exactly when the dossier moved on to the report. */
  const expectConsistent = async (id: string, expected: 'reporting' | 'standingBoardDecision') => {
    await settled(id);
    expect(await state(id)).toBe(expected);
    expect((await trips(id)).length > 0, `${id}: trips reserved`).toBe(expected === 'reporting');
  };

  it('leaves no reservation without an approval and no approval without a reservation, nor a refused one half-done', async () => {
    const leader = `leader-${randomUUID()}`;
    // Three trips of one key leader (the limit is two a year), all started before any is approved.
    const [whileStep, afterReserve, refused] = [
      await start(leader, '2028-03-06', '2028-03-10'),
      await start(leader, '2028-04-03', '2028-04-07'),
      await start(leader, '2028-05-08', '2028-05-12'),
    ];
    const [beforeSent, afterTaken] = [
      await start(`leader-${randomUUID()}`, '2028-03-06', '2028-03-10'),
      await start(`leader-${randomUUID()}`, '2028-03-06', '2028-03-10'),
    ];
    for (const id of [whileStep, afterReserve, refused, beforeSent, afterTaken]) await toFinalApproval(id);

    // Killed before the Update reaches the server: nothing happened.
    await kill(finalApproval(beforeSent));
    await expectConsistent(beforeSent, 'standingBoardDecision');

    // Killed while the ledger step runs, before the ledger is reached: the workflow finishes the decision alone.
    gates.beforeLedger = new Gate();
    let face = finalApproval(whileStep);
    await gates.beforeLedger.reached;
    await kill(face);
    expect(await trips(whileStep)).toEqual([]);
    gates.beforeLedger.open();
    gates.beforeLedger = undefined;
    await expectConsistent(whileStep, 'reporting');

    // Killed after the ledger reserved, before the decision took effect: the workflow takes it.
    gates.afterLedger = new Gate();
    face = finalApproval(afterReserve);
    await gates.afterLedger.reached;
    await kill(face);
    expect((await trips(afterReserve)).length).toBeGreaterThan(0);
    gates.afterLedger.open();
    gates.afterLedger = undefined;
    await expectConsistent(afterReserve, 'reporting');

    // Killed the moment the decision is in history, before the face printed it.
    face = finalApproval(afterTaken);
    while ((await state(afterTaken)) !== 'reporting') await new Promise((resolve) => setTimeout(resolve, 20));
    await kill(face);
    await expectConsistent(afterTaken, 'reporting');

    // The leader's third trip: the ledger refuses it while its face is gone, and nothing is left half-done.
    gates.beforeLedger = new Gate();
    face = finalApproval(refused);
    await gates.beforeLedger.reached;
    await kill(face);
    gates.beforeLedger.open();
    gates.beforeLedger = undefined;
    await expectConsistent(refused, 'standingBoardDecision');
    // A decider who waits for the answer is told why, in the ledger's words.
    const told = await duyet(env, 'decide', refused, 'APPROVE', '--as', 'nguyen.hung');
    expect(told.code).not.toBe(0);
    expect(told.stderr).toContain('decision refused');
    expect(told.stderr).toContain(`KEY_LEADER_TRIPS_PER_YEAR: ${leader} đã đi 2 chuyến trong năm 2028 (tối đa 2)`);
    await expectConsistent(refused, 'standingBoardDecision');

    await replayAndKeep(client, whileStep, 'delegation-face-killed');
    await replayAndKeep(client, refused, 'delegation-ledger-refused');
  });
});
