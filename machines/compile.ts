import { assign, setup, type SnapshotFrom } from 'xstate';
import { dueAfter, isOpen, withDue, workingDaysLeft } from './clock.js';
import { evaluateCondition } from './conditions.js';
import type { Condition, Effect, ProcessDefinition } from './definition.schema.js';
import {
  afterMove,
  definitionOf,
  obligationActions,
  obligationGuards,
  type ObligationActionParams,
  type ObligationGuardParams,
} from './obligations.js';
import { obligationDeadlines, obligationTransitions } from './obligation-transitions.js';
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

/** What the `escalate` effect carries: which rung fired and whom it tells over which channels. */
export interface EscalateParams {
  milestone: string;
  rung: string;
  /** Working days from the due day; 0 is the due instant. */
  offset: number;
  to: string;
  channels: Array<'email' | 'webhook'>;
}

/** What the `notify` effect carries: the stage it was decided at, whom it tells and with which template. */
export type NotifyParams = { stage: string } & Effect;

/** Every action a compiled process names, with its params (`undefined`: none). */
export interface ActionParams extends ObligationActionParams {
  recordDecision: { from: string; to: string };
  startRevision: { from: string };
  finishRevision: undefined;
  armClock: { milestone: string };
  pauseClock: { milestone: string };
  completeMilestone: { milestone: string };
  markMilestone: undefined;
  missMilestone: { milestone: string };
  fireRung: EscalateParams;
  extendMilestone: undefined;
  reassign: { stage: string };
  clearAssignee: undefined;
  recordDelivery: undefined;
  /** Effects: returned by transition() and carried out by the workflow through activities. */
  notify: NotifyParams;
  escalate: EscalateParams;
}

/** Every guard a compiled process names, with its params (`undefined`: none). */
export interface GuardParams extends ObligationGuardParams {
  isReturningTo: { stage: string };
  isConditionMet: { condition: Condition };
  isMilestoneOpen: undefined;
  isMilestoneExtendable: undefined;
  isMilestoneDue: { milestone: string };
  isRungDue: EscalateParams;
}

/** A named action or guard as a transition refers to it; a name not in `P` does not compile. */
type Named<P> = { [K in keyof P]: P[K] extends undefined ? { type: K } : { type: K; params: P[K] } }[keyof P];
/** An action as a transition refers to it. */
export type ProcessAction = Named<ActionParams>;
/** A guard as a transition refers to it. */
export type ProcessGuard = Named<GuardParams>;

/** The escalation of an occurrence: its params read from the deadline event, which names the occurrence. */
export type OccurrenceEscalation = { type: 'escalate'; params: (args: { event: ProcessEvent }) => EscalateParams };

/** One transition of the compiled config. */
export interface TransitionConfig {
  target?: string;
  guard?: ProcessGuard;
  actions: Array<ProcessAction | OccurrenceEscalation>;
}

const record = (from: string, to: string): ProcessAction => ({ type: 'recordDecision', params: { from, to } });

/** The events the compiler wires actions and guards to by name (decisions are named by the definition). */
type FixedEventType =
  typeof MARK_MILESTONE | typeof EXTEND | typeof REASSIGN | typeof DEADLINE_REACHED | typeof ESCALATION_DELIVERED;

/** The event an action or guard is wired to, narrowed to its type; any other is a compiler bug, so it throws. */
function eventOf<T extends FixedEventType>(event: ProcessEvent, type: T): Extract<ProcessEvent, { type: T }> {
  if (event.type !== type) throw new Error(`a process action expected a ${type} event, got ${event.type}`);
  return event as Extract<ProcessEvent, { type: T }>;
}

const updateMilestone = (context: ProcessContext, id: string, change: (m: MilestoneState) => MilestoneState) =>
  context.milestones.map((m) => (m.id === id ? change(m) : m));

