import { Hono } from 'hono';
import { daysInMonth, plainDateOf } from '../calendar/dates.js';
import { addWorkingDays, isPlainDate, isWorkingDay, toPlainDate, type CalendarTable } from '../calendar/index.js';
import type { WebDeps, WebEnv } from './deps.js';
import { explainWorkingDays } from './working-days-text.js';
import { frameOf } from './frame.js';
import { CalendarPage, calendarText, type Calculation } from './pages/calendar.js';

/** Working days of each month of a year (pure). */
export function workingDaysPerMonth(year: number, table: CalendarTable): number[] {
  return Array.from({ length: 12 }, (_, i) => {
    let n = 0;
    for (let day = 1; day <= daysInMonth(year, i + 1); day += 1)
      if (isWorkingDay(plainDateOf(year, i + 1, day), table)) n += 1;
    return n;
  });
}

/** A dd/mm/yyyy date as a plain date, or undefined (pure). */
function fromVn(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const date = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isPlainDate(date) ? date : undefined;
}

/** The calendar page: a year's holidays, swapped days and working days, and the working-day calculator. */
export function calendarRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/calendar', (c) => {
    const w = calendarText(c.get('lang'));
    const thisYear = Number(toPlainDate(deps.now().getTime()).slice(0, 4));
    const asked = Number(c.req.query('year'));
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
    const fromText = c.req.query('from') ?? '';
    const daysText = c.req.query('days') ?? '';
    const calculation: Calculation = { from: fromText, days: daysText, errors: {} };
    let status: 200 | 422 = 200;
    if (fromText !== '' || daysText !== '') {
      const from = fromVn(fromText);
      const days = Number(daysText);
      if (!from) calculation.errors.from = w.badFrom;
      if (!/^-?\d+$/.test(daysText.trim()) || Math.abs(days) > 400) calculation.errors.days = w.badDays;
      if (from && !calculation.errors.days) {
        const y = Number(from.slice(0, 4));
        const result = addWorkingDays(from, days, deps.calendar([y - 2, y - 1, y, y + 1, y + 2]));
        calculation.result = { date: result.date, explanation: explainWorkingDays(from, days, result, c.get('lang')) };
      } else status = 422;
    }
    const table = deps.calendar([year]);
    const inYear = (d: { date: string }) => d.date.startsWith(`${year}-`);
    const shown = { daysOff: table.daysOff.filter(inYear), workingDays: table.workingDays.filter(inYear) };
    return c.html(
      <CalendarPage
        {...frameOf(c)}
        year={year}
        table={shown}
        perMonth={workingDaysPerMonth(year, table)}
        calculation={calculation}
      />,
      status,
    );
  });
  return app;
}
