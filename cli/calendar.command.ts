import type { Command } from 'commander';
import { RequestError } from '../client/errors.js';
import { addDays, addWorkingDays, dayOfWeek, holidaysOf, isPlainDate, type PlainDate } from '../calendar/index.js';
import { loadAnnouncements, loadCalendarTable } from '../client/calendar-tables.js';
import { importPlan } from '../client/plan-import.js';
import { print, readText, write } from './io.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** About forty years of working days: more is a typing slip. */
const MAX_WORKING_DAYS = 10_000;

/** A year argument such as 2025. */
function yearArg(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < 1900 || year > 2200)
    throw new RequestError(`expected a year between 1900 and 2200, such as 2025; got "${text}"`);
  return year;
}

/** A date argument written YYYY-MM-DD or dd/mm/yyyy. */
function dateArg(text: string): PlainDate {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const date = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : text.trim();
  const year = Number(date.slice(0, 4));
  if (!isPlainDate(date) || year < 1900 || year > 2200)
    throw new RequestError(
      `expected a date written YYYY-MM-DD or dd/mm/yyyy, such as 2025-01-24 or 24/01/2025; got "${text}"`,
    );
  return date;
}

/** A whole number argument, possibly negative. */
function integerArg(text: string, what: string): number {
  if (!/^[+-]?\d+$/.test(text.trim()))
    throw new RequestError(`expected ${what} as a whole number, such as 5 or -3; got "${text}"`);
  return Number(text);
}

/** The years a working-day count may touch: from the start year (the one before, going back) to two years on, or further for long counts. */
function yearsAround(start: PlainDate, n: number): number[] {
  // A year has at least ~240 working days, so 1.6 calendar days per working day plus a month is a safe reach.
  const reach = addDays(start, Math.sign(n) * (Math.ceil(Math.abs(n) * 1.6) + 31));
  const startYear = Number(start.slice(0, 4));
  const from = Math.min(startYear - (n < 0 ? 1 : 0), Number(reach.slice(0, 4)));
  const to = Math.max(startYear + 2, Number(reach.slice(0, 4)));
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The years a plan mentions, each with the one after it, so its deadlines and their holidays are covered. */
function yearsIn(text: string): number[] {
  const years = [...text.matchAll(/(?<!\d)(19\d{2}|20\d{2}|21\d{2})(?!\d)/g)].map((match) => Number(match[1]));
  return [...new Set(years.flatMap((year) => [year, year + 1]))];
}

/** Adds `calendar holidays`, `calendar add-working-days` and `plan import` to the program, reading holiday data from `calendarDir()`. */
export function registerCalendarCommands(program: Command, calendarDir: () => string): void {
  const calendar = program.command('calendar').description('Vietnamese public holidays and working-day arithmetic');

  calendar
    .command('holidays')
    .description('list the days off of a year: statutory holidays and the announced ones')
    .argument('<year>', 'the year, e.g. 2025')
    .option('--json', 'print JSON: [{date, name}]')
    .action((yearText: string, opts: { json?: boolean }) => {
      const year = yearArg(yearText);
      const days = holidaysOf(
        year,
        loadAnnouncements(calendarDir()).find((announcement) => announcement.year === year),
      );
      if (opts.json) return print(days.map(({ date, name }) => ({ date, name })));
      for (const day of days) write(`${day.date}  ${WEEKDAYS[dayOfWeek(day.date)]!.padEnd(8)}  ${day.name}`);
    });

  calendar
    .command('add-working-days')
    .description('the day N working days after DATE (before it when N is negative), not counting DATE')
    .argument('<date>', 'the start, YYYY-MM-DD or dd/mm/yyyy')
    .argument('<n>', 'the number of working days, e.g. 5 or -3')
    .option('--explain', 'also print which days were skipped and why')
    .action((dateText: string, nText: string, opts: { explain?: boolean }) => {
      const start = dateArg(dateText);
      const n = integerArg(nText, 'the number of working days');
      if (Math.abs(n) > MAX_WORKING_DAYS)
        throw new RequestError(`expected at most ${MAX_WORKING_DAYS} working days either way; got ${n}`);
      const result = addWorkingDays(start, n, loadCalendarTable(calendarDir(), yearsAround(start, n)));
      write(result.date);
      if (opts.explain) write(result.explanation);
    });

  program
    .command('plan')
    .description('plans written as documents')
    .command('import')
    .description('read the numbered items of a plan and resolve their deadlines')
    .argument('<file>', 'the plan as text, with a section "II. NỘI DUNG VÀ TIẾN ĐỘ CÔNG VIỆC"')
    .option('--json', 'print JSON: [{number, title, deadlineText, dueAt, lead}]')
    .action((file: string, opts: { json?: boolean }) => {
      const text = readText(file);
      const result = importPlan(text, loadCalendarTable(calendarDir(), yearsIn(text)));
      if (!result.success) throw new RequestError(`${file}: ${result.error}`);
      if (opts.json) return print(result.data);
      for (const m of result.data) {
        write(`${m.number}. ${m.dueAt}  «${m.deadlineText}»${m.lead ? `  chủ trì: ${m.lead}` : ''}`);
        write(`   ${m.title}`);
      }
    });
}
