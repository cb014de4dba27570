import { assign, setup } from 'xstate';
import { dueAfter, isOpen, withDue, workingDaysLeft } from './clock.js';
import type { ActionParams, EscalateParams, GuardParams } from './compile.types.js';
import { evaluateCondition } from './conditions.js';
import type { ProcessDefinition } from './definition.schema.js';
import { appendFacts, setFacts } from './fact-lists.js';
import { afterMove, definitionOf, obligationActions, obligationGuards, reopen } from './obligations.js';
import {
  DEADLINE_REACHED,
  ESCALATION_DELIVERED,
  EXTEND,
  MARK_MILESTONE,
  REASSIGN,
  type MilestoneState,
  type ProcessContext,
  type ProcessEvent,
} from './process.types.js';

/** The events the compiler wires actions and guards to by name (decisions are named by the definition). */
type FixedEventType =
  typeof MARK_MILESTONE | typeof EXTEND | typeof REASSIGN | typeof DEADLINE_REACHED | typeof ESCALATION_DELIVERED;

/** The event an action or guard is wired to, narrowed to its type; any other is a compiler bug, so it throws. */
function eventOf<T extends FixedEventType>(event: ProcessEvent, type: T): Extract<ProcessEvent, { type: T }> {
  if (event.type !== type) throw new Error(`a process action expected a ${type} event, got ${event.type}`);
  return event as Extract<ProcessEvent, { type: T }>;
}

/**
 * The milestones with one of them changed (pure); the same array when the change leaves it as it was, so what is
 * derived from the milestones (the next deadline) is not worked out again for a decision that touches none.
 */
function updateMilestone(context: ProcessContext, id: string, change: (m: MilestoneState) => MilestoneState) {
  let changed = false;
  const milestones = context.milestones.map((m) => {
    if (m.id !== id) return m;
    const next = change(m);
    changed ||= next !== m;
    return next;
  });
  return changed ? milestones : context.milestones;
}

