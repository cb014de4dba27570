import { addDays, daysInMonth, endOfDay, lastDayOfMonth, plainDateOf, toPlainDate } from '../calendar/dates.js';
import type { CalendarTable } from '../calendar/holidays.js';
import { addWorkingDays } from '../calendar/working-days.js';
import { rungsFor } from './clock.js';
import type { Milestone, ProcessDefinition, Recurrence } from './definition.schema.js';
import type { MilestoneState } from './process.types.js';
import type { Result } from './start-context.js';

/** At most this many occurrences in one series, so a context stays small (a month for eight years fits). */
export const MAX_OCCURRENCES = 100;

/** The separator between a recurring milestone's id and an occurrence's period: "progressReport@2015". */
export const OCCURRENCE_SEPARATOR = '@';

/** The id of the recurring milestone an occurrence id belongs to, or the id itself (pure). */
export const seriesOf = (id: string): string => id.split(OCCURRENCE_SEPARATOR)[0]!;

/** One period of a series: its label ("2015", "2015-H1", "2015-Q3", "2015-07"), first day, and Vietnamese name. */
interface Period {
  label: string;
  first: string;
  last: string;
  vi: string;
  en: string;
}

const roman = ['I', 'II', 'III', 'IV'];
const months = { year: 12, halfYear: 6, quarter: 3, month: 1 } as const;

/** The period of a series that starts at the given month of a year (pure). */
function periodAt(every: Recurrence['every'], year: number, month: number): Period {
  const span = months[every];
  const index = Math.floor((month - 1) / span);
  const firstMonth = index * span + 1;
  const first = plainDateOf(year, firstMonth, 1);
  const last = lastDayOfMonth(year, firstMonth + span - 1);
  switch (every) {
    case 'year':
      return { label: `${year}`, first, last, vi: `năm ${year}`, en: `${year}` };
    case 'halfYear':
      return {
        label: `${year}-H${index + 1}`,
        first,
        last,
        vi: `${index === 0 ? '6 tháng đầu' : '6 tháng cuối'} năm ${year}`,
        en: `${index === 0 ? 'first' : 'second'} half of ${year}`,
      };
    case 'quarter':
      return {
        label: `${year}-Q${index + 1}`,
        first,
        last,
        vi: `quý ${roman[index]}/${year}`,
        en: `Q${index + 1} ${year}`,
      };
    case 'month':
      return {
        label: `${year}-${String(month).padStart(2, '0')}`,
        first,
        last,
        vi: `tháng ${month}/${year}`,
        en: `${year}-${String(month).padStart(2, '0')}`,
      };
  }
}

/** The due instant of one period: the end of its last day, of the day `on`, or of its Nth working day (pure). */
function dueOf(recurrence: Recurrence, period: Period, calendar: CalendarTable): string {
  if (recurrence.byWorkingDay !== undefined)
    return endOfDay(addWorkingDays(addDays(period.first, -1), recurrence.byWorkingDay, calendar).date);
  if (recurrence.on) {
    const year = Number(period.first.slice(0, 4));
    const day = Math.min(recurrence.on.day, daysInMonth(year, recurrence.on.month));
    return endOfDay(plainDateOf(year, recurrence.on.month, day));
  }
  return endOfDay(period.last);
}

/**
 * The occurrences of a recurring milestone due after `from` and up to `end` (`inclusive` or not), each with its own
 * due instant and ladder; refused when there would be more than {@link MAX_OCCURRENCES} (pure).
 */
