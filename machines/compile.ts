import type { SnapshotFrom } from 'xstate';
import type { ProcessAction, TransitionConfig } from './compile.types.js';
import { deadlineEdges } from './deadline-edges.js';
import type { ProcessDefinition, Stage } from './definition.schema.js';
import { obligationTransitions } from './obligation-transitions.js';
import { processSetup } from './process-setup.js';
import { DEADLINE_REACHED, ESCALATION_DELIVERED, EXTEND, MARK_MILESTONE, REASSIGN } from './process.types.js';

export type {
  ActionParams,
  EscalateParams,
  GuardParams,
  NotifyParams,
  OccurrenceEscalation,
  ProcessAction,
  ProcessGuard,
  TransitionConfig,
} from './compile.types.js';

const record = (from: string, to: string): ProcessAction => ({ type: 'recordDecision', params: { from, to } });

/** The edges of one stage's own decisions: revisions, the resubmission back to the asking stage, and branches (pure). */
function decisionEdges(
  definition: ProcessDefinition,
  id: string,
  stage: Stage,
  returnable: string[],
): Record<string, TransitionConfig[]> {
  const { revision } = definition;
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
        actions: [record(id, to), { type: 'startRevision', params: { from: id } }, { type: 'clearAssignee' }, ...pause],
      });
    } else {
      for (const branch of decision) {
        const moves: ProcessAction[] = branch.moves
          ? [{ type: 'moveMilestone', params: { milestone: branch.moves } }]
          : [];
        branches.push({
          target: branch.to,
          ...(branch.when ? { guard: { type: 'isConditionMet', params: { condition: branch.when } } } : {}),
          ...(branch.moves
            ? { guard: { type: branch.sets ? 'isChangeValid' : 'isMoveValid', params: { milestone: branch.moves } } }
            : {}),
          // Moving between stages the same milestone bounds (a change asked for while at work) does not meet it.
          actions: [
            record(id, branch.to),
            { type: 'clearAssignee' },
            ...(definition.stages[branch.to]?.milestone === stage.milestone ? [] : complete),
            ...moves,
            ...(branch.appends ? [{ type: 'appendFacts' as const, params: { fact: branch.appends } }] : []),
            ...(branch.sets ? [{ type: 'setFacts' as const, params: { facts: branch.sets } }] : []),
          ],
        });
      }
    }
    on[event] = branches;
  }
  return on;
}

/** The edges every stage has: anytime decisions, milestone marks, supervision and obligations (pure). */
function everywhereEdges(definition: ProcessDefinition, id: string): Record<string, TransitionConfig[]> {
  const on: Record<string, TransitionConfig[]> = {};
  for (const [event, anytime] of Object.entries(definition.anytime)) {
    on[event] = [{ target: anytime.to, actions: [record(id, anytime.to)] }];
  }
  if (definition.milestoneRole) {
    on[MARK_MILESTONE] = [{ guard: { type: 'isMilestoneOpen' }, actions: [record(id, id), { type: 'markMilestone' }] }];
  }
  if (definition.supervisorRole) {
    on[EXTEND] = [{ guard: { type: 'isMilestoneExtendable' }, actions: [record(id, id), { type: 'extendMilestone' }] }];
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
  return on;
}

/** Compiles a validated definition to a pure XState machine (no `after`, no `invoke`); pure. */
export function compileMachine(definition: ProcessDefinition) {
  const returnable = Object.entries(definition.stages)
    .filter(([, stage]) => Object.values(stage.on).some((d) => 'revise' in d))
    .map(([id]) => id);

  const states: Record<string, unknown> = {};
  for (const [id, stage] of Object.entries(definition.stages)) {
    const entry: ProcessAction[] = [
      ...(stage.milestone ? [{ type: 'armClock' as const, params: { milestone: stage.milestone } }] : []),
      ...stage.entry.map((effect) => ({ type: 'notify' as const, params: { stage: id, ...effect } })),
    ];
    states[id] = {
      meta: { role: stage.role, recordedBy: stage.recordedBy, milestone: stage.milestone ?? null, title: stage.title },
      entry,
      on: { ...decisionEdges(definition, id, stage, returnable), ...everywhereEdges(definition, id) },
    };
  }
  for (const [id, outcome] of Object.entries(definition.outcomes)) {
    states[id] = { type: 'final', meta: { status: outcome.status, title: outcome.title } };
  }

  return processSetup(definition).createMachine({
    id: definition.id,
    initial: definition.initial,
    context: ({ input }) => input,
    on: {
      [DEADLINE_REACHED]: deadlineEdges(definition),
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
