import type { CalendarTable } from '../calendar/index.js';
import type { Unit } from '../directory/units.js';
import { importConclusions, type ConclusionItem } from './conclusions-import.js';
import { RequestError } from './errors.js';
import { taskWorkflowId, type ProgrammePlan } from './programme-apply.js';

/** An item of a notice that is not started, with why: a note, no agency of the directory, no deadline written. */
export interface SkippedItem {
  number: string;
  why: 'note' | 'no-agency' | 'no-deadline';
  reason: string;
}

/**
 * Reads a notice of conclusions with the calendar of the years it names and of `year` (default: the latest of those
 * and this year), for the deadlines it writes without a year (pure but for `calendar`).
 */
export function readConclusions(
  text: string,
  units: readonly Unit[],
  calendar: (years: number[]) => CalendarTable,
  year?: number,
): ConclusionItem[] {
  const years = [...text.matchAll(/năm (\d{4})/gu)].map((m) => Number(m[1])).filter((y) => y >= 1900 && y <= 2200);
  const latest = year ?? Math.max(new Date().getUTCFullYear(), ...years);
  return importConclusions(text, units, calendar([...new Set([...years, latest])].sort()));
}

/**
 * Sorts a notice's items into the tasks to start (an agency of the directory and a deadline) and the items not
 * started, with why (pure).
 */
export function sortConclusions(
  id: string,
  items: ConclusionItem[],
): { tasks: ProgrammePlan['tasks']; skipped: SkippedItem[] } {
  const skipped: SkippedItem[] = [];
  const tasks: ProgrammePlan['tasks'] = [];
  for (const item of items) {
    const units = item.agencies.filter((a) => /^[a-z0-9-]+$/u.test(a));
    if (item.kind === 'note') skipped.push({ number: item.number, why: 'note', reason: 'a note: it assigns nothing' });
    else if (units.length === 0)
      skipped.push({
        number: item.number,
        why: 'no-agency',
        reason: `no agency of the directory named (${item.agencies.join(', ') || 'none'}): assign it by hand`,
      });
    else if (!item.dueAt)
      skipped.push({ number: item.number, why: 'no-deadline', reason: 'no deadline written: give it one by hand' });
    else
      tasks.push({
        number: item.number,
        workflowId: taskWorkflowId(id, item.number),
        content: item.text,
        lead: units[0]!,
        leadText: units[0]!,
        coordinators: units.slice(1),
        coordinatorsText: '',
        product: '',
        time: item.deadlineText ?? '',
        dueAt: item.dueAt,
      });
  }
  return { tasks, skipped };
}

/**
 * The plan a notice of conclusions gives: its items that assign a known agency a deadline become tasks; the others
 * (notes, items without a deadline, items for a group of agencies) are listed as not started, with why; a notice
 * with nothing to start is refused (pure).
 */
export function planOfConclusions(
  id: string,
  title: string,
  items: ConclusionItem[],
): { plan: ProgrammePlan; skipped: SkippedItem[] } {
  if (items.length === 0)
    throw new RequestError('nothing was started: no numbered item found; expected items "1.", "2.", … in the notice');
  const { tasks, skipped } = sortConclusions(id, items);
  if (tasks.length === 0)
    throw new RequestError(
      `nothing was started: no item assigns a known agency a deadline (${skipped.map((s) => `${s.number}: ${s.reason}`).join('; ')})`,
    );
  return { plan: { id, title, tasks }, skipped };
}