export function occurrencesOf(
  milestone: Milestone & { recurs: Recurrence },
  from: string,
  end: string,
  inclusive: boolean,
  calendar: CalendarTable,
): Result<MilestoneState[]> {
  const occurrences: MilestoneState[] = [];
  const span = months[milestone.recurs.every];
  const start = toPlainDate(from);
  let year = Number(start.slice(0, 4));
  let month = Math.floor((Number(start.slice(5, 7)) - 1) / span) * span + 1;
  const after = Date.parse(from);
  const until = Date.parse(end);
  for (;;) {
    const period = periodAt(milestone.recurs.every, year, month);
    const dueAt = dueOf(milestone.recurs, period, calendar);
    const due = Date.parse(dueAt);
    if (inclusive ? due > until : due >= until) {
      // A due day set early in the period (byWorkingDay, on) may fall before `end` in a later period: stop only past it.
      if (Date.parse(endOfDay(period.first)) > until) break;
    } else if (due > after) {
      if (occurrences.length === MAX_OCCURRENCES)
        return {
          success: false,
          error: `milestone "${milestone.id}" would recur more than ${MAX_OCCURRENCES} times before ${end}; end the series earlier`,
        };
      occurrences.push({
        id: `${milestone.id}${OCCURRENCE_SEPARATOR}${period.label}`,
        title: { vi: `${milestone.title.vi} — ${period.vi}`, en: `${milestone.title.en} — ${period.en}` },
        stage: null,
        lead: milestone.lead ?? null,
        dueAt,
        status: 'pending',
        at: null,
        completedAt: null,
        pausedAt: null,
        remainingWorkingDays: null,
        rungs: rungsFor(milestone, dueAt, calendar),
        occurrenceOf: milestone.id,
        period: period.label,
      });
    }
    month += span;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return { success: true, data: occurrences };
}

/** Whether a milestone recurs (pure). */
export const isRecurring = (m: Milestone): m is Milestone & { recurs: Recurrence } => m.recurs !== undefined;

/**
 * A series again after the milestone that ends it moved to `end`: occurrences reported or already due stay as they
 * are, pending ones the new end still holds keep their ladder, and the new end's further periods are added (pure).
 */
export function reseries(
  milestone: Milestone & { recurs: Recurrence },
  current: MilestoneState[],
  at: string,
  end: string,
  calendar: CalendarTable,
): MilestoneState[] {
  const own = current.filter((m) => m.occurrenceOf === milestone.id);
  const fresh = occurrencesOf(milestone, at, end, false, calendar);
  if (!fresh.success) return current;
  const settled = own.filter((m) => m.completedAt !== null || Date.parse(m.dueAt ?? at) <= Date.parse(at));
  const next = fresh.data
    .filter((f) => !settled.some((s) => s.id === f.id))
    .map((f) => own.find((m) => m.id === f.id) ?? f);
  const series = [...settled, ...next].sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
  return [...current.filter((m) => m.occurrenceOf !== milestone.id), ...series];
}

/** The checks of a definition's recurring milestones, as path and message pairs (pure). */
export function recurrenceProblems(def: ProcessDefinition): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const decisions = new Set([
    ...Object.values(def.stages).flatMap((s) => Object.keys(s.on)),
    ...Object.keys(def.anytime),
    'MARK_MILESTONE',
    'EXTEND',
    'REASSIGN',
    'DEADLINE_REACHED',
    'ESCALATION_DELIVERED',
  ]);
  const reportEvents = new Set<string>();
  const bound = new Set(Object.values(def.stages).map((s) => s.milestone));
  for (const milestone of def.milestones.filter(isRecurring)) {
    const path = ['milestones', milestone.id, 'recurs'];
    const { recurs } = milestone;
    if (bound.has(milestone.id))
      problems.push({ path, message: 'a recurring milestone is tracked beside the main line: no stage may name it' });
    if (milestone.duration) problems.push({ path, message: 'a recurring milestone takes no duration' });
    if (recurs.on && recurs.every !== 'year')
      problems.push({ path: [...path, 'on'], message: `"on" names a day of the year: use it with every "year"` });
    if (recurs.on && recurs.byWorkingDay !== undefined)
      problems.push({ path, message: 'give either "on" or "byWorkingDay", not both' });
    if (recurs.on && recurs.on.day > daysInMonth(2001, recurs.on.month))
      problems.push({ path: [...path, 'on'], message: `month ${recurs.on.month} has no day ${recurs.on.day}` });
    if (recurs.until !== undefined) {
      const end = def.milestones.find((m) => m.id === recurs.until);
      if (!end || end.recurs)
        problems.push({
          path: [...path, 'until'],
          message: `"${recurs.until}" must be a milestone that falls due once`,
        });
    }
    if (!def.roles[recurs.report.role])
      problems.push({ path: [...path, 'report'], message: `role "${recurs.report.role}" is not declared in roles` });
    if (decisions.has(recurs.report.event) || reportEvents.has(recurs.report.event))
      problems.push({
        path: [...path, 'report'],
        message: `report event ${recurs.report.event} is already a decision; give each series an event of its own`,
      });
    reportEvents.add(recurs.report.event);
  }
  return problems;
}

