import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { planOfPreflight, programmeIdOf, programmeStartInput, taskInput } from '../../client/programme-apply.js';
import { changeRequestOf, taskChanges } from '../../client/programme-changes.js';
import { trackerCsv, trackerXlsx, xlsxTableAsCsv } from '../../client/programme-export.js';
import { importProgramme } from '../../client/programme-import.js';
import { agencyDues, trackedTask, type ProgrammeTracker } from '../../client/programme-tracker.js';
import { loadUnits } from '../../directory/directory.js';
import { createProcess } from '../../machines/create-process.js';
import { programme } from '../../machines/definitions/programme.definition.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { taskCalendar, taskProcess } from '../../test-support/task.js';

const seed = readFileSync(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url), 'utf8');
const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);
const plan = planOfPreflight('nq31-2014', 'Chương trình hành động NQ 31', importProgramme(seed, units, 'text'));
/** The task machine started on a planned task early in 2014. */
function startPlanned(task: (typeof plan.tasks)[number]) {
  const context = parseStartInput(
    taskProcess.definition,
    taskInput(plan.id, task),
    '2014-03-01T08:00:00+07:00',
    taskCalendar,
  );
  if (!context.success) throw new Error(context.error);
  return taskProcess.start(context.data);
}
/** The programme machine started on a plan on the day seed 003 was signed. */
function startProgramme(planned: typeof plan) {
  const programmeProcess = createProcess(programme);
  const at = '2014-05-13T08:00:00+07:00';
  const context = parseStartInput(programmeProcess.definition, programmeStartInput(planned, at), at, taskCalendar);
  if (!context.success) throw new Error(context.error);
  return programmeProcess.start(context.data)[0];
}
const header = 'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian';

describe('starting a programme from its preflight', () => {
  it('plans the 32 tasks of seed 003 with ids from the programme and the task number, each a valid task start', () => {
    expect(plan.tasks).toHaveLength(32);
    expect(plan.tasks[1]).toMatchObject({
      number: '1.2',
      workflowId: 'nq31-2014.1.2',
      lead: 'bo-ngoai-giao',
      time: '2014 - 2016',
      dueAt: '2016-12-31T23:59:59+07:00',
    });
    for (const task of plan.tasks) {
      const started = parseStartInput(
        taskProcess.definition,
        taskInput(plan.id, task),
        '2014-03-01T08:00:00+07:00',
        taskCalendar,
      );
      expect(started.success, task.number).toBe(true);
    }
    // "2014 - 2016": yearly reports at the end of 2014 and 2015, the product at the end of 2016.
    const [s] = startPlanned(plan.tasks[1]!);
    expect(s.context.milestones.map((m) => `${m.id} ${m.dueAt}`)).toEqual([
      'product 2016-12-31T23:59:59+07:00',
      'progressReport@2014 2014-12-31T23:59:59+07:00',
      'progressReport@2015 2015-12-31T23:59:59+07:00',
    ]);
  });

  it("sets the programme's milestone for the agencies' own programmes from the body, due the end of June 2014", () => {
    expect(plan.obligations).toEqual({ agencyProgrammes: '2014-06-30T23:59:59+07:00' });
    expect(plan.reviews).toBeUndefined();
    const ids = startProgramme(plan).context.milestones.map((m) => `${m.id} ${m.dueAt}`);
    expect(ids.slice(0, 4)).toEqual([
      'programmeEnd 2016-12-31T23:59:59+07:00',
      'agencyProgrammes 2014-06-30T23:59:59+07:00',
      'yearlyReview@2014 2014-12-31T23:59:59+07:00',
      'yearlyReview@2015 2015-12-31T23:59:59+07:00',
    ]);
    // Seed 003 writes a yearly report only: no half-yearly or quarterly one recurs.
    expect(ids.filter((id) => /^(?:halfYearly|quarterly)Review/u.test(id))).toEqual([]);
  });

  it('keeps a quarterly report the body writes as quarterly, up to the last task, beside the yearly one', () => {
    // Seed 003 with its item 2 written quarterly ("định kỳ hàng năm báo cáo" → "định kỳ hàng quý báo cáo").
    const quarterly = planOfPreflight(
      'nq31-quy',
      'NQ 31, báo cáo hằng quý',
      importProgramme(seed.replace('định kỳ hàng năm báo cáo', 'định kỳ hàng quý báo cáo'), units, 'text'),
    );
    expect(quarterly.reviews).toEqual(['quarterlyReview']);
    const quarters = startProgramme(quarterly).context.milestones.filter((m) => m.occurrenceOf === 'quarterlyReview');
    expect(quarters.slice(0, 3).map((m) => `${m.id} ${m.dueAt}`)).toEqual([
      'quarterlyReview@2014-Q2 2014-06-30T23:59:59+07:00',
      'quarterlyReview@2014-Q3 2014-09-30T23:59:59+07:00',
      'quarterlyReview@2014-Q4 2014-12-31T23:59:59+07:00',
    ]);
    expect(quarters.at(-1)!.id).toBe('quarterlyReview@2016-Q4');
  });

  it('starts nothing from a garbled table, naming every problem', () => {
    const garbled = [
      header,
      '1.1,Xây dựng đề án,Bộ Không Có,,Đề án,2014',
      '1.3,Tổ chức hội nghị,Bộ Ngoại giao,,Hội nghị,sớm nhất có thể',
    ].join('\n');
    expect(() => planOfPreflight('x', 'x', importProgramme(garbled, units, 'csv'))).toThrow(
      /nothing was started: the table has 3 problem\(s\)[\s\S]*"Bộ Không Có" matches no unit[\s\S]*cannot read the time "sớm nhất có thể"[\s\S]*task 1.2 is missing/u,
    );
    expect(() => planOfPreflight('x', 'x', importProgramme('lorem ipsum', units, 'text'))).toThrow('no task found');
  });

  it('reports what changed in a task, field by field', () => {
    const before = plan.tasks[0]!;
    expect(taskChanges(before, { ...before, time: '2014 - 2015', dueAt: '2015-12-31T23:59:59+07:00' })).toEqual([
      { field: 'time', before: '2014', after: '2014 - 2015' },
      { field: 'dueAt', before: '2014-12-31T23:59:59+07:00', after: '2015-12-31T23:59:59+07:00' },
    ]);
    expect(taskChanges(before, { ...before })).toEqual([]);
  });

  it('compares a changed file with the task as it runs, so a change approved is reported no more', () => {
    const before = plan.tasks[0]!;
    const file = { ...before, product: 'Nghị quyết', time: '2014 - 2015', dueAt: '2015-12-31T23:59:59+07:00' };
    const running = { dueAt: file.dueAt, facts: { ...before, product: 'Nghị quyết', time: '2014 - 2015' } };
    expect(taskChanges(before, file, running)).toEqual([]);
    expect(taskChanges(before, file, { dueAt: before.dueAt, facts: { ...before, product: 'Nghị quyết' } })).toEqual([
      { field: 'time', before: '2014', after: '2014 - 2015' },
      { field: 'dueAt', before: '2014-12-31T23:59:59+07:00', after: '2015-12-31T23:59:59+07:00' },
    ]);
    const request = changeRequestOf('p', file, taskChanges(before, file));
    expect(request.then).toEqual({
      event: 'APPROVE_CHANGE',
      by: 'authority',
      dueAt: '2015-12-31T23:59:59+07:00',
      facts: { product: 'Nghị quyết', time: '2014 - 2015' },
    });
  });

  it('makes programme ids of file names', () => {
    expect(programmeIdOf('003_Chương trình NQ31.txt')).toBe('003-chuong-trinh-nq31');
    expect(() => programmeIdOf('---')).toThrow('give --id');
  });
});

