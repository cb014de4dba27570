import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { processById } from '../../client/processes.js';
import { applyPlan, startFieldsOf, startInputOf } from '../../web/start-form.js';
import { startTextOf } from '../../web/start-text.js';

const plan = readFileSync(new URL('../fixtures/seeds/plan-nq22.txt', import.meta.url), 'utf8');
const draft = (name: string) => readFileSync(new URL(`../fixtures/drafts/${name}`, import.meta.url));
const definition = processById('review-pipeline').compiled.definition;
const table = buildCalendarTable([2023, 2024, 2025, 2026, 2027], []);
const now = new Date('2026-11-23T03:00:00Z');
const vi = startTextOf('vi');

describe('the start form', () => {
  it('takes each milestone’s due date from the plan of 12 September 2023, as dd/mm/yyyy the user may correct', () => {
    const fields = { ...startFieldsOf(definition, {}, 'vi'), plan };
    const applied = applyPlan(definition, fields, table, vi);
    expect(applied.errors).toEqual({});
    expect(applied.items.map((i) => [i.number, i.deadlineText])).toEqual([
      [1, 'Trước ngày 15 tháng 9 năm 2023'],
      [2, 'Trong tháng 9 năm 2023'],
      [3, 'Trước ngày 30 tháng 9 năm 2023'],
      [4, 'Đầu tháng 10 năm 2023'],
      [5, 'Cuối tháng 10 năm 2023'],
      [6, 'trong tháng 11 năm 2023'],
    ]);
    expect(applied.fields.dues).toMatchObject({ draftReady: '14/09/2023', pmSubmission: '29/09/2023' });
    expect(applied.fields.dues).not.toHaveProperty('pmApproval');
  });

  it('names the plan’s problem beside the plan field when it has no numbered items', () => {
    const applied = applyPlan(
      definition,
      { ...startFieldsOf(definition, {}, 'vi'), plan: 'Kế hoạch trống' },
      table,
      vi,
    );
    expect(applied.errors.plan).toMatch(/^Không đọc được kế hoạch: the plan has no numbered items/);
  });

  it('refuses an empty subject, a bad draft number, an unreadable date and a renamed script, each beside its field', async () => {
    const form = {
      subject: ' ',
      'doc.report.title': 'Đề án',
      'doc.report.draft': 'hai',
      'doc.submissionLetters.title': 'Tờ trình',
      'doc.submissionLetters.draft': '1',
      'doc.directive.title': '',
      'due.draftReady': 'sau Tết',
    };
    const fields = startFieldsOf(definition, form, 'vi');
    const script = new File([draft('renamed-script.pdf')], 'de-an.pdf');
    const checked = await startInputOf(definition, fields, [{ kind: 'report', file: script }], table, now, vi);
    expect(checked.success).toBe(false);
    if (checked.success) return;
    expect(Object.keys(checked.errors).sort()).toEqual([
      'doc.report.draft',
      'due.draftReady',
      'file.report',
      'subject',
    ]);
    expect(checked.errors['file.report']).toContain('not a PDF, DOCX or ODT');
  });

  it('builds the start input from a filled form, leaving out an optional document without a title', async () => {
    const form = {
      subject: 'Đề án tổng kết Nghị quyết 22',
      'doc.report.title': 'Đề án',
      'doc.report.draft': '2',
      'doc.submissionLetters.title': 'Tờ trình',
      'doc.submissionLetters.draft': '1',
      'doc.directive.title': '',
      'due.pmSubmission': '29/09/2027',
    };
    const pdf = new File([draft('de-an-du-thao-2.pdf')], 'de-an.pdf');
    const checked = await startInputOf(
      definition,
      startFieldsOf(definition, form, 'vi'),
      [{ kind: 'report', file: pdf }],
      table,
      now,
      vi,
    );
    expect(checked).toEqual({
      success: true,
      input: {
        subject: 'Đề án tổng kết Nghị quyết 22',
        documents: [
          { kind: 'report', title: 'Đề án', draft: 2 },
          { kind: 'submissionLetters', title: 'Tờ trình', draft: 1 },
        ],
        milestones: { pmSubmission: '2027-09-29T23:59:59+07:00' },
      },
    });
  });
});
