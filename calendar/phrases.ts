import {
  addDays,
  daysInMonth,
  endOfDay,
  formatVn,
  isPlainDate,
  lastDayOfMonth,
  plainDateOf,
  type PlainDate,
} from './dates.js';
import type { CalendarTable } from './holidays.js';
import { addWorkingDays } from './working-days.js';

/** An outcome the caller must handle, shaped like zod's `safeParse`. */
export type Result<T> = { success: true; data: T } | { success: false; error: string };

/** A deadline phrase resolved: the last instant still on time, the rule applied, and a Vietnamese sentence saying how. */
export interface ResolvedDeadline {
  dueAt: string;
  rule: string;
  explanation: string;
}

/** What `parseDeadline` needs besides the text: the holiday table, the day relative deadlines count from, a default year. */
export interface DeadlineOptions {
  table: CalendarTable;
  after?: PlainDate;
  year?: number;
}

/** Examples of every form `parseDeadline` understands, quoted in its error messages. */
export const deadlineForms: readonly string[] = [
  'Trước ngày 15 tháng 9 năm 2023',
  'Trước ngày 15/09/2023',
  'Trước tháng 10 năm 2023',
  'Ngày 15 tháng 9 năm 2023',
  '15/09/2023',
  'Đến hết ngày 15/09/2023',
  'Trong tháng 9 năm 2023',
  'Đầu tháng 10 năm 2023',
  'Giữa tháng 10 năm 2023',
  'Cuối tháng 10 năm 2023',
  'Tháng 11 năm 2023',
  'tháng 11/2023',
  'Năm 2024',
  '5 ngày làm việc kể từ ngày nhận hồ sơ',
  '10 ngày',
];

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
/** Beyond ten years a count of days is a typing slip, not a deadline. */
const MAX_DAYS = 3660;

/** Thrown inside the parser and turned into a failed Result at its edge. */
class DeadlineError extends Error {}

interface Context {
  quoted: string;
  options: DeadlineOptions;
}

/** Lower case, single spaces, without a leading 'Thời gian:' or bullet, a trailing stop or wrapping parentheses. */
function normalize(text: string): string {
  let t = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  t = t.replace(/^[-–•]\s*/, '').replace(/^thời gian\s*:\s*/, '');
  t = t.replace(/[.;,]+$/, '').trim();
  if (/^\(.*\)$/.test(t)) t = t.slice(1, -1).trim();
  t = t.replace(/^hoàn thành\s+/, '');
  return t.replace(/\s*\/\s*/g, '/').replace(/\s*,\s*năm/g, ' năm');
}

/** The year written, or the default year; without either it is an error saying the year is needed. */
function yearOf(written: string | undefined, ctx: Context): { year: number; defaulted: boolean } {
  if (written !== undefined) return { year: checkYear(Number(written), ctx), defaulted: false };
  if (ctx.options.year !== undefined) return { year: ctx.options.year, defaulted: true };
  throw new DeadlineError(
    `the deadline ${ctx.quoted} has no year: write it, e.g. "Trong tháng 9 năm 2023", or give the year to assume`,
  );
}

const checkYear = (year: number, ctx: Context): number => {
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw new DeadlineError(
      `the deadline ${ctx.quoted} names the year ${year}: expected one from ${MIN_YEAR} to ${MAX_YEAR}`,
    );
  return year;
};

const checkMonth = (month: number, ctx: Context): void => {
  if (month < 1 || month > 12)
    throw new DeadlineError(`the deadline ${ctx.quoted} names month ${month}: months run from 1 to 12`);
};

interface DayParts {
  date: PlainDate;
  defaulted: boolean;
}

