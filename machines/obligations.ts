import { withDue } from './clock.js';
import type { EscalateParams } from './compile.js';
import type { Milestone, ProcessDefinition } from './definition.schema.js';
import type { DeadlineReachedEvent, MilestoneState, ProcessContext, ProcessEvent } from './process.types.js';
import {
  isOccurrenceDue,
  isOccurrenceOpen,
  isOccurrenceRungDue,
  isRecurring,
  reseries,
  seriesOf,
} from './recurrence.js';

/** The actions of recurring obligations, moving decisions and contributions, with their params. */
export interface ObligationActionParams {
  missOccurrence: { milestone: string };
  fireOccurrenceRung: EscalateParams;
  completeOccurrence: { milestone: string };
  moveMilestone: { milestone: string };
  recordContribution: undefined;
}

/** The guards of recurring obligations and moving decisions, with their params. */
export interface ObligationGuardParams {
  isOccurrenceDue: { milestone: string };
  isOccurrenceRungDue: EscalateParams;
  isOccurrenceReportable: { milestone: string };
  isMoveValid: { milestone: string };
  isChangeValid: { milestone: string };
}

type Change = Partial<ProcessContext>;
const eventMilestone = (event: ProcessEvent): string => ('milestone' in event ? (event.milestone ?? '') : '');

/** Replaces one milestone of the context (pure). */
const update = (context: ProcessContext, id: string, change: (m: MilestoneState) => MilestoneState) =>
  context.milestones.map((m) => (m.id === id ? change(m) : m));

/** Adds to the last history record, the one the decision being taken just wrote (pure). */
function annotate(context: ProcessContext, extra: Record<string, unknown>): Change {
  const last = context.history.at(-1);
  return last ? { history: [...context.history.slice(0, -1), { ...last, ...extra }] } : {};
}

/** The milestone definitions a context's milestones come from, by id (the occurrence's series for an occurrence). */
export const definitionOf = (definition: ProcessDefinition, id: string): Milestone => {
  const found = definition.milestones.find((m) => m.id === seriesOf(id));
  if (!found) throw new Error(`milestone "${id}" is not declared in ${definition.id}'s milestones`);
  return found;
};

/**
 * The series ending at `moved` laid out again for its new due instant, so a task given more time owes its reports
 * for the periods added (pure).
 */
export function afterMove(definition: ProcessDefinition, context: ProcessContext, moved: string, at: string): Change {
  const end = context.milestones.find((m) => m.id === moved)?.dueAt;
  let milestones = context.milestones;
  for (const series of definition.milestones.filter(isRecurring)) {
    if (series.recurs.until === moved && end) milestones = reseries(series, milestones, at, end, context.calendar);
  }
  return { milestones };
}

/**
 * The milestones with one reopened after what met it was returned: no longer completed, pending again (missed from
 * `at` when its due instant has passed), its rungs that fired kept as fired (pure).
 */
export function reopen(milestones: MilestoneState[], id: string, at: string): MilestoneState[] {
  return milestones.map((m) => {
    if (m.id !== id || m.completedAt === null) return m;
    const late = m.status === 'missed' || (m.dueAt !== null && Date.parse(m.dueAt) < Date.parse(at));
    return {
      ...m,
      completedAt: null,
      status: late ? 'missed' : 'pending',
      at: late ? (m.status === 'missed' ? m.at : at) : null,
    };
  });
}

/** The pure implementations of the actions, given the definition; compile.ts wraps each in `assign`. */
export function obligationActions(definition: ProcessDefinition) {
  return {
    missOccurrence: (context: ProcessContext, event: ProcessEvent): Change => ({
      milestones: update(context, eventMilestone(event), (m) => ({ ...m, status: 'missed', at: event.at })),
    }),
    fireOccurrenceRung: (context: ProcessContext, event: ProcessEvent, params: EscalateParams): Change => ({
      milestones: update(context, eventMilestone(event), (m) => ({
        ...m,
        rungs: m.rungs.map((r) => (r.id === params.rung ? { ...r, firedAt: event.at } : r)),
      })),
    }),
    completeOccurrence: (context: ProcessContext, event: ProcessEvent): Change => {
      const id = eventMilestone(event);
      const milestones = update(context, id, (m) => ({
        ...m,
        completedAt: event.at,
        status: m.status === 'missed' ? 'missed' : 'met',
        at: m.status === 'missed' ? m.at : event.at,
      }));
      return { ...annotate(context, { milestone: id }), milestones };
    },
    moveMilestone: (context: ProcessContext, event: ProcessEvent, params: { milestone: string }): Change => {
      const dueAt = 'dueAt' in event && typeof event.dueAt === 'string' ? event.dueAt : null;
      const before = context.milestones.find((m) => m.id === params.milestone);
      if (!dueAt || !before) return {};
      const moved = {
        ...context,
        milestones: update(context, params.milestone, (m) =>
          withDue(m, definitionOf(definition, m.id), dueAt, event.at, context.calendar, false),
        ),
      };
      return {
        ...annotate(context, { change: { milestone: params.milestone, before: before.dueAt, after: dueAt } }),
        ...afterMove(definition, moved, params.milestone, event.at),
      };
    },
    recordContribution: (context: ProcessContext, event: ProcessEvent): Change =>
      annotate(context, { unit: 'unit' in event ? (event.unit ?? null) : null }),
  };
}

/** The pure guards. */
export const obligationGuards = {
  isOccurrenceDue: (context: ProcessContext, event: ProcessEvent, params: { milestone: string }) =>
    event.type === 'DEADLINE_REACHED' &&
    isOccurrenceDue(context.milestones, event as DeadlineReachedEvent, params.milestone),
  isOccurrenceRungDue: (context: ProcessContext, event: ProcessEvent, params: EscalateParams) =>
    event.type === 'DEADLINE_REACHED' &&
    isOccurrenceRungDue(context.milestones, event as DeadlineReachedEvent, params.milestone, params.rung),
  isOccurrenceReportable: (context: ProcessContext, event: ProcessEvent, params: { milestone: string }) =>
    isOccurrenceOpen(context.milestones, eventMilestone(event), params.milestone),
  isMoveValid: (context: ProcessContext, event: ProcessEvent, params: { milestone: string }) => {
    const dueAt = 'dueAt' in event ? event.dueAt : undefined;
    return (
      typeof dueAt === 'string' &&
      Date.parse(dueAt) > Date.parse(event.at) &&
      context.milestones.some((m) => m.id === params.milestone && m.completedAt === null)
    );
  },
  /** A decision that moves a milestone or changes facts: a valid move, or new values with no due instant. */
  isChangeValid: (context: ProcessContext, event: ProcessEvent, params: { milestone: string }) => {
    if ('dueAt' in event && event.dueAt !== undefined) return obligationGuards.isMoveValid(context, event, params);
    return 'facts' in event && event.facts !== undefined && Object.keys(event.facts).length > 0;
  },
};
