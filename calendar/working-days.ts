import { addDays, dayOfWeek, formatVn, fromEpochDay, partsOf, toEpochDay, type PlainDate } from './dates.js';
import type { CalendarTable } from './holidays.js';

/** Where `addWorkingDays` landed, the days it stepped over and why, and a Vietnamese sentence saying so. */
export interface WorkingDaysResult {
  date: PlainDate;
  skipped: Array<{ date: PlainDate; reason: string }>;
  explanation: string;
}

const WEEKEND = 'cuối tuần';

type Lookups = { off: Map<PlainDate, string>; worked: Set<PlainDate> };

/** Lookups already read, by table: a machine asks about the days of one table many times. */
const read = new WeakMap<CalendarTable, Lookups>();

/** A table's days read as lookups: the name of each day off, and the swapped working days (read once per table). */
function lookupsOf(table: CalendarTable): Lookups {
  const known = read.get(table);
  if (known) return known;
  const off = new Map<PlainDate, string>();
  for (const day of table.daysOff) if (!off.has(day.date)) off.set(day.date, day.name);
  const lookups = { off, worked: new Set(table.workingDays.map((day) => day.date)) };
  read.set(table, lookups);
  return lookups;
}

/** Why a day is not worked, or null when it is. */
function reasonOff(date: PlainDate, lookups: ReturnType<typeof lookupsOf>): string | null {
  if (lookups.worked.has(date)) return null;
  const holiday = lookups.off.get(date);
  if (holiday !== undefined) return holiday;
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6 ? WEEKEND : null;
}

/** Whether a day is worked: Monday to Friday and not a day off, or a listed working day (pure). */
export function isWorkingDay(date: PlainDate, table: CalendarTable): boolean {
  return reasonOff(date, lookupsOf(table)) === null;
}

/**
 * How many working days lie from `first` to `last`, both included (0 when last is before first); pure. Counted from
 * the weekdays of the span and the table's days, not day by day, so a span of years costs what a week does.
 */
export function countWorkingDays(first: PlainDate, last: PlainDate, table: CalendarTable): number {
  const [from, to] = [toEpochDay(first), toEpochDay(last)];
  if (to < from) return 0;
  const span = to - from + 1;
  // 1970-01-01 (epoch day 0) was a Thursday.
  const weekday = (epochDay: number) => (((epochDay + 4) % 7) + 7) % 7;
  let count = Math.floor(span / 7) * 5;
  for (let day = from + span - (span % 7); day <= to; day += 1) if (weekday(day) % 6 !== 0) count += 1;
  const { off, worked } = lookupsOf(table);
  const inSpan = (date: PlainDate) => date >= first && date <= last;
  for (const date of off.keys()) if (inSpan(date) && dayOfWeek(date) % 6 !== 0) count -= 1;
  for (const date of worked) if (inSpan(date) && (dayOfWeek(date) % 6 === 0 || off.has(date))) count += 1;
  return count;
}

/**
 * The day n working days after start (before it when n is negative), as {@link addWorkingDays} finds it, without
 * listing or explaining the days stepped over: what a machine re-arming its deadlines needs (pure).
 */
export function shiftWorkingDays(start: PlainDate, n: number, table: CalendarTable): PlainDate {
  if (!Number.isInteger(n)) throw new RangeError(`the number of working days must be a whole number, got ${n}`);
  const { off, worked } = lookupsOf(table);
  const step = n > 0 ? 1 : -1;
  let day = toEpochDay(start);
  for (let counted = 0; counted < Math.abs(n);) {
    day += step;
    const date = fromEpochDay(day);
    // 1970-01-01 (epoch day 0) was a Thursday.
    const weekend = ((((day + 4) % 7) + 7) % 7) % 6 === 0;
    if (worked.has(date) || (!off.has(date) && !weekend)) counted += 1;
  }
  return n === 0 ? start : fromEpochDay(day);
}

/** 'dd/mm' of a date, as the skipped days are listed. */
const dayMonth = (date: PlainDate): string => formatVn(date).slice(0, 5);

/** The skipped days grouped by reason, e.g. "16/09, 17/09: cuối tuần; 02/09: Quốc khánh". */
function describeSkipped(skipped: WorkingDaysResult['skipped']): string {
  const groups = new Map<string, PlainDate[]>();
  for (const { date, reason } of skipped) groups.set(reason, [...(groups.get(reason) ?? []), date]);
  return [...groups].map(([reason, dates]) => `${dates.map(dayMonth).join(', ')}: ${reason}`).join('; ');
}

/**
 * The day n working days after start (before it when n is negative), not counting start itself; n = 0 gives
 * start. Lists the days stepped over and explains the count in Vietnamese (pure).
 */
export function addWorkingDays(start: PlainDate, n: number, table: CalendarTable): WorkingDaysResult {
  partsOf(start);
  if (!Number.isInteger(n)) throw new RangeError(`the number of working days must be a whole number, got ${n}`);
  if (n === 0) return { date: start, skipped: [], explanation: `0 ngày làm việc: giữ nguyên ngày ${formatVn(start)}` };
  const lookups = lookupsOf(table);
  const step = n > 0 ? 1 : -1;
  const skipped: WorkingDaysResult['skipped'] = [];
  let date = start;
  for (let counted = 0; counted < Math.abs(n);) {
    date = addDays(date, step);
    const reason = reasonOff(date, lookups);
    if (reason === null) counted += 1;
    else skipped.push({ date, reason });
  }
  skipped.sort((a, b) => (a.date < b.date ? -1 : 1));
  const direction = n > 0 ? 'sau' : 'trước';
  const detail = skipped.length > 0 ? ` (bỏ qua ${describeSkipped(skipped)})` : '';
  return {
    date,
    skipped,
    explanation: `${Math.abs(n)} ngày làm việc ${direction} ${formatVn(start)} là ${formatVn(date)}${detail}`,
  };
}