/** A day written '15 tháng 9 năm 2023', '15/09/2023', '15/9' or '2023-09-15', or null when the fragment is none of these. */
function dayOf(fragment: string, ctx: Context): DayParts | null {
  const f = fragment.replace(/^ngày /, '');
  if (isPlainDate(f)) return { date: f, defaulted: false };
  const match =
    /^(\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?$/.exec(f) ?? /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$/.exec(f);
  if (!match) return null;
  const [day, month] = [Number(match[1]), Number(match[2])];
  checkMonth(month, ctx);
  const { year, defaulted } = yearOf(match[3], ctx);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new DeadlineError(
      `the deadline ${ctx.quoted} is not a real date: month ${month} of ${year} has ${daysInMonth(year, month)} days`,
    );
  }
  return { date: plainDateOf(year, month, day), defaulted };
}

/** A month written '9 năm 2023', '9/2023' or '9', or null. */
function monthOf(fragment: string, ctx: Context): { year: number; month: number; defaulted: boolean } | null {
  const match = /^(\d{1,2})(?: năm (\d{4})|\/(\d{4}))?$/.exec(fragment);
  if (!match) return null;
  const month = Number(match[1]);
  checkMonth(month, ctx);
  return { month, ...yearOf(match[2] ?? match[3], ctx) };
}

const assumed = (defaulted: boolean, year: number): string => (defaulted ? ` (không ghi năm nên lấy năm ${year})` : '');
const monthVn = (year: number, month: number): string => `${String(month).padStart(2, '0')}/${year}`;
const resolved = (date: PlainDate, rule: string, explanation: string): ResolvedDeadline => ({
  dueAt: endOfDay(date),
  rule,
  explanation,
});

/** The day relative deadlines count from: a day written after 'kể từ', or the `after` option. */
function startOf(tail: string | undefined, ctx: Context): PlainDate {
  const written = tail === undefined ? null : dayOf(tail, ctx);
  if (written) return written.date;
  const after = ctx.options.after;
  if (after === undefined)
    throw new DeadlineError(`the deadline ${ctx.quoted} counts days from a start: give the day to count from (after)`);
  if (!isPlainDate(after)) throw new DeadlineError(`the day to count from (after) must be YYYY-MM-DD, got "${after}"`);
  return after;
}

/** A rule: a pattern over the normalized text and how a match resolves, or null to let later rules try. */
type Rule = [RegExp, (match: RegExpExecArray, ctx: Context) => ResolvedDeadline | null];

const MONTH_RULES: Array<[string, string, string, (year: number, month: number) => PlainDate]> = [
  ['trong', 'within-month', 'Trong tháng', (y, m) => lastDayOfMonth(y, m)],
  ['đầu', 'early-month', 'Đầu tháng', (y, m) => plainDateOf(y, m, 10)],
  ['giữa', 'mid-month', 'Giữa tháng', (y, m) => plainDateOf(y, m, 20)],
  ['cuối', 'end-month', 'Cuối tháng', (y, m) => lastDayOfMonth(y, m)],
];

