import { assign, setup, type SnapshotFrom } from 'xstate';
import { dueAfter, isOpen, withDue, workingDaysLeft } from './clock.js';
import { evaluateCondition } from './conditions.js';
import type { Condition, Effect, Milestone, ProcessDefinition } from './definition.schema.js';
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

interface TransitionConfig {
  target?: string;
  guard?: { type: string; params: unknown };
  actions: Array<{ type: string; params: unknown }>;
}

/** What the `escalate` effect carries: which rung fired and whom it tells over which channels. */
export interface EscalateParams {
  milestone: string;
  rung: string;
  /** Working days from the due day; 0 is the due instant. */
  offset: number;
  to: string;
  channels: Array<'email' | 'webhook'>;
}

const act = (type: string, params?: unknown) => ({ type, params });
const record = (from: string, to: string) => act('recordDecision', { from, to });

const updateMilestone = (context: ProcessContext, id: string, change: (m: MilestoneState) => MilestoneState) =>
  context.milestones.map((m) => (m.id === id ? change(m) : m));

/** The setup shared by every compiled process: named actions and guards, no timers, no invocations. */
function processSetup(definition: ProcessDefinition) {
  const milestoneDef = (id: string) => definition.milestones.find((m) => m.id === id) as Milestone;
  return setup({
    types: {
      context: {} as ProcessContext,
      events: {} as ProcessEvent,
      input: {} as ProcessContext,
    },
    actions: {
      recordDecision: assign(({ context, event }, params: { from: string; to: string }) => ({
        history: [
          ...context.history,
          {
            at: event.at,
            actor: event.actor ?? 'unknown',
            onBehalfOf: event.onBehalfOf ?? null,
            event: event.type,
            from: params.from,
            to: params.to,
            comment: event.comment ?? null,
          },
        ],
      })),
      startRevision: assign(({ context }, params: { from: string }) => ({
        returnTo: params.from,
        draftVersion: context.draftVersion + 1,
        documents: context.documents.map((d) => ({ ...d, draft: d.draft + 1 })),
      })),
      finishRevision: assign({ returnTo: null }),
      // Arms a duration milestone on first entry, and restarts or resumes it after a revision.
      armClock: assign(({ context, event }, params: { milestone: string }) => {
        // The first stage is entered by xstate.init, which carries no time: the process started then.
        const at = event.at ?? context.startedAt;
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
      pauseClock: assign(({ context, event }, params: { milestone: string }) => ({
        milestones: updateMilestone(context, params.milestone, (m) =>
          milestoneDef(m.id).duration && isOpen(m)
            ? { ...m, pausedAt: event.at, remainingWorkingDays: workingDaysLeft(event.at, m.dueAt!, context.calendar) }
            : m,
        ),
      })),
      completeMilestone: assign(({ context, event }, params: { milestone: string }) => ({
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
      markMilestone: assign(({ context, event }) => ({
        milestones: updateMilestone(context, event.milestone!, (m) => ({
          ...m,
          status: m.status === 'missed' ? 'missed' : 'met',
          at: m.at ?? event.at,
          completedAt: event.at,
        })),
      })),
      missMilestone: assign(({ context, event }, params: { milestone: string }) => ({
        milestones: updateMilestone(context, params.milestone, (m) => ({ ...m, status: 'missed', at: event.at })),
      })),
      fireRung: assign(({ context, event }, params: EscalateParams) => ({
        milestones: updateMilestone(context, params.milestone, (m) => ({
          ...m,
          rungs: m.rungs.map((r) => (r.id === params.rung ? { ...r, firedAt: event.at } : r)),
        })),
      })),
      extendMilestone: assign(({ context, event }) => ({
        milestones: updateMilestone(context, event.milestone!, (m) =>
          withDue(m, milestoneDef(m.id), event.dueAt!, event.at, context.calendar, false),
        ),
      })),
      reassign: assign(({ event }, params: { stage: string }) => ({
        assignee: { id: event.assignee!, stage: params.stage },
      })),
      clearAssignee: assign({ assignee: null }),
      recordDelivery: assign(({ context, event }) => ({
        escalations: [...context.escalations, { ...event.delivery!, at: event.at }],
      })),
      // Effects: returned by transition() and carried out by the workflow through activities.
      notify: (_args, _params: { stage: string } & Effect) => {},
      escalate: (_args, _params: EscalateParams) => {},
    },
    guards: {
      isReturningTo: ({ context }, params: { stage: string }) => context.returnTo === params.stage,
      isConditionMet: ({ context }, params: { condition: Condition }) =>
        evaluateCondition(params.condition, context.facts),
      isMilestoneOpen: ({ context, event }) =>
        context.milestones.some((m) => m.id === event.milestone && m.stage === null && m.completedAt === null),
      isMilestoneExtendable: ({ context, event }) =>
        context.milestones.some((m) => m.id === event.milestone && m.completedAt === null) &&
        Date.parse(event.dueAt ?? '') > Date.parse(event.at),
      isMilestoneDue: ({ context, event }, params: { milestone: string }) =>
        event.milestone === params.milestone &&
        event.rung === undefined &&
        context.milestones.some(
          (m) =>
            m.id === params.milestone &&
            m.status === 'pending' &&
            isOpen(m) &&
            Date.parse(m.dueAt!) <= Date.parse(event.at),
        ),
      isRungDue: ({ context, event }, params: EscalateParams) =>
        event.milestone === params.milestone &&
        event.rung === params.rung &&
        context.milestones.some(
          (m) =>
            m.id === params.milestone &&
            isOpen(m) &&
            m.rungs.some((r) => r.id === params.rung && r.firedAt === null && Date.parse(r.at) <= Date.parse(event.at)),
        ),
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
    const complete = stage.milestone ? [act('completeMilestone', { milestone: stage.milestone })] : [];
    const on: Record<string, TransitionConfig[]> = {};
    for (const [event, decision] of Object.entries(stage.on)) {
      const branches: TransitionConfig[] = [];
      if (revision && id === revision.stage && event === revision.resubmit) {
        for (const back of returnable) {
          branches.push({
            target: back,
            guard: { type: 'isReturningTo', params: { stage: back } },
            actions: [record(id, back), act('finishRevision'), act('clearAssignee'), ...complete],
          });
        }
      }
      if ('revise' in decision) {
        const to = revision!.stage;
        const pause = stage.milestone ? [act('pauseClock', { milestone: stage.milestone })] : [];
        branches.push({
          target: to,
          actions: [record(id, to), act('startRevision', { from: id }), act('clearAssignee'), ...pause],
        });
      } else {
        for (const branch of decision) {
          branches.push({
            target: branch.to,
            ...(branch.when ? { guard: { type: 'isConditionMet', params: { condition: branch.when } } } : {}),
            actions: [record(id, branch.to), act('clearAssignee'), ...complete],
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
        { guard: { type: 'isMilestoneOpen', params: undefined }, actions: [record(id, id), act('markMilestone')] },
      ];
    }
    if (definition.supervisorRole) {
      on[EXTEND] = [
        {
          guard: { type: 'isMilestoneExtendable', params: undefined },
          actions: [record(id, id), act('extendMilestone')],
        },
      ];
      on[REASSIGN] = [
        {
          actions: [
            record(id, id),
            act('reassign', { stage: id }),
            act('notify', { stage: id, type: 'notify', to: 'awaited', template: 'stage-reassigned' }),
          ],
        },
      ];
    }
    states[id] = {
      meta: { role: stage.role, recordedBy: stage.recordedBy, milestone: stage.milestone ?? null, title: stage.title },
      entry: [
        ...(stage.milestone ? [act('armClock', { milestone: stage.milestone })] : []),
        ...stage.entry.map((effect) => act('notify', { stage: id, ...effect })),
      ],
      on,
    };
  }
  for (const [id, outcome] of Object.entries(definition.outcomes)) {
    states[id] = { type: 'final', meta: { status: outcome.status, title: outcome.title } };
  }

  // Deadlines are events the workflow feeds when an instant in context passes: one guarded edge per milestone and rung.
  const deadlines: TransitionConfig[] = [];
  for (const milestone of definition.milestones) {
    deadlines.push({
      guard: { type: 'isMilestoneDue', params: { milestone: milestone.id } },
      actions: [act('missMilestone', { milestone: milestone.id })],
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
        actions: [act('fireRung', params), act('escalate', params)],
      });
    }
  }

  return processSetup(definition).createMachine({
    id: definition.id,
    initial: definition.initial,
    context: ({ input }) => input,
    on: {
      [DEADLINE_REACHED]: deadlines as never,
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
