import { describe, expect, it } from 'vitest';
import { addWorkingDays, buildCalendarTable, parseDeadline, type ResolvedDeadline } from '../../calendar/index.js';
import { defaultCalendarDir, loadCalendarTable } from '../../client/calendar-tables.js';

const table = buildCalendarTable([2023, 2024], []);

/** The resolved deadline, failing the test with the parser's message when the text is not understood. */
function resolved(text: string, options: { after?: string; year?: number } = {}): ResolvedDeadline {
  const result = parseDeadline(text, { table, ...options });
  if (!result.success) throw new Error(result.error);
  return result.data;
}

/** The parser's error message, failing the test when the text was understood. */
function refused(text: string, options: { after?: string; year?: number } = {}): string {
  const result = parseDeadline(text, { table, ...options });
  if (result.success) throw new Error(`expected ${text} to be refused, got ${result.data.dueAt}`);
  return result.error;
}

describe('deadline phrases', () => {
  it.each([
    ['Trước ngày 15 tháng 9 năm 2023', '2023-09-14', 'before-day'],
    ['Trước ngày 15/09/2023', '2023-09-14', 'before-day'],
    ['TRƯỚC NGÀY 1/1/2024', '2023-12-31', 'before-day'],
    ['hoàn thành trước ngày 08 tháng 9 năm 2023', '2023-09-07', 'before-day'],
    ['Trước tháng 10 năm 2023', '2023-09-30', 'before-month'],
    ['Trong tháng 9 năm 2023', '2023-09-30', 'within-month'],
    ['trong tháng 02/2024', '2024-02-29', 'within-month'],
    ['Đầu tháng 10 năm 2023', '2023-10-10', 'early-month'],
    ['Giữa tháng 10 năm 2023', '2023-10-20', 'mid-month'],
    ['Cuối tháng 10 năm 2023', '2023-10-31', 'end-month'],
    ['Ngày 15 tháng 9 năm 2023', '2023-09-15', 'on-day'],
    ['15/09/2023', '2023-09-15', 'on-day'],
    ['chậm nhất ngày 2023-09-15', '2023-09-15', 'on-day'],
    ['Đến hết ngày 15/9/2023', '2023-09-15', 'until-day'],
    ['chậm nhất vào ngày 15/9/2023', '2023-09-15', 'on-day'],
    ['Tháng 11 năm 2023', '2023-11-30', 'month'],
    ['tháng 11/2023', '2023-11-30', 'month'],
    ['Năm 2024', '2024-12-31', 'within-year'],
  ])('reads "%s" as due at the end of %s (%s)', (text, date, rule) => {
    const deadline = resolved(text);
    expect(deadline.dueAt).toBe(`${date}T23:59:59+07:00`);
    expect(deadline.rule).toBe(rule);
  });

  it("tolerates 'Thời gian:', a bullet, extra spaces, leading zeros, a final stop and wrapping parentheses", () => {
    expect(resolved('- Thời gian:   Trước   ngày 15 tháng 09 năm   2023. ').dueAt).toBe('2023-09-14T23:59:59+07:00');
    expect(resolved('(trong tháng 11\nnăm 2023)').dueAt).toBe('2023-11-30T23:59:59+07:00');
    expect(resolved('Trước ngày 05 / 10 / 2023').dueAt).toBe('2023-10-04T23:59:59+07:00');
  });

  it('explains in Vietnamese how the due date was reached', () => {
    expect(resolved('Trước ngày 15 tháng 9 năm 2023').explanation).toBe(
      'Trước ngày 15/09/2023 nghĩa là chậm nhất hết ngày 14/09/2023',
    );
    expect(resolved('Đầu tháng 10 năm 2023').explanation).toBe(
      'Đầu tháng 10/2023 nghĩa là chậm nhất hết ngày 10/10/2023',
    );
    expect(resolved('Tháng 11 năm 2023').explanation).toBe(
      'Tháng 11/2023 nghĩa là chậm nhất hết ngày cuối tháng, 30/11/2023',
    );
  });

  it('takes the default year when the text has none, and says so', () => {
    const deadline = resolved('Trong tháng 9', { year: 2023 });
    expect(deadline.dueAt).toBe('2023-09-30T23:59:59+07:00');
    expect(deadline.explanation).toContain('không ghi năm nên lấy năm 2023');
    expect(resolved('Trước ngày 15/9', { year: 2023 }).dueAt).toBe('2023-09-14T23:59:59+07:00');
  });

  it('counts working days from the given day, with the working-day explanation', () => {
    const deadline = resolved('5 ngày làm việc', { after: '2023-09-12' });
    expect(deadline).toEqual({
      dueAt: '2023-09-19T23:59:59+07:00',
      rule: 'working-days',
      explanation: addWorkingDays('2023-09-12', 5, table).explanation,
    });
    expect(resolved('5 ngày làm việc kể từ ngày nhận được hồ sơ', { after: '2023-09-12' }).dueAt).toBe(
      '2023-09-19T23:59:59+07:00',
    );
    expect(resolved('Trong vòng 5 ngày làm việc sau khi nhận hồ sơ', { after: '2023-09-12' }).dueAt).toBe(
      '2023-09-19T23:59:59+07:00',
    );
  });

  it('counts working days from a day written in the text, over Tết and the announced days off', () => {
    const withData = loadCalendarTable(defaultCalendarDir, [2025]);
    const result = parseDeadline('5 ngày làm việc kể từ ngày 24/01/2025', { table: withData });
    expect(result).toMatchObject({ success: true, data: { dueAt: '2025-02-07T23:59:59+07:00', rule: 'working-days' } });
  });

  it('counts calendar days from the given day', () => {
    expect(resolved('10 ngày', { after: '2023-09-12' })).toEqual({
      dueAt: '2023-09-22T23:59:59+07:00',
      rule: 'calendar-days',
      explanation: '10 ngày sau 12/09/2023 là 22/09/2023',
    });
  });
});

describe('deadline phrases that cannot be resolved', () => {
  it('quote the text and list the forms understood', () => {
    const error = refused('khi nào xong thì báo');
    expect(error).toContain('"khi nào xong thì báo"');
    expect(error).toContain('"Trước ngày 15 tháng 9 năm 2023"');
    expect(error).toContain('"5 ngày làm việc');
  });

  it('say the year is needed when neither the text nor the options give one', () => {
    const error = refused('Trong tháng 9');
    expect(error).toContain('"Trong tháng 9"');
    expect(error).toContain('has no year');
  });

  it('name the missing start day of a relative deadline', () => {
    const error = refused('5 ngày làm việc');
    expect(error).toContain('"5 ngày làm việc"');
    expect(error).toContain('(after)');
  });

  it('refuse impossible dates and months', () => {
    expect(refused('31/02/2023')).toBe('the deadline "31/02/2023" is not a real date: month 2 of 2023 has 28 days');
    expect(refused('Trước ngày 30 tháng 2 năm 2024')).toContain('month 2 of 2024 has 29 days');
    expect(refused('Tháng 13 năm 2023')).toContain('months run from 1 to 12');
    expect(refused('Trước ngày 1/1/0001')).toContain('expected one from 1900 to 2200');
    expect(refused('99999 ngày', { after: '2023-09-12' })).toContain('at most 3660');
  });
});