const RULES: Rule[] = [
  [
    /^(?:(?:trong vòng|trong thời hạn|trong|chậm nhất|không quá|tối đa|sau|là) )*(\d+) ngày( làm việc)?(?: (?:kể từ|tính từ|từ|sau khi|sau) (.+))?$/,
    (m, ctx) => {
      const count = Number(m[1]);
      if (count > MAX_DAYS)
        throw new DeadlineError(`the deadline ${ctx.quoted} counts ${count} days: at most ${MAX_DAYS} are understood`);
      const start = startOf(m[3], ctx);
      if (m[2]) {
        const { date, explanation } = addWorkingDays(start, count, ctx.options.table);
        return resolved(date, 'working-days', explanation);
      }
      const due = addDays(start, count);
      return resolved(due, 'calendar-days', `${count} ngày sau ${formatVn(start)} là ${formatVn(due)}`);
    },
  ],
  [
    /^trước (?:ngày )?(.+)$/,
    (m, ctx) => {
      const day = dayOf(m[1]!, ctx);
      if (!day) return null;
      const due = addDays(day.date, -1);
      return resolved(
        due,
        'before-day',
        `Trước ngày ${formatVn(day.date)} nghĩa là chậm nhất hết ngày ${formatVn(due)}${assumed(day.defaulted, Number(day.date.slice(0, 4)))}`,
      );
    },
  ],
  [
    /^trước tháng (.+)$/,
    (m, ctx) => {
      const month = monthOf(m[1]!, ctx);
      if (!month) return null;
      const due = addDays(plainDateOf(month.year, month.month, 1), -1);
      return resolved(
        due,
        'before-month',
        `Trước tháng ${monthVn(month.year, month.month)} nghĩa là chậm nhất hết ngày ${formatVn(due)}${assumed(month.defaulted, month.year)}`,
      );
    },
  ],
  ...MONTH_RULES.map(([word, rule, label, dayIn]): Rule => [
    new RegExp(`^${word} tháng (.+)$`),
    (m, ctx) => {
      const month = monthOf(m[1]!, ctx);
      if (!month) return null;
      const due = dayIn(month.year, month.month);
      return resolved(
        due,
        rule,
        `${label} ${monthVn(month.year, month.month)} nghĩa là chậm nhất hết ngày ${formatVn(due)}${assumed(month.defaulted, month.year)}`,
      );
    },
  ]),
  [
    /^tháng (.+)$/,
    (m, ctx) => {
      const month = monthOf(m[1]!, ctx);
      if (!month) return null;
      const due = lastDayOfMonth(month.year, month.month);
      return resolved(
        due,
        'month',
        `Tháng ${monthVn(month.year, month.month)} nghĩa là chậm nhất hết ngày cuối tháng, ${formatVn(due)}${assumed(month.defaulted, month.year)}`,
      );
    },
  ],
  [
    /^(?:(?:trong|cuối) )?(?:năm )?(\d{4})$/,
    (m, ctx) => {
      const due = plainDateOf(checkYear(Number(m[1]), ctx), 12, 31);
      return resolved(due, 'within-year', `Năm ${m[1]} nghĩa là chậm nhất hết ngày ${formatVn(due)}`);
    },
  ],
  [
    /^(?:(?:từ|kể từ) .+ )?đến (?:hết )?(?:ngày )?(.+)$/,
    (m, ctx) => {
      const day = dayOf(m[1]!, ctx);
      if (!day) return null;
      return resolved(
        day.date,
        'until-day',
        `Đến hết ngày ${formatVn(day.date)}${assumed(day.defaulted, Number(day.date.slice(0, 4)))}`,
      );
    },
  ],
  [
    /^(?:(?:chậm nhất|muộn nhất|hạn chót|hạn|vào|là|trong) )*(.+)$/,
    (m, ctx) => {
      const day = dayOf(m[1]!, ctx);
      if (!day) return null;
      return resolved(
        day.date,
        'on-day',
        `Hạn là ngày ${formatVn(day.date)}, chậm nhất hết ngày đó${assumed(day.defaulted, Number(day.date.slice(0, 4)))}`,
      );
    },
  ],
];

/**
 * Resolves a deadline as users write it ("Trước ngày 15 tháng 9 năm 2023", "Cuối tháng 10 năm 2023",
 * "5 ngày làm việc") to the last instant still on time in Asia/Ho_Chi_Minh; failures quote the text and say
 * what was expected (pure).
 */
export function parseDeadline(text: string, options: DeadlineOptions): Result<ResolvedDeadline> {
  const ctx: Context = { quoted: `"${text.replace(/\s+/g, ' ').trim()}"`, options };
  const normalized = normalize(text);
  try {
    for (const [pattern, resolve] of RULES) {
      const match = pattern.exec(normalized);
      const result = match && resolve(match, ctx);
      if (result) return { success: true, data: result };
    }
  } catch (err) {
    if (err instanceof DeadlineError) return { success: false, error: err.message };
    throw err;
  }
  return {
    success: false,
    error: `cannot read the deadline ${ctx.quoted}; write one of: ${deadlineForms.map((form) => `"${form}"`).join(', ')}`,
  };
}
