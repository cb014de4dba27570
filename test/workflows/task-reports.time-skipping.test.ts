import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, startDossier, status, type DossierStatus } from '../../client/dossiers.js';
import { startHarness, type TimeSkippingHarness } from '../../test-support/time-skipping.js';

const id = 'task-yearly-reports';
const year = new Date().getUTCFullYear();
const endOf = (y: number) => `${y}-12-31T23:59:59+07:00`;
const occurrence = (s: DossierStatus, y: number) => s.milestones.find((m) => m.id === `progressReport@${y}`)!;
const laddered = (s: DossierStatus, y: number) =>
  s.escalations.filter((e) => e.milestone === `progressReport@${y}`).map((e) => `${e.rung}:${e.to}`);

describe('a task with a yearly progress report, over three years with time skipping', () => {
  let harness: TimeSkippingHarness;
  beforeAll(async () => {
    harness = await startHarness('task-reports', 'task-reports-webhook-secret');
  });
  afterAll(() => harness?.stop());

  it('closes one year with its report only, escalates a year not reported, and re-arms on an approved change', async () => {
    const { env, config, hooks } = harness;
    await startDossier(env.client, config, {
      process: 'task',
      workflowId: id,
      input: {
        subject: 'Xây dựng Chiến lược tổng thể hội nhập quốc tế',
        milestones: { product: endOf(year + 3) },
        facts: { lead: 'bo-ngoai-giao', coordinators: ['bo-cong-thuong'] },
      },
    });
    const started = await status(env.client, id);
    expect(started.awaiting!.role).toBe('focal-point@bo-ngoai-giao');
    expect(started.milestones.filter((m) => m.id.startsWith('progressReport@')).map((m) => m.id)).toEqual([
      `progressReport@${year}`,
      `progressReport@${year + 1}`,
      `progressReport@${year + 2}`,
    ]);

    // This year's report, filed before it is due, closes this year's occurrence only.
    await decide(env.client, config, { workflowId: id, event: 'REPORT_PROGRESS', as: 'ngoai-giao.dau-moi' });
    const reported = await status(env.client, id);
    expect(occurrence(reported, year).status).toBe('met');
    expect(occurrence(reported, year + 1).status).toBe('pending');

    // Next year's report is never filed: the lead, then the supervisor, then the assigning authority are told.
    const missed = await harness.advance('420 days', id, (s) =>
      laddered(s, year + 1).some((e) => e.startsWith('authority:')),
    );
    expect(occurrence(missed, year).status).toBe('met');
    expect(occurrence(missed, year + 1).status).toBe('missed');
    expect(occurrence(missed, year + 2).status).toBe('pending');
    expect(laddered(missed, year)).toEqual([]);
    expect(laddered(missed, year + 1)).toEqual([
      'lead:dau-moi@mofa.example',
      'supervisor:dang.quang@chinhphu.example',
      'supervisor:hoang.nam@chinhphu.example',
      `supervisor:${hooks.url}`,
      'authority:vu.giao@chinhphu.example',
      `authority:${hooks.url}`,
    ]);

    // The lead asks for another year; the authority approves: the due date moves, its ladder and the reports follow.
    await decide(env.client, config, {
      workflowId: id,
      event: 'REQUEST_CHANGE',
      as: 'ngoai-giao.dau-moi',
      comment: 'Đề nghị gia hạn thêm một năm',
    });
    await decide(env.client, config, {
      workflowId: id,
      event: 'APPROVE_CHANGE',
      as: 'vu.giao',
      dueAt: endOf(year + 4),
    });
    const changed = await status(env.client, id);
    expect(changed.state).toBe('working');
    const product = changed.milestones.find((m) => m.id === 'product')!;
    expect(product.dueAt).toBe(endOf(year + 4));
    expect(product.rungs.map((r) => [r.at.slice(0, 4), r.firedAt])).toEqual([
      [`${year + 4}`, null],
      [`${year + 4}`, null],
      [`${year + 5}`, null],
    ]);
    expect(changed.history.at(-1)).toMatchObject({
      event: 'APPROVE_CHANGE',
      change: { milestone: 'product', before: endOf(year + 3), after: endOf(year + 4) },
    });
    expect(occurrence(changed, year + 3).dueAt).toBe(endOf(year + 3));

    // The third year's report comes late: it closes that occurrence (still counted late) and no other.
    const third = await harness.advance('400 days', id, (s) => occurrence(s, year + 2).status === 'missed');
    expect(occurrence(third, year + 3).status).toBe('pending');
    await decide(env.client, config, {
      workflowId: id,
      event: 'REPORT_PROGRESS',
      as: 'ngoai-giao.dau-moi',
      milestone: `progressReport@${year + 2}`,
    });
    const late = await status(env.client, id);
    expect(occurrence(late, year + 2)).toMatchObject({ status: 'missed', completedAt: expect.any(String) });
    expect(occurrence(late, year + 1).completedAt).toBeNull();
    expect(occurrence(late, year + 3)).toMatchObject({ status: 'pending', completedAt: null });
  });
});
