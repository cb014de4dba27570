import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, startDossier, status, type DossierStatus } from '../../client/dossiers.js';
import { ledgerEntries } from '../../client/ledger.js';
import { laterRuleSet, laterRuleSetsDir } from '../../test-support/rule-sets.js';
import { startHarness, type TimeSkippingHarness } from '../../test-support/time-skipping.js';

const compliant = JSON.parse(
  readFileSync(new URL('../../examples/delegation-compliant.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('the post-trip report obligation, with time skipping', () => {
  let harness: TimeSkippingHarness;
  beforeAll(async () => {
    harness = await startHarness('report-ladder', 'report-ladder-webhook-secret');
  });
  afterAll(() => harness?.stop());
  const advance = (duration: string, until: (s: DossierStatus) => boolean) =>
    harness.advance(duration, 'trip-report', until);

  it('reminds the unit, tells the supervisor at due and the unit again after, once each; filing the report closes it', async () => {
    const { env, smtp, hooks } = harness;
    const config = { ...harness.config, ruleSetsDir: laterRuleSetsDir() };
    // The compliant example spends 5 days in countries: the trip lasts at least that long.
    const proposal = { ...compliant, startDate: day(3), endDate: day(7) };
    await startDossier(env.client, config, {
      process: 'delegation',
      input: proposal,
      workflowId: 'trip-report',
    });
    for (const [event, as] of [
      ['SUBMIT', 'tran.mai'],
      ['APPROVE', 'le.minh'],
      ['APPROVE', 'pham.ha'],
      ['APPROVE', 'nguyen.hung'],
    ] as const) {
      await decide(env.client, config, { workflowId: 'trip-report', event, as });
    }
    const approved = await status(env.client, 'trip-report');
    expect(approved.state).toBe('reporting');
    expect(approved.awaiting!.dueAt).toBe(`${day(17)}T23:59:59+07:00`);

    const late = await advance('30 days', (s) => s.escalations.some((e) => e.rung === 'overdue'));
    const rungs = late.escalations.filter((e) => e.milestone === 'tripReport').map((e) => `${e.rung}:${e.to}`);
    expect(rungs).toEqual([
      'reminder:tran.mai@sodulich.example',
      'supervisor:dang.quang@chinhphu.example',
      'supervisor:hoang.nam@chinhphu.example',
      `supervisor:${hooks.url}`,
      'overdue:tran.mai@sodulich.example',
    ]);
    expect(late.milestones[0]!.status).toBe('missed');
    const sent = smtp.mails.map((m) => m.idempotencyKey!.split(':')[2]);
    expect(sent.filter((r) => r === 'reminder')).toHaveLength(1);
    expect(sent.filter((r) => r === 'supervisor')).toHaveLength(2);
    expect(sent.filter((r) => r === 'overdue')).toHaveLength(1);

    const filed = await decide(env.client, config, { workflowId: 'trip-report', event: 'FILE_REPORT', as: 'tran.mai' });
    expect(filed.status).toBe('completed');
    const entries = await ledgerEntries(env.client, config, laterRuleSet, Number(day(3).slice(0, 4)));
    expect(entries.filter((e) => e.delegation === 'trip-report').every((e) => e.reportFiledAt !== null)).toBe(true);
  });
});
