import { describe, expect, it } from 'vitest';
import { addWorkingDays, buildCalendarTable, isWorkingDay } from '../../calendar/index.js';
import { defaultCalendarDir, loadCalendarTable } from '../../client/calendar-tables.js';

const table = loadCalendarTable(defaultCalendarDir, [2023, 2024, 2025, 2026]);
const statutoryOnly = buildCalendarTable([2023], []);

describe('working days', () => {
  it('are Monday to Friday unless a day off, plus the Saturdays worked in exchange', () => {
    expect(isWorkingDay('2025-04-29', table)).toBe(true);
    expect(isWorkingDay('2025-04-27', table)).toBe(false);
    expect(isWorkingDay('2025-04-26', table)).toBe(true);
    expect(isWorkingDay('2025-05-02', table)).toBe(false);
    expect(isWorkingDay('2025-01-27', table)).toBe(false);
  });

  it('counts from the day after the start and explains the weekend it skipped', () => {
    const result = addWorkingDays('2023-09-12', 5, statutoryOnly);
    expect(result.date).toBe('2023-09-19');
    expect(result.skipped).toEqual([
      { date: '2023-09-16', reason: 'cuối tuần' },
      { date: '2023-09-17', reason: 'cuối tuần' },
    ]);
    expect(result.explanation).toBe('5 ngày làm việc sau 12/09/2023 là 19/09/2023 (bỏ qua 16/09, 17/09: cuối tuần)');
  });

  it('returns the start itself for zero days', () => {
    expect(addWorkingDays('2025-02-01', 0, table)).toMatchObject({ date: '2025-02-01', skipped: [] });
  });

  it('steps over Tết 2025, announced 28 tháng Chạp included, from the Friday before it', () => {
    const result = addWorkingDays('2025-01-24', 1, table);
    expect(result.date).toBe('2025-02-03');
    expect(result.explanation).toBe(
      '1 ngày làm việc sau 24/01/2025 là 03/02/2025 (bỏ qua 25/01, 26/01, 02/02: cuối tuần; 27/01: Tết Nguyên đán (28 tháng Chạp); 28/01, 29/01, 30/01, 31/01, 01/02: Tết Nguyên đán)',
    );
  });

  it('counts backwards across Tết for a negative number of days', () => {
    const result = addWorkingDays('2025-02-04', -2, table);
    expect(result.date).toBe('2025-01-24');
    expect(result.explanation).toMatch(
      /^2 ngày làm việc trước 04\/02\/2025 là 24\/01\/2025 \(bỏ qua 25\/01, 26\/01, 02\/02: cuối tuần; /,
    );
    expect(addWorkingDays(result.date, 2, table).date).toBe('2025-02-04');
  });

  it('steps over 30/4–1/5 2025 and counts Saturday 26/4, worked in exchange for Friday 2/5', () => {
    expect(addWorkingDays('2025-04-25', 1, table).date).toBe('2025-04-26');
    const result = addWorkingDays('2025-04-29', 1, table);
    expect(result.date).toBe('2025-05-05');
    expect(result.skipped.map((day) => day.date)).toEqual([
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
    ]);
    expect(result.explanation).toContain('02/05: Nghỉ hoán đổi dịp 30/4 – 1/5, làm bù thứ Bảy 26/04/2025');
  });

  it('steps over 27/4–1/5 2024 and lands on Saturday 4/5, worked in exchange for Monday 29/4', () => {
    expect(addWorkingDays('2024-04-26', 1, table).date).toBe('2024-05-02');
    expect(addWorkingDays('2024-04-26', 3, table).date).toBe('2024-05-04');
  });

  it('without the announcements, the same count ignores swapped days', () => {
    expect(addWorkingDays('2025-04-25', 1, buildCalendarTable([2025], [])).date).toBe('2025-04-28');
  });

  it('refuses a fractional count and a start that is not a date', () => {
    expect(() => addWorkingDays('2025-04-25', 1.5, table)).toThrow(/whole number/);
    expect(() => addWorkingDays('2025-02-30', 1, table)).toThrow(/not a calendar date/);
  });
});
