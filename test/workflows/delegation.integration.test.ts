import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DossierStatus } from '../../client/dossiers.js';
import { ledgerEntries } from '../../client/ledger.js';
import { loadConfig } from '../../temporal.config.js';
import { ledgerWorkflowId } from '../../workflows/ledger.messages.js';
import { duyet, duyetJson, kill, startWorker, testEnv } from '../../test-support/cli.js';
import { replayAndKeep } from '../../test-support/replay.js';
import { laterRuleSet, laterRuleSetsDir } from '../../test-support/rule-sets.js';

const compliant = JSON.parse(
  readFileSync(new URL('../../examples/delegation-compliant.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const violations = new URL('../../examples/delegation-violations.json', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'duyet-delegation-'));

/** A proposal file: the compliant example moved to the given dates, with its leader renamed so tests do not share trips. */
function proposalFile(
  leaderId: string,
  startDate: string,
  endDate: string,
  extra: Record<string, unknown> = {},
): string {
  const file = join(dir, `${randomUUID()}.json`);
  const leader = { ...(compliant.leader as object), id: leaderId };
  writeFileSync(file, JSON.stringify({ ...compliant, leader, startDate, endDate, ...extra }));
  return file;
}

describe('delegation approvals on a real Temporal server', () => {
  // The shipped rules govern 2022; these trips are after today, under the same rules for later years.
  const env = { ...testEnv(), DUYET_RULE_SETS_DIR: laterRuleSetsDir() };
  let worker: ChildProcess;
  let client: Client;
  const config = () => loadConfig({ ...env });
  beforeAll(async () => {
    worker = await startWorker(env);
    client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  });
  afterAll(async () => {
    await kill(worker, 'SIGTERM');
    await client.connection.close();
  });

  const approveToDecision = async (id: string) => {
    await duyetJson(env, 'decide', id, 'SUBMIT', '--as', 'tran.mai');
    await duyetJson(env, 'decide', id, 'APPROVE', '--as', 'le.minh');
    await duyetJson(env, 'decide', id, 'APPROVE', '--as', 'pham.ha');
  };

  it('takes an in-plan trip through review and the Standing Board, records the trips in the ledger and closes on the report', async () => {
    const leader = `leader-${randomUUID()}`;
    const started = await duyetJson<{ workflowId: string; findings: unknown[] }>(
      env,
      'start',
      'delegation',
      '--input',
      proposalFile(leader, '2027-03-08', '2027-03-12'),
    );
    expect(started.findings).toEqual([]);
    await approveToDecision(started.workflowId);
    await duyetJson(env, 'decide', started.workflowId, 'APPROVE', '--as', 'nguyen.hung');
    const approved = await duyetJson<DossierStatus>(env, 'status', started.workflowId, '--json');
    expect(approved).toMatchObject({
      state: 'reporting',
      awaiting: { role: 'unit', milestone: 'tripReport', dueAt: '2027-03-22T23:59:59+07:00' },
    });
    expect(approved.facts.ruleSet).toEqual({ id: laterRuleSet, version: 2 });

    const trips = (await ledgerEntries(client, config(), laterRuleSet, 2027)).filter(
      (e) => e.delegation === started.workflowId,
    );
    expect(trips.map((e) => e.person)).toContain(leader);
    expect(trips.every((e) => e.reportFiledAt === null && e.reportDueAt === '2027-03-22')).toBe(true);

    await duyetJson(
      env,
      'decide',
      started.workflowId,
      'FILE_REPORT',
      '--as',
      'tran.mai',
      '--comment',
      'Báo cáo kết quả số 12/BC-SDL',
    );
    expect((await duyetJson<DossierStatus>(env, 'status', started.workflowId, '--json')).status).toBe('completed');
    const filed = (await ledgerEntries(client, config(), laterRuleSet, 2027)).filter(
      (e) => e.delegation === started.workflowId,
    );
    expect(filed.every((e) => e.reportFiledAt !== null)).toBe(true);
    await replayAndKeep(client, started.workflowId, 'delegation-by-reference');
    await replayAndKeep(client, ledgerWorkflowId(laterRuleSet, 2027), 'delegation-ledger-v2');
  });

  it('takes every other route on the server: exception step, competent authority, commitment, inbound, no Organisation Board', async () => {
    const plain = { managedByStandingCommittee: false };
    const routes: Array<{
      name: string;
      extra: Record<string, unknown>;
      steps: Array<[string, string]>;
      stages: string[];
    }> = [
      {
        name: 'urgent unplanned',
        extra: { plan: { inPlan: false }, urgent: true, justifications: { PLAN_REQUIRED: 'Lời mời đột xuất' } },
        steps: [
          ['SUBMIT', 'tran.mai'],
          ['APPROVE', 'vu.son'],
          ['APPROVE', 'vu.son'],
        ],
        stages: ['exceptionApproval', 'competentAuthorityDecision', 'reporting'],
      },
      {
        name: 'international commitment',
        extra: {
          plan: { inPlan: false },
          urgent: true,
          purpose: 'international-commitment',
          justifications: { PLAN_REQUIRED: 'Cam kết quốc tế' },
        },
        steps: [
          ['SUBMIT', 'tran.mai'],
          ['APPROVE', 'vu.son'],
          ['APPROVE', 'do.lan'],
          ['APPROVE', 'nguyen.hung'],
        ],
        stages: ['exceptionApproval', 'partyCommitteeProposal', 'standingBoardDecision', 'reporting'],
      },
      {
        name: 'inbound',
        extra: { direction: 'in', countries: [], inbound: { criteria: ['city-hosted-event'] } },
        steps: [
          ['SUBMIT', 'tran.mai'],
          ['APPROVE', 'le.minh'],
          ['APPROVE', 'nguyen.hung'],
        ],
        stages: ['inboundSelection', 'standingBoardDecision', 'hosted'],
      },
      {
        name: 'in plan, no cadre of the Standing Board',
        extra: { leader: { ...(compliant.leader as object), id: `leader-${randomUUID()}`, ...plain } },
        steps: [
          ['SUBMIT', 'tran.mai'],
          ['APPROVE', 'le.minh'],
          ['APPROVE', 'nguyen.hung'],
        ],
        stages: ['foreignAffairsReview', 'standingBoardDecision', 'reporting'],
      },
    ];
    for (const route of routes) {
      const file = proposalFile(`leader-${randomUUID()}`, '2027-10-04', '2027-10-08', route.extra);
      const { workflowId } = await duyetJson<{ workflowId: string }>(env, 'start', 'delegation', '--input', file);
      const seen: string[] = [];
      for (const [event, as] of route.steps)
        seen.push((await duyetJson<{ state: string }>(env, 'decide', workflowId, event, '--as', as)).state);
      expect(seen, route.name).toEqual(route.stages);
    }
  });

  it('refuses to start a proposal that breaks blocking rules, listing every one, and starts nothing', async () => {
    const result = await duyet(env, 'start', 'delegation', '--input', violations, '--id', 'delegation-refused');
    expect(result.code).not.toBe(0);
    for (const rule of ['UNIT_TRIP_SUSPENDED', 'DAYS_PER_COUNTRY', 'COUNTRIES_PER_TRIP', 'FUNDING_SOURCE'])
      expect(result.stderr).toContain(rule);
    expect((await duyet(env, 'status', 'delegation-refused', '--json')).stderr).toContain(
      'no dossier with id "delegation-refused"',
    );
  });

  it("lets only one of two delegations racing for a key leader's last trip be approved", async () => {
    const leader = `leader-${randomUUID()}`;
    const first = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'delegation',
      '--input',
      proposalFile(leader, '2027-05-03', '2027-05-07'),
    );
    await approveToDecision(first.workflowId);
    await duyetJson(env, 'decide', first.workflowId, 'APPROVE', '--as', 'nguyen.hung');
    const racers = await Promise.all(
      ['2027-06-07', '2027-07-05'].map((start) =>
        duyetJson<{ workflowId: string }>(
          env,
          'start',
          'delegation',
          '--input',
          proposalFile(leader, start, start.replace(/\d\d$/, '11')),
        ),
      ),
    );
    for (const r of racers) await approveToDecision(r.workflowId);
    const results = await Promise.all(
      racers.map((r) => duyet(env, 'decide', r.workflowId, 'APPROVE', '--as', 'nguyen.hung')),
    );
    expect(results.map((r) => r.code === 0).sort()).toEqual([false, true]);
    expect(results.find((r) => r.code !== 0)!.stderr).toContain('KEY_LEADER_TRIPS_PER_YEAR');
    const states = await Promise.all(
      racers.map(async (r) => (await duyetJson<DossierStatus>(env, 'status', r.workflowId, '--json')).state),
    );
    expect(states.sort()).toEqual(['reporting', 'standingBoardDecision']);
    const trips = (await ledgerEntries(client, config(), laterRuleSet, 2027)).filter((e) => e.person === leader);
    expect(trips).toHaveLength(2);
  });

  it('flags the next proposal of a person whose trip report is overdue', async () => {
    const leader = `leader-${randomUUID()}`;
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const past = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'delegation',
      '--input',
      proposalFile(leader, day(-20), day(-15)),
    );
    await approveToDecision(past.workflowId);
    await duyetJson(env, 'decide', past.workflowId, 'APPROVE', '--as', 'nguyen.hung');
    const next = await duyet(env, 'start', 'delegation', '--input', proposalFile(leader, day(30), day(34)));
    expect(next.code).not.toBe(0);
    expect(next.stderr).toContain('REPORT_OVERDUE');
  });
});
