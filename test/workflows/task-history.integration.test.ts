import { describe, expect, it } from 'vitest';
import { decide, startDossier, status } from '../../client/dossiers.js';
import { applyProgramme, planOfPreflight, taskInput, type ProgrammeTaskEntry } from '../../client/programme-apply.js';
import { importProgramme } from '../../client/programme-import.js';
import { programmeTracker, type ProgrammeTracker } from '../../client/programme-tracker.js';
import { loadUnits } from '../../directory/directory.js';
import { useWorkerAndClient } from '../../test-support/cli.js';
import { replayAndKeep } from '../../test-support/replay.js';

const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);
const csv = [
  'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian',
  '1.1,Quán triệt Nghị quyết,Bộ Ngoại giao,Bộ Công Thương,Các lớp tập huấn,2026 - 2028',
  '1.2,Xây dựng Chiến lược,Bộ Công Thương,,Dự thảo Chiến lược,2026 - 2029',
].join('\n');

const entry: ProgrammeTaskEntry = {
  number: '1.1',
  workflowId: 'task-lifecycle',
  content: 'Xây dựng Chiến lược tổng thể hội nhập quốc tế',
  lead: 'bo-ngoai-giao',
  leadText: 'Bộ Ngoại giao',
  coordinators: ['bo-cong-thuong'],
  coordinatorsText: 'Bộ Công Thương',
  product: 'Dự thảo Chiến lược',
  time: '2026 - 2028',
  dueAt: '2028-12-31T23:59:59+07:00',
};

describe('a task workflow from start to acceptance on a real Temporal server', () => {
  const server = useWorkerAndClient();

  it('takes a report, a contribution, an approved change, a return and a resubmission, and its history replays', async () => {
    const workflowId = `task-lifecycle-${Date.now()}`;
    await startDossier(server.client, server.config, {
      process: 'task',
      workflowId,
      input: taskInput('lifecycle', { ...entry, workflowId }),
    });
    const step = (event: string, as: string, more: { comment?: string; dueAt?: string } = {}) =>
      decide(server.client, server.config, { workflowId, event, as, ...more });
    await step('REPORT_PROGRESS', 'ngoai-giao.dau-moi', { comment: 'Đã hoàn thành dự thảo lần 1' });
    await step('CONTRIBUTE', 'cong-thuong.dau-moi', { comment: 'Góp ý phần thương mại' });
    await step('REQUEST_CHANGE', 'ngoai-giao.dau-moi', { comment: 'Đề nghị lùi thời hạn một năm' });
    await step('APPROVE_CHANGE', 'vu.giao', { dueAt: '2029-12-31T23:59:59+07:00' });
    await step('SUBMIT', 'ngoai-giao.dau-moi');
    await step('RETURN', 'vu.giao', { comment: 'Bổ sung phần đánh giá tác động' });
    await step('SUBMIT', 'ngoai-giao.dau-moi');
    await step('ACCEPT', 'vu.giao');

    const done = await status(server.client, workflowId);
    expect(done.status).toBe('completed');
    expect(done.history.map((h) => h.event)).toEqual([
      'REPORT_PROGRESS',
      'CONTRIBUTE',
      'REQUEST_CHANGE',
      'APPROVE_CHANGE',
      'SUBMIT',
      'RETURN',
      'SUBMIT',
      'ACCEPT',
    ]);
    expect(done.history[3]!.change).toEqual({
      milestone: 'product',
      before: '2028-12-31T23:59:59+07:00',
      after: '2029-12-31T23:59:59+07:00',
    });
    // The test server suggests continue-as-new at 60 events, which the task passes on its way: the record above
    // crossed runs intact, and every run replays.
    expect(await replayAndKeep(server.client, workflowId, 'task-lifecycle')).toBeGreaterThan(1);
  });
});

