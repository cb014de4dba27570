import type { Command } from 'commander';
import { RequestError } from '../client/errors.js';
import { dayOfWeek } from '../calendar/index.js';
import { checkYear, holidaysIn, importPlanText, readDate, workingDaysFrom } from '../client/calendar.js';
import { print, readText, write } from './io.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** A year argument such as 2025. */
function yearArg(text: string): number {
  if (!/^\d{4}$/.test(text))
    throw new RequestError(`expected a year between 1900 and 2200, such as 2025; got "${text}"`);
  return checkYear(Number(text));
}

/** A whole number argument, possibly negative. */
function integerArg(text: string, what: string): number {
  if (!/^[+-]?\d+$/.test(text.trim()))
    throw new RequestError(`expected ${what} as a whole number, such as 5 or -3; got "${text}"`);
  return Number(text);
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
      const days = holidaysIn(calendarDir(), yearArg(yearText));
      if (opts.json) return print(days);
      for (const day of days) write(`${day.date}  ${WEEKDAYS[dayOfWeek(day.date)]!.padEnd(8)}  ${day.name}`);
    });

  calendar
    .command('add-working-days')
    .description('the day N working days after DATE (before it when N is negative), not counting DATE')
    .argument('<date>', 'the start, YYYY-MM-DD or dd/mm/yyyy')
    .argument('<n>', 'the number of working days, e.g. 5 or -3')
    .option('--explain', 'also print which days were skipped and why')
    .action((dateText: string, nText: string, opts: { explain?: boolean }) => {
      const n = integerArg(nText, 'the number of working days');
      const result = workingDaysFrom(calendarDir(), readDate(dateText), n);
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
      const milestones = importPlanText(calendarDir(), readText(file), file);
      if (opts.json) return print(milestones);
      for (const m of milestones) {
        write(`${m.number}. ${m.dueAt}  «${m.deadlineText}»${m.lead ? `  chủ trì: ${m.lead}` : ''}`);
        write(`   ${m.title}`);
      }
    });
}