/** The setup shared by every compiled process: named actions and guards, no timers, no invocations. */
function processSetup(definition: ProcessDefinition) {
  const milestoneDef = (id: string) => definitionOf(definition, id);
  const obligations = obligationActions(definition);
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
            },
          ],
        };
      }),
      startRevision: assign(({ context }, params: ActionParams['startRevision']) => ({
        returnTo: params.from,
        draftVersion: context.draftVersion + 1,
        documents: context.documents.map((d) => ({ ...d, draft: d.draft + 1 })),
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

/** Compiles a validated definition to a pure XState machine (no `after`, no `invoke`); pure. */
export function compileMachine(definition: ProcessDefinition) {
  const { revision } = definition;
  const returnable = Object.entries(definition.stages)
    .filter(([, stage]) => Object.values(stage.on).some((d) => 'revise' in d))
    .map(([id]) => id);

  const states: Record<string, unknown> = {};
  for (const [id, stage] of Object.entries(definition.stages)) {
    const complete: ProcessAction[] = stage.milestone
      ? [{ type: 'completeMilestone', params: { milestone: stage.milestone } }]
      : [];
    const on: Record<string, TransitionConfig[]> = {};
    for (const [event, decision] of Object.entries(stage.on)) {
      const branches: TransitionConfig[] = [];
      if (revision && id === revision.stage && event === revision.resubmit) {
        for (const back of returnable) {
          branches.push({
            target: back,
            guard: { type: 'isReturningTo', params: { stage: back } },
            actions: [record(id, back), { type: 'finishRevision' }, { type: 'clearAssignee' }, ...complete],
          });
        }
      }
      if ('revise' in decision) {
        if (!revision)
          throw new Error(`stage "${id}" asks for a revision on ${event}, but ${definition.id} has no revision block`);
        const to = revision.stage;
        const pause: ProcessAction[] = stage.milestone
          ? [{ type: 'pauseClock', params: { milestone: stage.milestone } }]
          : [];
        branches.push({
          target: to,
          actions: [
            record(id, to),
            { type: 'startRevision', params: { from: id } },
            { type: 'clearAssignee' },
            ...pause,
          ],
        });
      } else {
        for (const branch of decision) {
          const moves: ProcessAction[] = branch.moves
            ? [{ type: 'moveMilestone', params: { milestone: branch.moves } }]
            : [];
          branches.push({
            target: branch.to,
            ...(branch.when ? { guard: { type: 'isConditionMet', params: { condition: branch.when } } } : {}),
            ...(branch.moves ? { guard: { type: 'isMoveValid', params: { milestone: branch.moves } } } : {}),
            // Moving between stages the same milestone bounds (a change asked for while at work) does not meet it.
            actions: [
              record(id, branch.to),
              { type: 'clearAssignee' },
              ...(definition.stages[branch.to]?.milestone === stage.milestone ? [] : complete),
              ...moves,
            ],
          });
        }
      }
      on[event] = branches;
    }
    for (const [event, anytime] of Object.entries(definition.anytime)) {
      on[event] = [{ target: anytime.to, actions: [record(id, anytime.to)] }];
    }
    if (definition.milestoneRole) {
      on[MARK_MILESTONE] = [
        { guard: { type: 'isMilestoneOpen' }, actions: [record(id, id), { type: 'markMilestone' }] },
      ];
    }
    if (definition.supervisorRole) {
      on[EXTEND] = [
        {
          guard: { type: 'isMilestoneExtendable' },
          actions: [record(id, id), { type: 'extendMilestone' }],
        },
      ];
      on[REASSIGN] = [
        {
          actions: [
            record(id, id),
            { type: 'reassign', params: { stage: id } },
            { type: 'notify', params: { stage: id, type: 'notify', to: 'awaited', template: 'stage-reassigned' } },
          ],
        },
      ];
    }
    Object.assign(on, obligationTransitions(definition, record(id, id)));
    const entry: ProcessAction[] = [
      ...(stage.milestone ? [{ type: 'armClock' as const, params: { milestone: stage.milestone } }] : []),
      ...stage.entry.map((effect) => ({ type: 'notify' as const, params: { stage: id, ...effect } })),
    ];
    states[id] = {
      meta: { role: stage.role, recordedBy: stage.recordedBy, milestone: stage.milestone ?? null, title: stage.title },
      entry,
      on,
    };
  }
  for (const [id, outcome] of Object.entries(definition.outcomes)) {
    states[id] = { type: 'final', meta: { status: outcome.status, title: outcome.title } };
  }

  // Deadlines are events the workflow feeds when an instant in context passes: one guarded edge per milestone and rung.
  const deadlines: TransitionConfig[] = obligationDeadlines(definition);
  for (const milestone of definition.milestones.filter((m) => !m.recurs)) {
    deadlines.push({
      guard: { type: 'isMilestoneDue', params: { milestone: milestone.id } },
      actions: [{ type: 'missMilestone', params: { milestone: milestone.id } }],
    });
    for (const rung of milestone.escalation) {
      const params: EscalateParams = {
        milestone: milestone.id,
        rung: rung.id,
        offset: rung.offset.workingDays,
        to: rung.to,
        channels: rung.channels,
      };
      deadlines.push({
        guard: { type: 'isRungDue', params },
        ...(rung.outcome ? { target: `.${rung.outcome}` } : {}),
        actions: [
          { type: 'fireRung', params },
          { type: 'escalate', params },
        ],
      });
    }
  }

  return processSetup(definition).createMachine({
    id: definition.id,
    initial: definition.initial,
    context: ({ input }) => input,
    on: {
      [DEADLINE_REACHED]: deadlines,
      [ESCALATION_DELIVERED]: { actions: 'recordDelivery' },
    },
    // The config is built from data, so its event names are only known at run time.
    states: states as never,
  });
}

/** The machine type every process compiles to. */
export type ProcessMachine = ReturnType<typeof compileMachine>;
/** A snapshot of a compiled process machine. */
export type ProcessSnapshot = SnapshotFrom<ProcessMachine>;