describe('a programme workflow on a real Temporal server', () => {
  const server = useWorkerAndClient();

  it('starts with its tasks, takes a yearly report, and its history replays', async () => {
    const id = `programme-lifecycle-${Date.now()}`;
    const plan = planOfPreflight(id, 'Chương trình thử', importProgramme(csv, units, 'csv'));
    await applyProgramme(server.client, server.config, plan);
    await decide(server.client, server.config, { workflowId: id, event: 'REPORT_YEAR', as: 'nguyen.thu' });
    // A changed table adds task 1.3: it starts and joins the programme, once however often the table is imported.
    const grown = `${csv}\n1.3,Tổng kết,Bộ Ngoại giao,,Báo cáo tổng kết,2028`;
    const plan3 = planOfPreflight(id, 'Chương trình thử', importProgramme(grown, units, 'csv'));
    const added = await applyProgramme(server.client, server.config, plan3);
    expect(added.tasks.map((t) => [t.number, t.outcome, t.joined])).toEqual([
      ['1.1', 'unchanged', undefined],
      ['1.2', 'unchanged', undefined],
      ['1.3', 'added', true],
    ]);
    const again = await applyProgramme(server.client, server.config, plan3);
    expect(again.tasks.map((t) => t.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const programme = await status(server.client, id);
    expect(programme.history.map((h) => h.event)).toEqual(['REPORT_YEAR', 'ADD_TASKS']);
    expect(programme.history[1]!.added).toEqual({ fact: 'tasks', entries: [plan3.tasks[2]] });
    expect((programme.facts.tasks as ProgrammeTaskEntry[]).map((t) => t.number)).toEqual(['1.1', '1.2', '1.3']);
    expect(await replayAndKeep(server.client, id, 'programme-lifecycle')).toBe(1);
  });

  it('takes a monthly report on a programme whose body asks for one, closing that month only, and its history replays', async () => {
    const id = `programme-monthly-${Date.now()}`;
    const plan = {
      ...planOfPreflight(id, 'Chương trình thử', importProgramme(csv, units, 'csv')),
      reviews: ['monthlyReview' as const],
    };
    await applyProgramme(server.client, server.config, plan);
    const before = await status(server.client, id);
    const months = before.milestones.filter((m) => m.id.startsWith('monthlyReview@'));
    expect(months.length).toBeGreaterThan(2);
    const [thisMonth, nextMonth] = months as [(typeof months)[0], (typeof months)[0]];
    await decide(server.client, server.config, { workflowId: id, event: 'REPORT_MONTH', as: 'nguyen.thu' });
    const after = await status(server.client, id);
    const statusOf = (milestone: string) => after.milestones.find((m) => m.id === milestone)!.status;
    expect([statusOf(thisMonth.id), statusOf(nextMonth.id)]).toEqual(['met', 'pending']);
    expect(after.milestones.filter((m) => m.status === 'met').map((m) => m.id)).toEqual([thisMonth.id]);
    expect(await replayAndKeep(server.client, id, 'programme-v4-monthly')).toBe(1);
  });

  it("lists every task's next report owed and last report from visibility, as the tasks themselves answer", async () => {
    const id = `programme-reports-${Date.now()}`;
    const plan = planOfPreflight(id, 'Chương trình thử', importProgramme(csv, units, 'csv'));
    await applyProgramme(server.client, server.config, plan);
    await decide(server.client, server.config, {
      workflowId: `${id}.1.1`,
      event: 'REPORT_PROGRESS',
      as: 'ngoai-giao.dau-moi',
      comment: 'Báo cáo năm 2026',
    });
    // Wait until visibility has indexed the report; the default tracker asks no task.
    const tracker = await expect
      .poll(async () => programmeTracker(server.client, id), { timeout: 20_000 })
      .toSatisfy((t: ProgrammeTracker) => t.tasks[0]!.lastReport !== null && t.tasks[1]!.owed.length === 2)
      .then(() => programmeTracker(server.client, id));
    const [reported, owing] = tracker.tasks;
    expect(reported!.owed).toEqual([
      { milestone: 'product', dueAt: '2028-12-31T23:59:59+07:00', late: false },
      { milestone: 'progressReport@2027', dueAt: '2027-12-31T23:59:59+07:00', late: false },
    ]);
    expect(reported!.lastReport).toMatchObject({
      event: 'REPORT_PROGRESS',
      actor: 'ngoai-giao.dau-moi',
      milestone: 'progressReport@2026',
    });
    expect(owing!.owed[1]).toEqual({
      milestone: 'progressReport@2026',
      dueAt: '2026-12-31T23:59:59+07:00',
      late: false,
    });
    expect(owing!.lastReport).toBeNull();
    // The same rows as the tasks answer when each is asked, once it is past the end of 2026 as well.
    const detailed = await programmeTracker(server.client, id, tracker.at, () => true);
    expect(tracker.tasks).toEqual(detailed.tasks.map((t) => ({ ...t, owed: t.owed.slice(0, 2) })));
    const later = await programmeTracker(server.client, id, '2027-01-20T00:00:00Z');
    expect(later.tasks[1]).toMatchObject({ daysLate: 19, owed: [{ late: false }, { late: true }] });
    expect(later.agencies.find((a) => a.unit === 'bo-cong-thuong')).toMatchObject({ late: 1 });
  });
});
