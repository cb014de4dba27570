import { addDays, endOfDay, toPlainDate, type PlainDate } from '../calendar/dates.js';
import type { CalendarTable } from '../calendar/holidays.js';
import { countWorkingDays, shiftWorkingDays } from '../calendar/working-days.js';
import type { Milestone } from './definition.schema.js';
import type { MilestoneState, RungState } from './process.types.js';

/** Answers of the working-day maths already worked out, by table: a dossier sent back and forth asks them again. */
const answers = new WeakMap<CalendarTable, Map<string, PlainDate | number>>();

/** The answer remembered for a table and a question, or the one `work` gives, remembered (pure, as `work` is). */
function remembered<T extends PlainDate | number>(calendar: CalendarTable, question: string, work: () => T): T {
  let known = answers.get(calendar);
  if (!known) answers.set(calendar, (known = new Map()));
  const answer = known.get(question);
  if (answer !== undefined) return answer as T;
  const worked = work();
  // A table lives as long as its run; the bound only keeps a run that asks about every day of years small.
  if (known.size >= 4096) known.clear();
  known.set(question, worked);
  return worked;
}

/** The day `n` working days after `day` (before it when negative), remembered per table (pure). */
const shifted = (day: PlainDate, n: number, calendar: CalendarTable): PlainDate =>
  remembered(calendar, `shift ${day} ${n}`, () => shiftWorkingDays(day, n, calendar));

/** The instants a milestone's rungs fire at for a due instant (pure): offset 0 at due, others at 08:00 that working day. */
export function rungsFor(milestone: Milestone, dueAt: string, calendar: CalendarTable): RungState[] {
  const dueDay = toPlainDate(dueAt);
  return milestone.escalation.map((rung) => ({
    id: rung.id,
    at: rung.offset.workingDays === 0 ? dueAt : `${shifted(dueDay, rung.offset.workingDays, calendar)}T08:00:00+07:00`,
    firedAt: null,
  }));
}

/** The end of the day `workingDays` working days after the day of `at` (pure). */
export function dueAfter(at: string, workingDays: number, calendar: CalendarTable): string {
  return endOfDay(shifted(toPlainDate(at), workingDays, calendar));
}

/** Working days after the day of `at` up to and including the due day; 0 when already due (pure). */
export function workingDaysLeft(at: string, dueAt: string, calendar: CalendarTable): number {
  const [from, to] = [toPlainDate(at), toPlainDate(dueAt)];
  return remembered(calendar, `count ${from} ${to}`, () => countWorkingDays(addDays(from, 1), to, calendar));
}

/** A milestone with a new due instant: status pending again if that is later than `at`, rungs re-armed (pure). */
export function withDue(
  state: MilestoneState,
  milestone: Milestone,
  dueAt: string,
  at: string,
  calendar: CalendarTable,
  keepFired: boolean,
): MilestoneState {
  const rungs = rungsFor(milestone, dueAt, calendar).map((rung) => {
    const before = state.rungs.find((r) => r.id === rung.id);
    return keepFired && before?.firedAt ? { ...rung, firedAt: before.firedAt } : rung;
  });
  const late = Date.parse(dueAt) <= Date.parse(at);
  return {
    ...state,
    dueAt,
    rungs,
    status: late ? state.status : 'pending',
    at: late ? state.at : null,
    pausedAt: null,
    remainingWorkingDays: null,
  };
}

/** A milestone that still counts: not met, not paused, with a due instant. */
export type OpenMilestone = MilestoneState & { dueAt: string };

/** Whether a milestone still counts: not met, not paused, with a due instant. */
export const isOpen = (m: MilestoneState): m is OpenMilestone =>
  m.completedAt === null && m.pausedAt === null && m.dueAt !== null;
