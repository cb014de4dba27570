import { endOfDay, isPlainDate, type PlainDate } from '../calendar/index.js';
import { closest } from '../directory/names.js';
import type { Unit } from '../directory/units.js';
import { isoInstant } from '../machines/decision.js';
import { RequestError } from './errors.js';
import { resolvePeriodDeadline } from './period-deadlines.js';
import type { ImportProblem, ProgrammePreflight, ProgrammeTask } from './programme-import.js';

/** One field a corrected preflight changed, as the table read it and as corrected. */
export interface Correction {
  task?: string;
  item?: string;
  field: 'dueAt' | 'leadUnit' | 'coordinators';
  before: unknown;
  after: unknown;
}

/** A preflight with the corrections made to it. */
export type CorrectedPreflight = ProgrammePreflight & { corrections: Correction[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A corrected due date: an ISO instant with its offset, a day written dd/mm/yyyy (due at its end), or a deadline
 * phrase ("Quý III/2014", "Trước ngày 15/5/2022"); or the message saying what was expected (pure).
 */
export function dueOf(value: unknown, where: string): { dueAt: string } | { error: string } {
  const expected = `expected an ISO instant with offset ("2015-06-30T23:59:59+07:00"), a day "30/06/2015" or a deadline phrase ("Quý II/2015")`;
  if (typeof value !== 'string' || value.trim() === '') return { error: `${where}: ${expected}` };
  if (isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return { dueAt: value };
  const day = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(value.trim());
  if (day) {
    const date: PlainDate = `${day[3]}-${day[2]!.padStart(2, '0')}-${day[1]!.padStart(2, '0')}`;
    return isPlainDate(date)
      ? { dueAt: endOfDay(date) }
      : { error: `${where}: "${value}" is not a real day; ${expected}` };
  }
  const phrase = resolvePeriodDeadline(value);
  return phrase.success ? { dueAt: phrase.data.dueAt } : { error: `${where}: "${value}": ${expected}` };
}

/** Fields a corrected preflight may not change: they come from the table, and are corrected there. */
const FIXED = ['content', 'lead', 'product', 'time'] as const;

/**
 * Applies the corrections of an edited preflight (the `--json` output of the same table, with due dates and units
 * changed) to the preflight of the table: per task `dueAt`, `leadUnit` and the `unit` of each coordinator, per body
 * obligation `dueAt`. Anything else that differs, a task added or left out, a unit not in the directory or a due
 * date that cannot be read refuses the whole edit, listing every fault (pure).
 */
export function correctPreflight(
  fresh: ProgrammePreflight,
  edited: unknown,
  units: readonly Unit[],
): CorrectedPreflight {
  const faults: string[] = [];
  const ids = new Set(units.map((u) => u.id));
  const unitFault = (unit: unknown, where: string): string | null => {
    if (unit === null || (typeof unit === 'string' && ids.has(unit))) return null;
    const near = typeof unit === 'string' ? closest(unit, [...ids], 3) : [];
    return `${where}: "${String(unit)}" is no unit of the directory${near.length > 0 ? `; nearest: ${near.join(', ')}` : ''}`;
  };
  if (!isRecord(edited) || !Array.isArray(edited.tasks))
    throw new RequestError('the corrected preflight must be the JSON the preflight printed: {"tasks": [...], ...}');
  const byNumber = new Map<string, Record<string, unknown>>();
  for (const [i, t] of edited.tasks.entries()) {
    if (!isRecord(t) || typeof t.number !== 'string') faults.push(`tasks[${i}]: expected a task with its "number"`);
    else if (byNumber.has(t.number)) faults.push(`task ${t.number} is given twice`);
    else byNumber.set(t.number, t);
  }
  for (const number of byNumber.keys())
    if (!fresh.tasks.some((t) => t.number === number))
      faults.push(`task ${number} is not in the table: add a task to the table, not to the preflight`);
  const corrections: Correction[] = [];
  const tasks = fresh.tasks.map((task): ProgrammeTask => {
    const t = byNumber.get(task.number);
    if (!t) {
      faults.push(`task ${task.number} of the table is left out: keep every task; remove a task from the table`);
      return task;
    }
    for (const field of FIXED)
      if (t[field] !== undefined && t[field] !== task[field])
        faults.push(
          `task ${task.number}: "${field}" differs from the table; only dueAt, leadUnit and the coordinators' units are corrected here, correct the table for the rest`,
        );
    let next = task;
    if (t.dueAt !== undefined && t.dueAt !== task.dueAt) {
      const due = dueOf(t.dueAt, `task ${task.number}: dueAt`);
      if ('error' in due) faults.push(due.error);
      else if (due.dueAt !== task.dueAt) {
        corrections.push({ task: task.number, field: 'dueAt', before: task.dueAt, after: due.dueAt });
        next = { ...next, dueAt: due.dueAt, reportsDueAt: task.reportsDueAt.filter((r) => r < due.dueAt) };
      }
    }
    if (t.leadUnit !== undefined && t.leadUnit !== task.leadUnit) {
      const fault =
        t.leadUnit === null
          ? `task ${task.number}: leadUnit: a task needs a lead unit`
          : unitFault(t.leadUnit, `task ${task.number}: leadUnit`);
      if (fault) faults.push(fault);
      else {
        const lead = t.leadUnit as string;
        corrections.push({ task: task.number, field: 'leadUnit', before: task.leadUnit, after: lead });
        // The unit read for the lead cell is replaced, not kept as a second lead.
        const leads = task.leads.map((a, i) =>
          a.unit === task.leadUnit || (task.leadUnit === null && i === 0) ? { ...a, unit: lead, candidates: [] } : a,
        );
        next = { ...next, leadUnit: lead, leads };
      }
    }
    if (t.coordinators !== undefined) {
      const given = t.coordinators;
      if (!Array.isArray(given) || given.length !== task.coordinators.length)
        faults.push(
          `task ${task.number}: coordinators: expected one entry per agency the table names (${task.coordinators.length}), each with its "unit" corrected or as read`,
        );
      else {
        const coordinators = task.coordinators.map((a, i) => {
          const c = given[i] as unknown;
          const unit = isRecord(c) ? c.unit : undefined;
          if (unit === undefined || unit === a.unit) return a;
          const fault = unitFault(unit, `task ${task.number}: coordinators[${i}] ("${a.text}")`);
          if (fault) {
            faults.push(fault);
            return a;
          }
          return { ...a, unit: unit as string | null, candidates: [] };
        });
        if (JSON.stringify(coordinators) !== JSON.stringify(task.coordinators)) {
          corrections.push({
            task: task.number,
            field: 'coordinators',
            before: task.coordinators.map((a) => a.unit),
            after: coordinators.map((a) => a.unit),
          });
          next = { ...next, coordinators };
        }
      }
    }
    return next;
  });
  const editedObligations = Array.isArray(edited.obligations) ? edited.obligations : [];
  const obligations = fresh.obligations.map((o) => {
    const e = editedObligations.find((x: unknown) => isRecord(x) && x.item === o.item) as
      Record<string, unknown> | undefined;
    if (!e || e.dueAt === undefined || e.dueAt === o.dueAt) return o;
    const due = dueOf(e.dueAt, `obligation of item ${o.item}: dueAt`);
    if ('error' in due) {
      faults.push(due.error);
      return o;
    }
    corrections.push({ item: o.item, field: 'dueAt', before: o.dueAt, after: due.dueAt });
    return { ...o, dueAt: due.dueAt, explanation: `đã sửa khi đối chiếu / corrected in the preflight` };
  });
  if (faults.length > 0)
    throw new RequestError(
      `nothing was started: the corrected preflight has ${faults.length} fault(s):\n${faults.map((f) => `✖ ${f}`).join('\n')}`,
    );
  return { tasks, obligations, problems: remaining(fresh.problems, tasks), corrections };
}

/** The table's problems a correction did not settle: an unknown agency now given a unit, an unreadable time now given a due date (pure). */
function remaining(problems: ImportProblem[], tasks: ProgrammeTask[]): ImportProblem[] {
  return problems.filter((p) => {
    const task = tasks.find((t) => t.number === p.task);
    if (!task) return true;
    if (p.kind === 'unreadable-time') return task.dueAt === null;
    if (p.kind === 'unknown-agency')
      return p.text === ''
        ? task.leadUnit === null
        : [...task.leads, ...task.coordinators].some((a) => a.text === p.text && a.unit === null && !a.group);
    return true;
  });
}
