/** A calendar day in Asia/Ho_Chi_Minh written 'YYYY-MM-DD'. */
export type PlainDate = string;

const MS_PER_DAY = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Whether a year of the proleptic Gregorian calendar is a leap year (pure). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days of a month (1–12) of a year (pure). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The day counted from 1970-01-01 (day 0) of a Gregorian date, for any year (pure). */
export function epochDayOf(year: number, month: number, day: number): number {
  // Counting years from March puts the leap day last, so whole 400-year eras repeat exactly.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The Gregorian year, month and day of a day counted from 1970-01-01 (pure). */
export function dateOfEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Writes a Gregorian year, month and day as 'YYYY-MM-DD' without checking them (pure). */
export function plainDateOf(year: number, month: number, day: number): PlainDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The year, month and day of a 'YYYY-MM-DD' text, or null when it is not a real date (pure). */
function readDate(date: string): { year: number; month: number; day: number } | null {
  const match = PLAIN_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? { year, month, day } : null;
}

/** The year, month and day of a 'YYYY-MM-DD' text; throws a RangeError when it is not a real date (pure). */
export function partsOf(date: PlainDate): { year: number; month: number; day: number } {
  const parts = readDate(date);
  if (parts) return parts;
  throw new RangeError(`"${date}" is not a calendar date: expected YYYY-MM-DD, e.g. 2023-09-15`);
}

/** The day counted from 1970-01-01 of a plain date (pure). */
export function toEpochDay(date: PlainDate): number {
  const { year, month, day } = partsOf(date);
  return epochDayOf(year, month, day);
}

/** The plain date of a day counted from 1970-01-01 (pure). */
export function fromEpochDay(epochDay: number): PlainDate {
  const { year, month, day } = dateOfEpochDay(epochDay);
  return plainDateOf(year, month, day);
}

/** Whether a text is a real date written 'YYYY-MM-DD' (2023-02-30 is not) (pure). */
export function isPlainDate(text: string): boolean {
  return readDate(text) !== null;
}

/**
 * The Asia/Ho_Chi_Minh day of an instant: an ISO text with 'Z' or an offset, or epoch milliseconds; a
 * 'YYYY-MM-DD' text is already a day and comes back as it is (pure).
 */
export function toPlainDate(instant: string | number): PlainDate {
  let ms: number;
  if (typeof instant === 'number') {
    ms = instant;
  } else if (isPlainDate(instant)) {
    return instant;
  } else {
    // An instant without an offset would be read in the host's zone, which replay cannot rely on.
    ms = ISO_INSTANT.test(instant) ? Date.parse(instant) : Number.NaN;
  }
  if (!Number.isFinite(ms)) {
    throw new RangeError(
      `"${String(instant)}" is not an instant: expected an ISO text with an offset, e.g. 2023-09-15T10:00:00+07:00, or epoch milliseconds`,
    );
  }
  return fromEpochDay(Math.floor((ms + VN_OFFSET_MS) / MS_PER_DAY));
}

/** The last second of a day in Asia/Ho_Chi_Minh, e.g. '2023-09-14T23:59:59+07:00' (pure). */
export function endOfDay(date: PlainDate): string {
  partsOf(date);
  return `${date}T23:59:59+07:00`;
}

/** The first second of a day in Asia/Ho_Chi_Minh, e.g. '2023-09-14T00:00:00+07:00' (pure). */
export function startOfDay(date: PlainDate): string {
  partsOf(date);
  return `${date}T00:00:00+07:00`;
}

/** The day n days after a date (before it when n is negative) (pure). */
export function addDays(date: PlainDate, n: number): PlainDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  return fromEpochDay(toEpochDay(date) + n);
}

/** The day of the week of a date, 0 for Sunday to 6 for Saturday (pure). */
export function dayOfWeek(date: PlainDate): number {
  // 1970-01-01 was a Thursday.
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** A date written the Vietnamese way, 'dd/mm/yyyy' (pure). */
export function formatVn(date: PlainDate): string {
  const { year, month, day } = partsOf(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

/** The last day of a month (pure). */
export function lastDayOfMonth(year: number, month: number): PlainDate {
  return plainDateOf(year, month, daysInMonth(year, month));
}
