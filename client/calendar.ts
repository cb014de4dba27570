import {
  addDays,
  addWorkingDays,
  holidaysOf,
  isPlainDate,
  type Holiday,
  type PlainDate,
  type WorkingDaysResult,
} from '../calendar/index.js';
import { loadAnnouncements, loadCalendarTable } from './calendar-tables.js';
import { RequestError } from './errors.js';
import { importPlan, type PlanMilestone } from './plan-import.js';

/** The years the calendar answers for: its tables are data for these, and anything else is a typing slip. */
export const YEARS = { from: 1900, to: 2200 } as const;

/** About forty years of working days: more is a typing slip. */
export const MAX_WORKING_DAYS = 10_000;

/** Refuses a year outside {@link YEARS} with a RequestError naming the range (pure). */
export function checkYear(year: number, what = 'a year'): number {
  if (!Number.isInteger(year) || year < YEARS.from || year > YEARS.to)
    throw new RequestError(`expected ${what} between ${YEARS.from} and ${YEARS.to}, such as 2025; got "${year}"`);
  return year;
}

/** A date written YYYY-MM-DD or dd/mm/yyyy, or a RequestError naming both forms (pure). */
export function readDate(text: string): PlainDate {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const date = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : text.trim();
  const year = Number(date.slice(0, 4));
  if (!isPlainDate(date) || year < YEARS.from || year > YEARS.to)
    throw new RequestError(
      `expected a date written YYYY-MM-DD or dd/mm/yyyy, such as 2025-01-24 or 24/01/2025; got "${text}"`,
    );
  return date;
}

/** The years a working-day count may touch: from the start year (the one before, going back) to two years on, or further for long counts (pure). */
export function yearsAround(start: PlainDate, n: number): number[] {
  // A year has at least ~240 working days, so 1.6 calendar days per working day plus a month is a safe reach.
  const reach = addDays(start, Math.sign(n) * (Math.ceil(Math.abs(n) * 1.6) + 31));
  const startYear = Number(start.slice(0, 4));
  const from = Math.min(startYear - (n < 0 ? 1 : 0), Number(reach.slice(0, 4)));
  const to = Math.max(startYear + 2, Number(reach.slice(0, 4)));
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The years a plan mentions, each with the one after it, so its deadlines and their holidays are covered (pure). */
export function yearsIn(text: string): number[] {
  const years = [...text.matchAll(/(?<!\d)(19\d{2}|20\d{2}|21\d{2})(?!\d)/g)].map((match) => Number(match[1]));
  return [...new Set(years.flatMap((year) => [year, year + 1]))];
}

/** The days off of a year: the statutory holidays and those announced in the holiday folder. */
export function holidaysIn(calendarDir: string, year: number): Holiday[] {
  checkYear(year);
  const announcement = loadAnnouncements(calendarDir).find((a) => a.year === year);
  return holidaysOf(year, announcement).map(({ date, name }) => ({ date, name }));
}

/** The day `n` working days after `start` (before it when negative), not counting `start`, with the days skipped and why. */
export function workingDaysFrom(calendarDir: string, start: PlainDate, n: number): WorkingDaysResult {
  if (!Number.isInteger(n))
    throw new RequestError(`expected a whole number of working days, such as 5 or -3; got ${n}`);
  if (Math.abs(n) > MAX_WORKING_DAYS)
    throw new RequestError(`expected at most ${MAX_WORKING_DAYS} working days either way; got ${n}`);
  return addWorkingDays(start, n, loadCalendarTable(calendarDir, yearsAround(start, n)));
}

/** The numbered items of a plan text with their due instants, resolved against the holiday folder; `source` names the text in a refusal. */
export function importPlanText(calendarDir: string, text: string, source = 'the plan'): PlanMilestone[] {
  const result = importPlan(text, loadCalendarTable(calendarDir, yearsIn(text)));
  if (!result.success) throw new RequestError(`${source}: ${result.error}`);
  return result.data;
}