describe('the tracker and its exports', () => {
  const at = '2015-01-10T08:00:00+07:00';
  const entry = plan.tasks[1]!;
  const [s] = startPlanned(entry);
  const view = {
    workflowId: entry.workflowId,
    ...taskProcess.view(s),
    execution: { status: 'running' as const, closedAt: null },
  };
  const row = trackedTask(entry, view, at);
  const tracker: ProgrammeTracker = {
    id: plan.id,
    subject: plan.title,
    status: 'running',
    obligations: [],
    tasks: [row, trackedTask(plan.tasks[0]!, null, at)],
    agencies: agencyDues([row]),
    at,
  };

  it('counts a report not filed as late from its due day, and lists what the lead owes', () => {
    expect(row).toMatchObject({ status: 'running', state: 'working', daysLate: 9, lastReport: null });
    expect(row.owed.map((o) => `${o.milestone}:${o.late}`)).toEqual([
      'product:false',
      'progressReport@2014:true',
      'progressReport@2015:false',
    ]);
    expect(tracker.agencies).toEqual([{ unit: 'bo-ngoai-giao', owes: expect.any(Array), late: 1 }]);
    expect(tracker.tasks[1]!.status).toBe('not started');
  });

  it('shows the content a running task holds, which a change approved may have given it', () => {
    const changed = { ...view, facts: { ...view.facts, content: 'Nội dung đã điều chỉnh' } };
    expect(trackedTask(entry, changed, at).content).toBe('Nội dung đã điều chỉnh');
    expect(trackedTask(entry, null, at).content).toBe(entry.content);
  });

  it('writes CSV with a Vietnamese header and dates as dd/mm/yyyy', () => {
    const lines = trackerCsv(tracker).split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFTT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Hạn hoàn thành,Trạng thái,Báo cáo gần nhất,Số ngày chậm,Còn nợ',
    );
    expect(lines[1]).toContain(',bo-ngoai-giao,');
    expect(lines[1]).toContain(',31/12/2016,Đang thực hiện,,9,');
  });

  it('writes XLSX with a sheet of tasks and a sheet of agencies', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await trackerXlsx(tracker)) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Nhiệm vụ', 'Theo cơ quan']);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).text).toBe('1.2');
    expect(workbook.worksheets[1]!.getRow(2).getCell(3).text).toBe('1');
  });

  it('reads a programme table from XLSX as the preflight reads it from CSV', async () => {
    const csv = [
      header,
      '1.1,"Quán triệt Nghị quyết",Bộ Ngoại giao,"Bộ Công Thương, Bộ Tư pháp",Các lớp tập huấn,2014',
      '1.2,Xây dựng Chiến lược,Bộ Ngoại giao,,Dự thảo Chiến lược,2014 - 2016',
    ].join('\n');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    for (const line of [
      header.split(','),
      ['1.1', 'Quán triệt Nghị quyết', 'Bộ Ngoại giao', 'Bộ Công Thương, Bộ Tư pháp', 'Các lớp tập huấn', '2014'],
      ['1.2', 'Xây dựng Chiến lược', 'Bộ Ngoại giao', '', 'Dự thảo Chiến lược', '2014 - 2016'],
    ])
      sheet.addRow(line);
    const fromXlsx = importProgramme(
      await xlsxTableAsCsv(Buffer.from(await workbook.xlsx.writeBuffer())),
      units,
      'csv',
    );
    expect(fromXlsx).toEqual(importProgramme(csv, units, 'csv'));
    expect(fromXlsx.tasks).toHaveLength(2);
    await expect(xlsxTableAsCsv(Buffer.from('not a workbook'))).rejects.toThrow('cannot read the XLSX file');
  });
});
