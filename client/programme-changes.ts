import { formatVn, toPlainDate } from '../calendar/index.js';
import type { ProgrammeTaskEntry } from './programme-apply.js';

// What a changed programme file means for a task already running: the fields that differ, and the change request that
// would bring the task to the file's version.

/** One field of a task that differs: as recorded, and as the file now says. */
export interface TaskChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The change request a changed task needs before the file's version holds: the lead asks, the authority decides. */
export interface ChangeRequest {
  /** The lead's request, through the task's existing change path: who files it and what it says. */
  event: 'REQUEST_CHANGE';
  by: string;
  comment: string;
  /**
   * The authority's approval (recorded by the secretariat on its behalf, or by itself): the new due date, and the new
   * content, product or time as written, which a task of version 3 takes.
   */
  then: { event: 'APPROVE_CHANGE'; by: string; dueAt: string | null; facts: Partial<Record<SetFact, string>> };
  /** Whether this import filed the request, or why it could not. */
  filed?: boolean;
  refusal?: string;
}

const COMPARED = ['content', 'lead', 'coordinators', 'product', 'time', 'dueAt'] as const;
/** The facts an approved change gives new values on a task of version 3. */
const SET_FACTS = ['content', 'product', 'time'] as const;
type SetFact = (typeof SET_FACTS)[number];

/** What a running task holds now, where a change approved may have moved it from what the programme recorded. */
export interface RunningTask {
  /** Its product's due instant. */
  dueAt?: string | null | undefined;
  /** Its facts (content, product, time as written, ...). */
  facts?: Record<string, unknown> | undefined;
}

/**
 * The fields of a task that differ between what was recorded and what the file says now, compared with the task as it
 * runs when known (its due date, and its content, product and time as a change approved left them), so a change
 * already approved is no longer reported (pure).
 */
export function taskChanges(
  before: ProgrammeTaskEntry,
  after: ProgrammeTaskEntry,
  running?: RunningTask,
): TaskChange[] {
  const current: ProgrammeTaskEntry = { ...before, ...(running?.dueAt ? { dueAt: running.dueAt } : {}) };
  for (const fact of SET_FACTS) {
    const value = running?.facts?.[fact];
    if (typeof value === 'string') current[fact] = value;
  }
  return COMPARED.filter((f) => JSON.stringify(current[f]) !== JSON.stringify(after[f])).map((field) => ({
    field,
    before: current[field],
    after: after[field],
  }));
}

const shown = (value: unknown): string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/u.test(value)
    ? formatVn(toPlainDate(value))
    : Array.isArray(value)
      ? value.join(', ') || '—'
      : String(value || '—');

/** The change request a changed task needs: the differences as its comment, the new due date for the approval (pure). */
export function changeRequestOf(programmeId: string, task: ProgrammeTaskEntry, changes: TaskChange[]): ChangeRequest {
  const lines = changes.map((c) => `${c.field}: ${shown(c.before)} → ${shown(c.after)}`);
  return {
    event: 'REQUEST_CHANGE',
    by: `focal-point@${task.lead}`,
    comment:
      `Chương trình ${programmeId} đã sửa nhiệm vụ ${task.number} / the programme changed task ${task.number}: ${lines.join('; ')}`.slice(
        0,
        2000,
      ),
    then: {
      event: 'APPROVE_CHANGE',
      by: 'authority',
      dueAt: changes.some((c) => c.field === 'dueAt') ? task.dueAt : null,
      facts: Object.fromEntries(
        SET_FACTS.filter((f) => changes.some((c) => c.field === f)).map((f) => [f, String(task[f] ?? '')]),
      ),
    },
  };
}
