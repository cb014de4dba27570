import { formatVn, type PlainDate, type WorkingDaysResult } from '../calendar/index.js';
import type { Lang } from './messages.js';

/** The calendar's name of a weekend day, in the explanation it writes. */
const WEEKEND = 'cuối tuần';

/**
 * A working-day count explained in the page's language: the calendar's own Vietnamese sentence, or the same facts
 * in English, the days stepped over grouped by reason (a holiday keeps its Vietnamese name, in quotes) (pure).
 */
export function explainWorkingDays(start: PlainDate, n: number, result: WorkingDaysResult, lang: Lang): string {
  if (lang === 'vi') return result.explanation;
  if (n === 0) return `0 working days: the day stays ${formatVn(start)}`;
  const groups = new Map<string, string[]>();
  for (const { date, reason } of result.skipped)
    groups.set(reason, [...(groups.get(reason) ?? []), formatVn(date).slice(0, 5)]);
  const skipped = [...groups]
    .map(([reason, days]) => `${days.join(', ')}: ${reason === WEEKEND ? 'weekend' : `"${reason}"`}`)
    .join('; ');
  const count = Math.abs(n);
  return (
    `${count} working ${count === 1 ? 'day' : 'days'} ${n > 0 ? 'after' : 'before'} ${formatVn(start)} is ` +
    `${formatVn(result.date)}${skipped ? ` (skipping ${skipped})` : ''}`
  );
}
