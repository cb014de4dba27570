import type { CalendarTable } from './holidays.js';

/** A calendar table as a workflow's start carries it: the dates only, the days' names left out. */
export interface CompactCalendar {
  daysOff: string[];
  workingDays: string[];
}

/** The dates of a calendar table, without the days' names (pure). */
export const compactCalendar = (table: CalendarTable): CompactCalendar => ({
  daysOff: table.daysOff.map((day) => day.date),
  workingDays: table.workingDays.map((day) => day.date),
});

/** A calendar table from what a start carried: a compact one gets empty names, a whole one is kept (pure). */
export function expandCalendar(calendar: CalendarTable | CompactCalendar): CalendarTable {
  const day = (entry: string | { date: string; name: string }) =>
    typeof entry === 'string' ? { date: entry, name: '' } : entry;
  return { daysOff: calendar.daysOff.map(day), workingDays: calendar.workingDays.map(day) };
}