/** The occurrence a deadline or report names, when it belongs to `series` and is still open (pure). */
function openOccurrence(milestones: MilestoneState[], id: string, series: string): MilestoneState | undefined {
  return milestones.find(
    (m) => m.id === id && m.occurrenceOf === series && m.completedAt === null && m.pausedAt === null,
  );
}

/** Whether a deadline names an occurrence of `series` that is pending and due by the deadline's instant (pure). */
export function isOccurrenceDue(
  milestones: MilestoneState[],
  deadline: { milestone: string; rung?: string | undefined; at: string },
  series: string,
): boolean {
  const m = deadline.rung === undefined ? openOccurrence(milestones, deadline.milestone, series) : undefined;
  return m !== undefined && m.status === 'pending' && Date.parse(m.dueAt!) <= Date.parse(deadline.at);
}

/** Whether a deadline names a rung of an open occurrence of `series` that has not fired and is due (pure). */
export function isOccurrenceRungDue(
  milestones: MilestoneState[],
  deadline: { milestone: string; rung?: string | undefined; at: string },
  series: string,
  rung: string,
): boolean {
  if (deadline.rung !== rung) return false;
  const m = openOccurrence(milestones, deadline.milestone, series);
  const r = m?.rungs.find((x) => x.id === rung);
  return r !== undefined && r.firedAt === null && Date.parse(r.at) <= Date.parse(deadline.at);
}

/** Whether a report names an occurrence of `series` not yet reported (pure). */
export const isOccurrenceOpen = (milestones: MilestoneState[], id: string, series: string): boolean =>
  openOccurrence(milestones, id, series) !== undefined;

/** The occurrence a report closes: the one named, or the earliest still open; or the refusal naming the open ones (pure). */
export function occurrenceToReport(
  milestones: MilestoneState[],
  series: string,
  event: string,
  named: string | undefined,
): Result<string> {
  const open = milestones
    .filter((m) => m.occurrenceOf === series && m.completedAt === null)
    .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
  const id = named === undefined ? open[0]?.id : named.includes(OCCURRENCE_SEPARATOR) ? named : `${series}@${named}`;
  if (id !== undefined && open.some((m) => m.id === id)) return { success: true, data: id };
  return {
    success: false,
    error: `${event} closes one open occurrence of "${series}"; expected one of: ${open.map((m) => m.id).join(', ') || 'none (every occurrence is reported)'}`,
  };
}

/** The report events of a definition's series, each with its milestone and role (pure). */
export function reportEvents(def: ProcessDefinition): Map<string, { series: string; role: string }> {
  const events = new Map<string, { series: string; role: string }>();
  for (const m of def.milestones.filter(isRecurring))
    events.set(m.recurs.report.event, { series: m.id, role: m.recurs.report.role });
  return events;
}

/** The start's series of every recurring milestone, or the refusal naming the one that cannot be laid out (pure). */
export function startSeries(
  def: ProcessDefinition,
  given: Record<string, string>,
  startedAt: string,
  calendar: CalendarTable,
): Result<MilestoneState[]> {
  const all: MilestoneState[] = [];
  for (const m of def.milestones.filter(isRecurring)) {
    const end = given[m.id] ?? (m.recurs.until === undefined ? undefined : given[m.recurs.until]);
    if (end === undefined)
      return {
        success: false,
        error: `milestone "${m.id}" recurs: give the due instant of its last occurrence in milestones.${m.id}${m.recurs.until ? ` or the due instant of milestones.${m.recurs.until}` : ''}`,
      };
    const series = occurrencesOf(m, startedAt, end, given[m.id] !== undefined, calendar);
    if (!series.success) return series;
    all.push(...series.data);
  }
  return { success: true, data: all };
}
