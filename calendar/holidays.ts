import { z } from 'zod';
import { addDays, dayOfWeek, isPlainDate, plainDateOf, type PlainDate } from './dates.js';
import { lunarToSolar } from './lunar.js';

/** A named day, such as a public holiday or a Saturday worked in exchange for a day off. */
export interface Holiday {
  date: PlainDate;
  name: string;
}

const HolidayEntry = z.strictObject({
  date: z.string().refine(isPlainDate, { message: 'expected a real date written YYYY-MM-DD, e.g. 2025-01-27' }),
  name: z.string().trim().min(1, { message: 'say what the day is, e.g. "Nghỉ bù Tết Nguyên đán"' }),
});

/** The government's announcement for one year: days off beyond the statutory ones, and days worked in exchange. */
export const YearAnnouncement = z
  .strictObject({
    year: z.number().int().min(1900).max(2200),
    daysOff: z.array(HolidayEntry),
    workingDays: z.array(HolidayEntry),
    /** Where the days were announced: the documents and the pages they were read from. */
    source: z.array(z.string().trim().min(1)).optional(),
  })
  .superRefine((announcement, ctx) => {
    const off = new Set(announcement.daysOff.map((day) => day.date));
    announcement.workingDays.forEach((day, index) => {
      if (off.has(day.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workingDays', index, 'date'],
          message: `${day.date} is listed both as a day off and as a working day; keep it in one list`,
        });
      }
    });
  });

/** The government's announcement for one year: days off beyond the statutory ones, and days worked in exchange. */
export type YearAnnouncement = { year: number; daysOff: Holiday[]; workingDays: Holiday[]; source?: string[] };

/** Days off and swapped working days for a span of years, JSON-safe so it can travel in a workflow's input. */
export interface CalendarTable {
  daysOff: Holiday[];
  workingDays: Holiday[];
}

/** Which day beside 2/9 is the second day of National Day. */
export type NationalDayAdjacent = 'before' | 'after';

const isWeekend = (date: PlainDate): boolean => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
const byDate = (a: Holiday, b: Holiday): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** Sorted by date, keeping the first entry of each date (pure). */
function sortedUnique(days: Holiday[]): Holiday[] {
  const byDay = new Map<PlainDate, Holiday>();
  for (const day of days) if (!byDay.has(day.date)) byDay.set(day.date, day);
  return [...byDay.values()].sort(byDate);
}

/**
 * The public holidays of the Labour Code 2019 (in force from 2021) for a year, sorted by date (pure): 1/1; Tết,
 * the last day of the lunar year and the first four of the new one; Hùng Kings' day (10/3 lunar); 30/4; 1/5;
 * 2/9 with 1/9 (3/9 when told); and for each of these but Tết that falls on a Saturday or Sunday, a
 * compensatory day off on the next working day, Tết's being placed by each year's announcement.
 */
export function statutoryHolidays(
  year: number,
  options: { nationalDayAdjacent?: NationalDayAdjacent } = {},
): Holiday[] {
  const firstOfTet = lunarToSolar({ year, month: 1, day: 1, leap: false });
  const tet = [-1, 0, 1, 2, 3].map((offset) => ({ date: addDays(firstOfTet, offset), name: 'Tết Nguyên đán' }));
  const adjacent = options.nationalDayAdjacent === 'after' ? plainDateOf(year, 9, 3) : plainDateOf(year, 9, 1);
  const others: Array<Holiday & { short: string }> = [
    { date: plainDateOf(year, 1, 1), name: 'Tết Dương lịch', short: 'Tết Dương lịch' },
    {
      date: lunarToSolar({ year, month: 3, day: 10, leap: false }),
      name: 'Giỗ Tổ Hùng Vương',
      short: 'Giỗ Tổ Hùng Vương',
    },
    { date: plainDateOf(year, 4, 30), name: 'Ngày Chiến thắng', short: 'Ngày Chiến thắng' },
    { date: plainDateOf(year, 5, 1), name: 'Ngày Quốc tế Lao động', short: 'Ngày Quốc tế Lao động' },
    { date: plainDateOf(year, 9, 2), name: 'Quốc khánh', short: 'Quốc khánh' },
    { date: adjacent, name: 'Quốc khánh (ngày liền kề)', short: 'Quốc khánh' },
  ];
  const holidays: Holiday[] = [...tet, ...others.map(({ date, name }) => ({ date, name }))];
  const taken = new Set(holidays.map((day) => day.date));
  for (const holiday of [...others].sort(byDate)) {
    if (!isWeekend(holiday.date)) continue;
    let substitute = addDays(holiday.date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    taken.add(substitute);
    holidays.push({ date: substitute, name: `Nghỉ bù ${holiday.short}` });
  }
  return sortedUnique(holidays);
}

/** The adjacent day of National Day a year's announcement chose: an announced day off on 3/9 means after (pure). */
function adjacentChosenBy(year: number, announcement: YearAnnouncement | undefined): NationalDayAdjacent {
  return announcement?.daysOff.some((day) => day.date === plainDateOf(year, 9, 3)) ? 'after' : 'before';
}

/** A year's days off and working days: statutory holidays with the year's announcement applied (pure). */
function yearTable(year: number, announcement: YearAnnouncement | undefined): CalendarTable {
  const workingDays = announcement?.workingDays ?? [];
  const worked = new Set(workingDays.map((day) => day.date));
  const daysOff = [
    ...statutoryHolidays(year, { nationalDayAdjacent: adjacentChosenBy(year, announcement) }),
    ...(announcement?.daysOff ?? []),
  ];
  return { daysOff: daysOff.filter((day) => !worked.has(day.date)), workingDays };
}

/**
 * The calendar table for some years: their statutory holidays plus the announcements made for them, sorted
 * and deduplicated by date; an announced working day wins over a day off on the same date (pure).
 */
export function buildCalendarTable(years: number[], announcements: YearAnnouncement[]): CalendarTable {
  const tables = [...new Set(years)]
    .sort((a, b) => a - b)
    .map((year) =>
      yearTable(
        year,
        announcements.find((a) => a.year === year),
      ),
    );
  const workingDays = sortedUnique(tables.flatMap((table) => table.workingDays));
  const worked = new Set(workingDays.map((day) => day.date));
  const daysOff = sortedUnique(tables.flatMap((table) => table.daysOff)).filter((day) => !worked.has(day.date));
  return { daysOff, workingDays };
}

/** The days off of a year, statutory and announced, sorted and deduplicated by date (pure). */
export function holidaysOf(year: number, announcement?: YearAnnouncement): Holiday[] {
  const applicable = announcement?.year === year ? announcement : undefined;
  return sortedUnique(yearTable(year, applicable).daysOff);
}
