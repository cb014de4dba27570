import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../client/dossiers.js';
import { ledgerEntries, recordReport, releaseTrips, reserveTrips } from '../../client/ledger.js';
import { ledgerWorkflowId, reserveTripsUpdate, type ReserveTrips } from '../../workflows/ledger.messages.js';
import { useWorkerAndClient } from '../../test-support/cli.js';
import { replayAndKeep } from '../../test-support/replay.js';

const leader = 'nguyen.van.an';
const companion = 'tran.thi.binh';
const limit = 2;
const limitReached = `KEY_LEADER_TRIPS_PER_YEAR: ${leader} đã đi 2 chuyến trong năm 2022 (tối đa 2) / has made 2 trips in 2022 (limit 2)`;

const freshRuleSet = () => `hanoi-2022-test-${randomUUID()}`;

/** A delegation of 2022 led by the key leader, with a companion who is not one. */
const trip = (delegation: string, changes: Partial<ReserveTrips> = {}): ReserveTrips => ({
  delegation,
  year: 2022,
  travellers: [
    { id: leader, keyLeader: true },
    { id: companion, keyLeader: false },
  ],
  startDate: '2022-06-01',
  endDate: '2022-06-05',
  reportDueAt: '2022-06-15',
  exceptions: [],
  ...changes,
});

