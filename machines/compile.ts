import { assign, setup, type SnapshotFrom } from 'xstate';
import { evaluateCondition } from './conditions.js';
import type { Condition, Effect, ProcessDefinition } from './definition.schema.js';
import { DEADLINE_REACHED, MARK_MILESTONE, type ProcessContext, type ProcessEvent } from './process.types.js';

interface TransitionConfig {
  target?: string;
  guard?: { type: string; params: unknown };
  actions: Array<{ type: string; params: unknown }>;
}

const record = (from: string, to: string) => ({ type: 'recordDecision', params: { from, to } });
const notify = (stage: string, effect: Effect) => ({ type: 'notify', params: { stage, ...effect } });

/** The setup shared by every compiled process: named actions and guards, no timers, no invocations. */
const processSetup = setup({
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
    markMilestone: assign(({ context, event }) => ({
      milestones: context.milestones.map((m) => (m.id === event.milestone ? { ...m, status: 'met' as const, at: event.at } : m)),
    })),
    missMilestone: assign(({ context, event }) => ({
      milestones: context.milestones.map((m) => (m.id === event.milestone ? { ...m, status: 'missed' as const, at: event.at } : m)),
    })),
    // An effect: returned by transition() and carried out by the workflow through an activity.
    notify: (_args, _params: { stage: string } & Effect) => {},
  },
  guards: {
    isReturningTo: ({ context }, params: { stage: string }) => context.returnTo === params.stage,
    isConditionMet: ({ context }, params: { condition: Condition }) => evaluateCondition(params.condition, context.facts),
    isMilestoneOpen: ({ context, event }) => context.milestones.some((m) => m.id === event.milestone && m.stage === null && m.status !== 'met'),
    isMilestoneDue: ({ context, event }) =>
      context.milestones.some(
        (m) => m.id === event.milestone && m.status === 'pending' && m.dueAt !== null && Date.parse(m.dueAt) <= Date.parse(event.at),
      ),
  },
});

/** Compiles a validated definition to a pure XState machine (no `after`, no `invoke`); pure. */
export function compileMachine(definition: ProcessDefinition) {
  const { revision } = definition;
  const returnable = Object.entries(definition.stages)
    .filter(([, stage]) => Object.values(stage.on).some((d) => 'revise' in d))
    .map(([id]) => id);

  const states: Record<string, unknown> = {};
  for (const [id, stage] of Object.entries(definition.stages)) {
    const on: Record<string, TransitionConfig[]> = {};
    for (const [event, decision] of Object.entries(stage.on)) {
      const branches: TransitionConfig[] = [];
      if (revision && id === revision.stage && event === revision.resubmit) {
        for (const back of returnable) {
          branches.push({
            target: back,
            guard: { type: 'isReturningTo', params: { stage: back } },
            actions: [record(id, back), { type: 'finishRevision', params: undefined }],
          });
        }
      }
      if ('revise' in decision) {
        const to = revision!.stage;
        branches.push({ target: to, actions: [record(id, to), { type: 'startRevision', params: { from: id } }] });
      } else {
        for (const branch of decision) {
          branches.push({
            target: branch.to,
            ...(branch.when ? { guard: { type: 'isConditionMet', params: { condition: branch.when } } } : {}),
            actions: [record(id, branch.to)],
          });
        }
      }
      on[event] = branches;
    }
    for (const [event, anytime] of Object.entries(definition.anytime)) {
      on[event] = [{ target: anytime.to, actions: [record(id, anytime.to)] }];
    }
    if (definition.milestoneRole) {
      on[MARK_MILESTONE] = [{ guard: { type: 'isMilestoneOpen', params: undefined }, actions: [record(id, id), { type: 'markMilestone', params: undefined }] }];
    }
    states[id] = {
      meta: { role: stage.role, recordedBy: stage.recordedBy, milestone: stage.milestone ?? null, title: stage.title },
      entry: stage.entry.map((effect) => notify(id, effect)),
      on,
    };
  }
  for (const [id, outcome] of Object.entries(definition.outcomes)) {
    states[id] = { type: 'final', meta: { status: outcome.status, title: outcome.title } };
  }

  return processSetup.createMachine({
    id: definition.id,
    initial: definition.initial,
    context: ({ input }) => input,
    on: {
      [DEADLINE_REACHED]: { guard: 'isMilestoneDue', actions: 'missMilestone' },
    },
    // The config is built from data, so its event names are only known at run time.
    states: states as never,
  });
}

/** The machine type every process compiles to. */
export type ProcessMachine = ReturnType<typeof compileMachine>;
/** A snapshot of a compiled process machine. */
export type ProcessSnapshot = SnapshotFrom<ProcessMachine>;
