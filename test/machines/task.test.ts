import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/compile.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { startTask, taskActors, taskCalendar, taskInput, taskProcess } from '../../test-support/task.js';

const decide = (snapshot: ProcessSnapshot, decision: Record<string, unknown>, at: string) => {
  const checked = taskProcess.check(snapshot, decision, at);
  if (!checked.success) throw new Error(checked.error);
  return taskProcess.apply(snapshot, checked.data);
};
const occurrences = (s: ProcessSnapshot) =>
  s.context.milestones.filter((m) => m.occurrenceOf === 'progressReport').map((m) => `${m.id}:${m.status}`);

describe('the task process', () => {
  it('lays out one progress report a year before the due date, each with its own ladder', () => {
    const [s] = startTask();
    const reports = s.context.milestones.filter((m) => m.occurrenceOf === 'progressReport');
    expect(reports.map((m) => [m.id, m.dueAt])).toEqual([
      ['progressReport@2014', '2014-12-31T23:59:59+07:00'],
      ['progressReport@2015', '2015-12-31T23:59:59+07:00'],
    ]);
    expect(reports[1]!.rungs.map((r) => r.at)).toEqual([
      '2015-12-28T08:00:00+07:00',
      '2015-12-31T23:59:59+07:00',
      '2016-01-08T08:00:00+07:00',
    ]);
  });

  it('awaits the lead agency: its focal point acts, a focal point of another agency is refused', () => {
    const [s] = startTask();
    expect(taskProcess.view(s).awaiting?.role).toBe('focal-point@bo-ngoai-giao');
    const refused = taskProcess.check(s, { type: 'SUBMIT', ...taskActors.coordinator }, '2014-07-01T09:00:00+07:00');
    expect(refused).toMatchObject({ success: false, error: expect.stringContaining('focal-point@bo-ngoai-giao') });
    const [next] = decide(s, { type: 'SUBMIT', ...taskActors.lead }, '2014-07-01T09:00:00+07:00');
    expect(next.value).toBe('authorityReview');
  });

  it('closes one occurrence only with a report, and refuses a report of a closed one', () => {
    const [s] = startTask();
    const [reported] = decide(
      s,
      { type: 'REPORT_PROGRESS', ...taskActors.lead, comment: 'Đã hoàn thành dự thảo' },
      '2014-12-20T09:00:00+07:00',
    );
    expect(occurrences(reported)).toEqual(['progressReport@2014:met', 'progressReport@2015:pending']);
    expect(reported.context.history.at(-1)).toMatchObject({
      event: 'REPORT_PROGRESS',
      milestone: 'progressReport@2014',
    });
    const again = taskProcess.check(
      reported,
      { type: 'REPORT_PROGRESS', ...taskActors.lead, milestone: '2014' },
      '2014-12-21T09:00:00+07:00',
    );
    expect(again).toMatchObject({ success: false, error: expect.stringContaining('progressReport@2015') });
  });

  it('misses and escalates one occurrence by the event that names it', () => {
    const [s] = startTask();
    const [missed] = taskProcess.apply(s, {
      type: 'DEADLINE_REACHED',
      milestone: 'progressReport@2014',
      at: '2015-01-01T00:00:00+07:00',
    });
    expect(occurrences(missed)).toEqual(['progressReport@2014:missed', 'progressReport@2015:pending']);
    const [, effects] = taskProcess.apply(missed, {
      type: 'DEADLINE_REACHED',
      milestone: 'progressReport@2014',
      rung: 'supervisor',
      at: '2015-01-01T00:00:00+07:00',
    });
    expect(effects).toEqual([
      expect.objectContaining({ type: 'escalate', milestone: 'progressReport@2014', rung: 'supervisor' }),
    ]);
  });

  it('moves the due date on an approved change, re-arms its ladder and adds the reports of the added year', () => {
    const [s] = startTask();
    const [asked] = decide(
      s,
      { type: 'REQUEST_CHANGE', ...taskActors.lead, comment: 'Xin gia hạn đến hết năm 2017' },
      '2014-07-01T09:00:00+07:00',
    );
    expect(asked.value).toBe('changeReview');
    expect(
      taskProcess.check(asked, { type: 'APPROVE_CHANGE', ...taskActors.authority }, '2014-07-02T09:00:00+07:00'),
    ).toMatchObject({ success: false, error: expect.stringContaining('dueAt') });
    const [approved] = decide(
      asked,
      { type: 'APPROVE_CHANGE', ...taskActors.authority, dueAt: '2017-12-31T23:59:59+07:00' },
      '2014-07-02T09:00:00+07:00',
    );
    expect(approved.value).toBe('working');
    const product = approved.context.milestones.find((m) => m.id === 'product')!;
    expect(product).toMatchObject({ dueAt: '2017-12-31T23:59:59+07:00', status: 'pending', completedAt: null });
    expect(product.rungs.map((r) => r.at)).toEqual([
      '2017-12-27T08:00:00+07:00',
      '2017-12-31T23:59:59+07:00',
      '2018-01-08T08:00:00+07:00',
    ]);
    expect(approved.context.history.at(-1)).toMatchObject({
      event: 'APPROVE_CHANGE',
      change: { milestone: 'product', before: '2016-12-31T23:59:59+07:00', after: '2017-12-31T23:59:59+07:00' },
    });
    expect(occurrences(approved)).toEqual([
      'progressReport@2014:pending',
      'progressReport@2015:pending',
      'progressReport@2016:pending',
    ]);
  });

  it('records a contribution of a coordinating agency in the history, and refuses one from any other', () => {
    const [s] = startTask();
    const [next] = decide(
      s,
      { type: 'CONTRIBUTE', ...taskActors.coordinator, comment: 'Góp ý dự thảo' },
      '2014-07-01T09:00:00+07:00',
    );
    expect(next.value).toBe('working');
    expect(next.context.history.at(-1)).toMatchObject({ event: 'CONTRIBUTE', unit: 'bo-cong-thuong' });
    const outsider = { actor: 'x', roles: ['focal-point@bo-tu-phap'] };
    expect(taskProcess.check(s, { type: 'CONTRIBUTE', ...outsider }, '2014-07-01T09:00:00+07:00').success).toBe(false);
  });

  it('refuses a start without the lead agency or without an end for its reports', () => {
    const noLead = parseStartInput(
      taskProcess.definition,
      { ...taskInput, facts: {} },
      '2014-06-20T09:00:00+07:00',
      taskCalendar,
    );
    expect(noLead).toMatchObject({ success: false, error: expect.stringContaining('facts.lead') });
    const noDue = parseStartInput(
      taskProcess.definition,
      { ...taskInput, milestones: {} },
      '2014-06-20T09:00:00+07:00',
      taskCalendar,
    );
    expect(noDue).toMatchObject({ success: false, error: expect.stringContaining('milestones.product') });
  });
});