/** The setup shared by every compiled process: named actions and guards, no timers, no invocations. */
export function processSetup(definition: ProcessDefinition) {
  const milestoneDef = (id: string) => definitionOf(definition, id);
  const obligations = obligationActions(definition);
  // The milestone a revision reopens: the one of the stage it sends back to, when the definition asks for it.
  const reopened = definition.revision?.reopens ? definition.stages[definition.revision.stage]?.milestone : undefined;
  return setup({
    types: {
      context: {} as ProcessContext,
      events: {} as ProcessEvent,
      input: {} as ProcessContext,
    },
    actions: {
      recordDecision: assign(({ context, event }, params: ActionParams['recordDecision']) => {
        const person = 'actor' in event ? event : undefined;
        return {
          history: [
            ...context.history,
            {
              at: event.at,
              actor: person?.actor ?? 'unknown',
              onBehalfOf: person?.onBehalfOf ?? null,
              event: event.type,
              from: params.from,
              to: params.to,
              comment: person?.comment ?? null,
              ...(person && 'files' in person && person.files ? { files: person.files } : {}),
            },
          ],
        };
      }),
      startRevision: assign(({ context, event }, params: ActionParams['startRevision']) => ({
        returnTo: params.from,
        draftVersion: context.draftVersion + 1,
        documents: context.documents.map((d) => ({ ...d, draft: d.draft + 1 })),
        ...(reopened ? { milestones: reopen(context.milestones, reopened, event.at) } : {}),
      })),
      finishRevision: assign({ returnTo: null }),
      // Arms a duration milestone on first entry, and restarts or resumes it after a revision.
      armClock: assign(({ context, event }, params: ActionParams['armClock']) => {
        // The first stage is entered by xstate.init, which carries no time: the process started then.
        const at = 'at' in event ? event.at : context.startedAt;
        return {
          milestones: updateMilestone(context, params.milestone, (m) => {
            const def = milestoneDef(m.id);
            if (!def.duration || m.completedAt) return m;
            if (m.pausedAt) {
              const days = def.onResubmit === 'restart' ? def.duration.workingDays : (m.remainingWorkingDays ?? 0);
              return withDue(
                m,
                def,
                dueAfter(at, days, context.calendar),
                at,
                context.calendar,
                def.onResubmit === 'resume',
              );
            }
            return m.dueAt
              ? m
              : withDue(m, def, dueAfter(at, def.duration.workingDays, context.calendar), at, context.calendar, false);
          }),
        };
      }),
      pauseClock: assign(({ context, event }, params: ActionParams['pauseClock']) => ({
        milestones: updateMilestone(context, params.milestone, (m) =>
          milestoneDef(m.id).duration && isOpen(m)
            ? { ...m, pausedAt: event.at, remainingWorkingDays: workingDaysLeft(event.at, m.dueAt, context.calendar) }
            : m,
        ),
      })),
      completeMilestone: assign(({ context, event }, params: ActionParams['completeMilestone']) => ({
        milestones: updateMilestone(context, params.milestone, (m) =>
          m.completedAt
            ? m
            : {
                ...m,
                completedAt: event.at,
                status: m.status === 'missed' ? 'missed' : 'met',
                at: m.status === 'missed' ? m.at : event.at,
                pausedAt: null,
              },
        ),
      })),
      markMilestone: assign(({ context, event }) => {
        const mark = eventOf(event, MARK_MILESTONE);
        return {
          milestones: updateMilestone(context, mark.milestone, (m) => ({
            ...m,
            status: m.status === 'missed' ? 'missed' : 'met',
            at: m.at ?? mark.at,
            completedAt: mark.at,
          })),
        };
      }),
      missMilestone: assign(({ context, event }, params: ActionParams['missMilestone']) => ({
        milestones: updateMilestone(context, params.milestone, (m) => ({ ...m, status: 'missed', at: event.at })),
      })),
      fireRung: assign(({ context, event }, params: ActionParams['fireRung']) => ({
        milestones: updateMilestone(context, params.milestone, (m) => ({
          ...m,
          rungs: m.rungs.map((r) => (r.id === params.rung ? { ...r, firedAt: event.at } : r)),
        })),
      })),
      extendMilestone: assign(({ context, event }) => {
        const extend = eventOf(event, EXTEND);
        const milestones = updateMilestone(context, extend.milestone, (m) =>
          withDue(m, milestoneDef(m.id), extend.dueAt, extend.at, context.calendar, false),
        );
        return afterMove(definition, { ...context, milestones }, extend.milestone, extend.at);
      }),
      missOccurrence: assign(({ context, event }) => obligations.missOccurrence(context, event)),
      fireOccurrenceRung: assign(({ context, event }, params: EscalateParams) =>
        obligations.fireOccurrenceRung(context, event, params),
      ),
      completeOccurrence: assign(({ context, event }) => obligations.completeOccurrence(context, event)),
      moveMilestone: assign(({ context, event }, params: ActionParams['moveMilestone']) =>
        obligations.moveMilestone(context, event, params),
      ),
      recordContribution: assign(({ context, event }) => obligations.recordContribution(context, event)),
      reassign: assign(({ event }, params: ActionParams['reassign']) => ({
        assignee: { id: eventOf(event, REASSIGN).assignee, stage: params.stage },
      })),
      clearAssignee: assign({ assignee: null }),
      appendFacts: assign(({ context, event }, params: ActionParams['appendFacts']) =>
        appendFacts(context, event, params.fact),
      ),
      setFacts: assign(({ context, event }, params: ActionParams['setFacts']) =>
        setFacts(context, event, params.facts),
      ),
      recordDelivery: assign(({ context, event }) => {
        const delivered = eventOf(event, ESCALATION_DELIVERED);
        return { escalations: [...context.escalations, { ...delivered.delivery, at: delivered.at }] };
      }),
      // Effects: returned by transition() and carried out by the workflow through activities.
      notify: (_args, _params: ActionParams['notify']) => {},
      escalate: (_args, _params: ActionParams['escalate']) => {},
    },
    guards: {
      isReturningTo: ({ context }, params: GuardParams['isReturningTo']) => context.returnTo === params.stage,
      isConditionMet: ({ context }, params: GuardParams['isConditionMet']) =>
        evaluateCondition(params.condition, context.facts),
      isMilestoneOpen: ({ context, event }) => {
        const mark = eventOf(event, MARK_MILESTONE);
        return context.milestones.some((m) => m.id === mark.milestone && m.stage === null && m.completedAt === null);
      },
      isMilestoneExtendable: ({ context, event }) => {
        const extend = eventOf(event, EXTEND);
        return (
          context.milestones.some((m) => m.id === extend.milestone && m.completedAt === null) &&
          Date.parse(extend.dueAt) > Date.parse(extend.at)
        );
      },
      isMilestoneDue: ({ context, event }, params: GuardParams['isMilestoneDue']) => {
        const deadline = eventOf(event, DEADLINE_REACHED);
        return (
          deadline.milestone === params.milestone &&
          deadline.rung === undefined &&
          context.milestones.some(
            (m) =>
              m.id === params.milestone &&
              m.status === 'pending' &&
              isOpen(m) &&
              Date.parse(m.dueAt) <= Date.parse(deadline.at),
          )
        );
      },
      isOccurrenceDue: ({ context, event }, params: GuardParams['isOccurrenceDue']) =>
        obligationGuards.isOccurrenceDue(context, event, params),
      isOccurrenceRungDue: ({ context, event }, params: GuardParams['isOccurrenceRungDue']) =>
        obligationGuards.isOccurrenceRungDue(context, event, params),
      isOccurrenceReportable: ({ context, event }, params: GuardParams['isOccurrenceReportable']) =>
        obligationGuards.isOccurrenceReportable(context, event, params),
      isMoveValid: ({ context, event }, params: GuardParams['isMoveValid']) =>
        obligationGuards.isMoveValid(context, event, params),
      isChangeValid: ({ context, event }, params: GuardParams['isChangeValid']) =>
        obligationGuards.isChangeValid(context, event, params),
      isRungDue: ({ context, event }, params: GuardParams['isRungDue']) => {
        const deadline = eventOf(event, DEADLINE_REACHED);
        return (
          deadline.milestone === params.milestone &&
          deadline.rung === params.rung &&
          context.milestones.some(
            (m) =>
              m.id === params.milestone &&
              isOpen(m) &&
              m.rungs.some(
                (r) => r.id === params.rung && r.firedAt === null && Date.parse(r.at) <= Date.parse(deadline.at),
              ),
          )
        );
      },
    },
  });
}
