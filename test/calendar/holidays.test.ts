import { describe, expect, it } from 'vitest';
import {
  buildCalendarTable,
  holidaysOf,
  statutoryHolidays,
  YearAnnouncement,
  type Holiday,
} from '../../calendar/index.js';

const dates = (days: Holiday[]) => days.map((day) => day.date);

const announcement2024: YearAnnouncement = {
  year: 2024,
  daysOff: [
    { date: '2024-02-08', name: 'Nghỉ bù Tết Nguyên đán (29 tháng Chạp)' },
    { date: '2024-02-14', name: 'Nghỉ bù Tết Nguyên đán (mùng 5 tháng Giêng)' },
    { date: '2024-04-29', name: 'Nghỉ hoán đổi dịp 30/4 – 1/5' },
    { date: '2024-09-03', name: 'Quốc khánh (ngày liền kề)' },
  ],
  workingDays: [{ date: '2024-05-04', name: 'Làm bù cho ngày nghỉ hoán đổi 29/04/2024' }],
};

describe('statutory holidays of the Labour Code 2019', () => {
  it('lists New Year, five days of Tết, the Hùng Kings, 30/4, 1/5 and National Day with 1/9, sorted', () => {
    expect(statutoryHolidays(2025)).toEqual([
      { date: '2025-01-01', name: 'Tết Dương lịch' },
      { date: '2025-01-28', name: 'Tết Nguyên đán' },
      { date: '2025-01-29', name: 'Tết Nguyên đán' },
      { date: '2025-01-30', name: 'Tết Nguyên đán' },
      { date: '2025-01-31', name: 'Tết Nguyên đán' },
      { date: '2025-02-01', name: 'Tết Nguyên đán' },
      { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng' },
      { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
      { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)' },
      { date: '2025-09-02', name: 'Quốc khánh' },
    ]);
  });

  it("gives a compensatory day off on the Monday after the Hùng Kings' day falls on Sunday 26/4/2026", () => {
    const holidays = statutoryHolidays(2026);
    expect(holidays).toContainEqual({ date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương' });
    expect(holidays).toContainEqual({ date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' });
  });

  it('moves compensatory days past other holidays and past each other (2023: three weekend holidays in a row)', () => {
    const compensatory = statutoryHolidays(2023).filter((day) => day.name.startsWith('Nghỉ bù'));
    expect(compensatory).toEqual([
      { date: '2023-01-02', name: 'Nghỉ bù Tết Dương lịch' },
      { date: '2023-05-02', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2023-05-03', name: 'Nghỉ bù Ngày Chiến thắng' },
      { date: '2023-09-04', name: 'Nghỉ bù Quốc khánh' },
    ]);
  });

  it('gives every fixed holiday on a weekend its own compensatory day (2022: 1/1, Hùng Kings, 30/4 and 1/5)', () => {
    expect(statutoryHolidays(2022).filter((day) => day.name.startsWith('Nghỉ bù'))).toEqual([
      { date: '2022-01-03', name: 'Nghỉ bù Tết Dương lịch' },
      { date: '2022-04-11', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2022-05-02', name: 'Nghỉ bù Ngày Chiến thắng' },
      { date: '2022-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
    ]);
  });

  it('leaves the placing of Tết days that fall on a weekend to the announcement', () => {
    const tet2024 = statutoryHolidays(2024).filter((day) => day.name.includes('Tết Nguyên đán'));
    expect(dates(tet2024)).toEqual(['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13']);
  });

  it('takes 3/9 as the adjacent day of National Day when told', () => {
    const holidays = statutoryHolidays(2024, { nationalDayAdjacent: 'after' });
    expect(dates(holidays)).toContain('2024-09-03');
    expect(dates(holidays)).not.toContain('2024-09-01');
  });
});

describe('holidays of a year with its announcement', () => {
  it('adds the announced days off, sorted and once per date, and takes an announced 3/9 as the adjacent day', () => {
    const days = dates(holidaysOf(2024, announcement2024));
    expect(days).toEqual([...days].sort());
    expect(new Set(days).size).toBe(days.length);
    expect(days.filter((date) => date.startsWith('2024-02'))).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(days).toContain('2024-04-29');
    expect(days.filter((date) => date.startsWith('2024-09'))).toEqual(['2024-09-02', '2024-09-03']);
  });

  it('ignores an announcement made for another year', () => {
    expect(holidaysOf(2025, announcement2024)).toEqual(statutoryHolidays(2025));
  });
});

describe('calendar tables', () => {
  it('holds the statutory holidays of the years asked, their announcements, and the swapped working days', () => {
    const table = buildCalendarTable([2025, 2024, 2024], [announcement2024]);
    expect(dates(table.daysOff)).toContain('2024-04-29');
    expect(dates(table.daysOff)).toContain('2025-01-29');
    expect(table.workingDays).toEqual([{ date: '2024-05-04', name: 'Làm bù cho ngày nghỉ hoán đổi 29/04/2024' }]);
    expect(dates(table.daysOff)).toEqual([...new Set(dates(table.daysOff))].sort());
  });

  it('leaves out announcements of years not asked for', () => {
    const table = buildCalendarTable([2025], [announcement2024]);
    expect(table.workingDays).toEqual([]);
    expect(dates(table.daysOff).every((date) => date.startsWith('2025-'))).toBe(true);
  });

  it('lets an announced working day win over a day off on the same date', () => {
    const worked: YearAnnouncement = {
      year: 2023,
      daysOff: [],
      workingDays: [{ date: '2023-05-03', name: 'Làm việc bình thường' }],
    };
    const table = buildCalendarTable([2023], [worked]);
    expect(dates(table.daysOff)).not.toContain('2023-05-03');
  });

  it('survives a JSON round trip unchanged, so it can travel in a workflow input', () => {
    const table = buildCalendarTable([2024, 2025], [announcement2024]);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});

describe('the announcement schema', () => {
  it('accepts a well-formed announcement', () => {
    expect(YearAnnouncement.safeParse(announcement2024).success).toBe(true);
  });

  it.each([
    ['an impossible date', { year: 2025, daysOff: [{ date: '2025-02-30', name: 'x' }], workingDays: [] }, 'real date'],
    [
      'a day both off and worked',
      { year: 2025, daysOff: [{ date: '2025-05-02', name: 'a' }], workingDays: [{ date: '2025-05-02', name: 'b' }] },
      'both as a day off and as a working day',
    ],
    [
      'an empty name',
      { year: 2025, daysOff: [{ date: '2025-05-02', name: ' ' }], workingDays: [] },
      'say what the day is',
    ],
    ['a misspelt key', { year: 2025, dayOff: [], workingDays: [] }, 'dayOff'],
  ])('refuses %s', (_label, value, message) => {
    const parsed = YearAnnouncement.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(message);
  });
});
