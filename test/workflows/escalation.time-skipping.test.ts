import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../calendar/working-days.js';
import { endOfDay, toPlainDate } from '../../calendar/dates.js';
import { decide, startDossier, status, type DossierStatus } from '../../client/dossiers.js';
import { loadCalendarTable } from '../../client/calendar-tables.js';
import { futureExample } from '../../test-support/future-example.js';
import { startHarness, type TimeSkippingHarness } from '../../test-support/time-skipping.js';

const secret = 'time-skipping-webhook-secret';
const input = futureExample();

describe('escalation ladder of a 15-working-day milestone, with time skipping', () => {
  let harness: TimeSkippingHarness;
  beforeAll(async () => {
    harness = await startHarness('escalation-time-skipping', secret);
  });
  afterAll(() => harness?.stop());
  const advance = (duration: string, until: (s: DossierStatus) => boolean) =>
    harness.advance(duration, 'nq22-ladder', until);

  const deliveriesOf = (s: DossierStatus, rung: string) =>
    s.escalations.filter((e) => e.milestone === 'pmApproval' && e.rung === rung);

  it('reminds, escalates and escalates again, in order and once each; an extension re-arms the ladder', async () => {
    const { env, config, smtp, hooks } = harness;
    await startDossier(env.client, config, { process: 'review-pipeline', input, workflowId: 'nq22-ladder' });
    const submitted = await decide(env.client, config, {
      workflowId: 'nq22-ladder',
      event: 'SUBMIT',
      as: 'nguyen.thu',
    });
    expect(submitted.state).toBe('pmReview');
    // The Update answers where the dossier stands; its milestones and history are the query's.
    const submittedView = await status(env.client, 'nq22-ladder');

    const table = loadCalendarTable(config.calendarDir, [2025, 2026, 2027, 2028, 2029]);
    const submittedAt = submittedView.history[0]!.at;
    const due = endOfDay(addWorkingDays(toPlainDate(submittedAt), 15, table).date);
    expect(submitted.awaiting).toMatchObject({ role: 'pm', milestone: 'pmApproval', dueAt: due, escalationLevel: 0 });
    const rungs = submittedView.milestones.find((m) => m.id === 'pmApproval')!.rungs;
    expect(rungs.map((r) => r.id)).toEqual(['reminder', 'supervisor', 'head']);

    // Five calendar weeks hold well over 15 + 3 working days, whatever the holidays.
    const after = await advance('45 days', (s) => deliveriesOf(s, 'head').length === 2);
    const supervisors = ['dang.quang@chinhphu.example', 'hoang.nam@chinhphu.example'];
    expect(deliveriesOf(after, 'reminder').map((e) => [e.channel, e.to, e.delivered])).toEqual([
      ['email', 'pham.minh@chinhphu.example', true],
    ]);
    expect(deliveriesOf(after, 'supervisor').map((e) => [e.channel, e.to])).toEqual([
      ...supervisors.map((to) => ['email', to]),
      ['webhook', hooks.url],
    ]);
    expect(deliveriesOf(after, 'head').map((e) => [e.channel, e.to])).toEqual([
      ['email', 'hoang.nam@chinhphu.example'],
      ['webhook', hooks.url],
    ]);
    const order = after.escalations.filter((e) => e.milestone === 'pmApproval').map((e) => e.rung);
    expect([...new Set(order)]).toEqual(['reminder', 'supervisor', 'head']);
    const fired = after.milestones.find((m) => m.id === 'pmApproval')!;
    expect(fired.status).toBe('missed');
    for (const rung of fired.rungs) expect(Date.parse(rung.firedAt!)).toBeGreaterThanOrEqual(Date.parse(rung.at));
    expect(after.awaiting!.escalationLevel).toBe(3);
    expect(after.state).toBe('pmReview');

    const mailsFor = (rung: string) =>
      smtp.mails.filter((m) => m.idempotencyKey?.startsWith(`nq22-ladder:pmApproval:${rung}:`));
    expect(mailsFor('reminder')).toHaveLength(1);
    expect(mailsFor('supervisor')).toHaveLength(2);
    expect(mailsFor('head')).toHaveLength(1);
    expect(
      hooks.hooks.filter((h) => (h.body.milestone as { id: string }).id === 'pmApproval').map((h) => h.body.rung),
    ).toEqual(['supervisor', 'head']);

    const newDue = endOfDay(addWorkingDays(toPlainDate(await env.currentTimeMs()), 10, table).date);
    const extended = await decide(env.client, config, {
      workflowId: 'nq22-ladder',
      event: 'EXTEND',
      as: 'dang.quang',
      milestone: 'pmApproval',
      dueAt: newDue,
    });
    expect(extended.awaiting).toMatchObject({ dueAt: newDue, escalationLevel: 0 });
    const extendedView = await status(env.client, 'nq22-ladder');
    expect(extendedView.milestones.find((m) => m.id === 'pmApproval')!.status).toBe('pending');
    expect(extendedView.history.at(-1)).toMatchObject({
      event: 'EXTEND',
      actor: 'dang.quang',
      from: 'pmReview',
      to: 'pmReview',
    });

    const again = await advance('30 days', (s) => deliveriesOf(s, 'head').length === 4);
    expect(deliveriesOf(again, 'reminder')).toHaveLength(2);
    expect(deliveriesOf(again, 'supervisor')).toHaveLength(6);
    expect(mailsFor('reminder')).toHaveLength(2);
    expect(mailsFor('supervisor')).toHaveLength(4);
    expect(mailsFor('head')).toHaveLength(2);
    expect(
      hooks.hooks.filter((h) => (h.body.milestone as { id: string }).id === 'pmApproval').map((h) => h.body.rung),
    ).toEqual(['supervisor', 'head', 'supervisor', 'head']);
  });
});