describe('ledger of trips abroad on a real Temporal server', () => {
  const server = useWorkerAndClient();
  const { config } = server;

  it("reserves a key leader's first and second trips, refuses the third, and reserves it under an approved exception", async () => {
    const ruleSet = freshRuleSet();
    const first = await reserveTrips(server.client, config, ruleSet, limit, trip('d1'));
    expect(first).toEqual([
      {
        person: leader,
        year: 2022,
        delegation: 'd1',
        startDate: '2022-06-01',
        endDate: '2022-06-05',
        reportDueAt: '2022-06-15',
        reportFiledAt: null,
      },
      {
        person: companion,
        year: 2022,
        delegation: 'd1',
        startDate: '2022-06-01',
        endDate: '2022-06-05',
        reportDueAt: '2022-06-15',
        reportFiledAt: null,
      },
    ]);
    await reserveTrips(server.client, config, ruleSet, limit, trip('d2'));

    const refused = reserveTrips(server.client, config, ruleSet, limit, trip('d3'));
    await expect(refused).rejects.toBeInstanceOf(RequestError);
    await expect(refused).rejects.toThrow(limitReached);
    expect((await ledgerEntries(server.client, config, ruleSet, 2022)).filter((e) => e.delegation === 'd3')).toEqual(
      [],
    );

    const excepted = await reserveTrips(server.client, config, ruleSet, limit, trip('d3', { exceptions: [leader] }));
    expect(excepted.map((e) => e.person)).toEqual([leader, companion]);
    const entries = await ledgerEntries(server.client, config, ruleSet, 2022);
    expect(entries.filter((e) => e.person === leader).map((e) => e.delegation)).toEqual(['d1', 'd2', 'd3']);
    expect(entries.filter((e) => e.person === companion).map((e) => e.delegation)).toEqual(['d1', 'd2', 'd3']);

    // The validator refused the third trip before it was accepted, so it never entered the ledger's history.
    const history = await server.client.workflow.getHandle(ledgerWorkflowId(ruleSet, 2022)).fetchHistory();
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(3);
  });

  it("refuses a delegation already reserved, another year's trip and a malformed reservation, naming what was expected", async () => {
    const ruleSet = freshRuleSet();
    await reserveTrips(server.client, config, ruleSet, limit, trip('d1'));
    await expect(reserveTrips(server.client, config, ruleSet, limit, trip('d1'))).rejects.toThrow(
      'delegation "d1" is already in the ledger',
    );
    const nextYear = trip('d2', {
      year: 2023,
      startDate: '2023-01-10',
      endDate: '2023-01-12',
      reportDueAt: '2023-01-22',
    });
    const sentToThisYear = server.client.workflow
      .getHandle(ledgerWorkflowId(ruleSet, 2022))
      .executeUpdate(reserveTripsUpdate, { args: [nextYear] });
    await expect(sentToThisYear).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(sentToThisYear.catch((err: WorkflowUpdateFailedError) => err.cause?.message)).resolves.toMatch(
      /"d2" is for 2023, but this is the ledger of .* for 2022; expected year 2022/,
    );
    await expect(reserveTrips(server.client, config, ruleSet, limit, nextYear)).resolves.toHaveLength(2);
    await expect(
      reserveTrips(server.client, config, ruleSet, limit, trip('d3', { endDate: '2022-05-01' })),
    ).rejects.toThrow('expected endDate on or after startDate (2022-06-01); got 2022-05-01');
    await expect(
      reserveTrips(
        server.client,
        config,
        ruleSet,
        limit,
        trip('d3', {
          travellers: [
            { id: leader, keyLeader: true },
            { id: leader, keyLeader: true },
          ],
        }),
      ),
    ).rejects.toThrow(`"${leader}" is listed twice`);
    expect((await ledgerEntries(server.client, config, ruleSet, 2022)).map((e) => e.delegation)).toEqual(['d1', 'd1']);
    expect((await ledgerEntries(server.client, config, ruleSet, 2023)).map((e) => [e.delegation, e.year])).toEqual([
      ['d2', 2023],
      ['d2', 2023],
    ]);
  });

  it('approves exactly one of two reservations racing for the last allowed trip, every time', async () => {
    const rounds = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const ruleSet = freshRuleSet();
        await reserveTrips(server.client, config, ruleSet, limit, trip('first'));
        const raced = await Promise.allSettled([
          reserveTrips(server.client, config, ruleSet, limit, trip('racer-a')),
          reserveTrips(server.client, config, ruleSet, limit, trip('racer-b')),
        ]);
        const entries = await ledgerEntries(server.client, config, ruleSet, 2022);
        return { raced, leaderTrips: entries.filter((e) => e.person === leader).length };
      }),
    );
    for (const { raced, leaderTrips } of rounds) {
      expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = raced.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(RequestError);
      expect((rejected[0]!.reason as RequestError).message).toContain(limitReached);
      expect(leaderTrips).toBe(2);
    }
  });

  it("frees a released delegation's trips, records a report once and refuses a second record", async () => {
    const ruleSet = freshRuleSet();
    await reserveTrips(server.client, config, ruleSet, limit, trip('d1'));
    await reserveTrips(server.client, config, ruleSet, limit, trip('d2'));
    expect(await releaseTrips(server.client, config, ruleSet, 2022, 'd1')).toBe(2);
    expect(await releaseTrips(server.client, config, ruleSet, 2022, 'd1')).toBe(0);
    await expect(reserveTrips(server.client, config, ruleSet, limit, trip('d3'))).resolves.toHaveLength(2);

    const filed = await recordReport(server.client, config, ruleSet, 2022, 'd2', '2022-06-10');
    expect(filed.map((e) => [e.person, e.reportFiledAt])).toEqual([
      [leader, '2022-06-10'],
      [companion, '2022-06-10'],
    ]);
    await expect(recordReport(server.client, config, ruleSet, 2022, 'd2', '2022-06-11')).rejects.toThrow(
      'the report of delegation "d2" was already filed on 2022-06-10',
    );
    await expect(recordReport(server.client, config, ruleSet, 2022, 'd1', '2022-06-11')).rejects.toThrow(
      'no delegation "d1" in the ledger',
    );

    const entries = await ledgerEntries(server.client, config, ruleSet, 2022);
    expect(entries.map((e) => [e.delegation, e.person, e.reportFiledAt])).toEqual([
      ['d2', leader, '2022-06-10'],
      ['d2', companion, '2022-06-10'],
      ['d3', leader, null],
      ['d3', companion, null],
    ]);
  });

  it('keeps every entry when the ledger continues as new', async () => {
    const ruleSet = freshRuleSet();
    const workflowId = ledgerWorkflowId(ruleSet, 2022);
    const delegations = Array.from({ length: 40 }, (_, i) => `d${i + 1}`);
    await reserveTrips(
      server.client,
      config,
      ruleSet,
      limit,
      trip(delegations[0]!, { travellers: [{ id: 'staff-1', keyLeader: false }] }),
    );
    const firstRun = (await server.client.workflow.getHandle(workflowId).describe()).runId;
    for (const [i, delegation] of delegations.slice(1).entries()) {
      await reserveTrips(
        server.client,
        config,
        ruleSet,
        limit,
        trip(delegation, { travellers: [{ id: `staff-${i + 2}`, keyLeader: false }] }),
      );
    }

    const entries = await ledgerEntries(server.client, config, ruleSet, 2022);
    expect(entries.map((e) => e.delegation)).toEqual(delegations);
    expect((await server.client.workflow.getHandle(workflowId).describe()).runId).not.toBe(firstRun);
    // Every run, including those that ended in continueAsNew, replays on today's code.
    expect(await replayAndKeep(server.client, workflowId, 'ledger-continued')).toBeGreaterThan(1);
  });
});

describe('ledger of trips abroad while its worker is stopped', () => {
  const server = useWorkerAndClient();
  const { config } = server;

  it('approves exactly one of two reservations for the last allowed trip delivered in the same workflow task', async () => {
    const ruleSet = freshRuleSet();
    await reserveTrips(server.client, config, ruleSet, limit, trip('first'));
    await server.stopWorker();
    const raced = Promise.allSettled([
      reserveTrips(server.client, config, ruleSet, limit, trip('racer-a')),
      reserveTrips(server.client, config, ruleSet, limit, trip('racer-b')),
    ]);
    // Both reservations wait on the server while no worker runs, so the next worker receives them together.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await server.startWorker();
    const outcomes = await raced;
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect((rejected.reason as RequestError).message).toContain(limitReached);
    const entries = await ledgerEntries(server.client, config, ruleSet, 2022);
    expect(entries.filter((e) => e.person === leader)).toHaveLength(2);
  });
});
