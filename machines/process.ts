import { initialTransition, transition } from 'xstate';
import { z } from 'zod';
import { compileMachine, type ProcessMachine, type ProcessSnapshot } from './compile.js';
import { ProcessDefinition, type Effect, type Localized, type ProcessDefinitionInput } from './definition.schema.js';
import type { Result } from './input.schema.js';
import {
  DEADLINE_REACHED,
  MARK_MILESTONE,
  type DecisionRecord,
  type DocumentState,
  type MilestoneState,
  type ProcessContext,
  type ProcessEvent,
} from './process.types.js';

/** A decision as a face (CLI, API) submits it: the actor is already authenticated and their roles resolved. */
export const DecisionInput = z.strictObject({
  type: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an UPPER_SNAKE event name such as "APPROVE"'),
  actor: z.string().min(1, 'expected the id of the user deciding'),
  roles: z.array(z.string()).default([]),
  onBehalfOf: z.string().min(1).nullish(),
  comment: z.string().nullish(),
  milestone: z.string().min(1).optional(),
});
/** A decision before validation. */
export type DecisionInput = z.input<typeof DecisionInput>;

/** A state machine snapshot reduced to what continueAsNew must carry. */
export interface PersistedProcess {
  value: string;
  context: ProcessContext;
}

/** An effect the driver must carry out, taken from the actions transition() returned. */
export interface ProcessEffect {
  type: 'notify';
  stage: string;
  to: string;
  template: string;
}

/** The JSON-safe view of a running or finished process, as queries and `duyet status` show it. */
export interface ProcessView {
  process: string;
  version: number;
  subject: string;
  status: 'running' | 'completed' | 'rejected' | 'withdrawn';
  state: string;
  stageTitle: Localized;
  draftVersion: number;
  documents: DocumentState[];
  awaiting: { role: string; milestone: string | null; dueAt: string | null } | null;
  /** The decisions the awaited role can take now. */
  allowed: string[];
  returnTo: string | null;
  milestones: MilestoneState[];
  history: DecisionRecord[];
  startedAt: string;
}

/** A compiled process: its definition, pure machine and the pure operations the workflow drives it with. */
export interface Process {
  definition: ProcessDefinition;
  machine: ProcessMachine;
  start(context: ProcessContext): [ProcessSnapshot, ProcessEffect[]];
  restore(persisted: PersistedProcess): ProcessSnapshot;
  persist(snapshot: ProcessSnapshot): PersistedProcess;
  check(snapshot: ProcessSnapshot, decision: unknown, at: string): Result<ProcessEvent>;
  apply(snapshot: ProcessSnapshot, event: ProcessEvent): [ProcessSnapshot, ProcessEffect[]];
  nextDeadline(snapshot: ProcessSnapshot): { milestone: string; dueAt: string } | null;
  view(snapshot: ProcessSnapshot): ProcessView;
}

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): ProcessEffect[] {
  return actions
    .filter((a) => a.type === 'notify')
    .map((a) => {
      const params = a.params as { stage: string } & Effect;
      return { type: 'notify', stage: params.stage, to: params.to, template: params.template };
    });
}

/** Validates a definition and compiles it; throws with the zod issues when the definition is invalid. */
export function createProcess(input: ProcessDefinitionInput | ProcessDefinition): Process {
  const parsed = ProcessDefinition.safeParse(input);
  if (!parsed.success) throw new Error(`invalid process definition:\n${z.prettifyError(parsed.error)}`);
  const definition = parsed.data;
  const machine = compileMachine(definition);

  const stateOf = (snapshot: ProcessSnapshot) => snapshot.value as string;
  const stageOf = (snapshot: ProcessSnapshot) => definition.stages[stateOf(snapshot)];
  const anytime = Object.keys(definition.anytime);
  const allEvents = [
    ...new Set([
      ...Object.values(definition.stages).flatMap((s) => Object.keys(s.on)),
      ...anytime,
      ...(definition.milestoneRole ? [MARK_MILESTONE] : []),
    ]),
  ];

  function allowedAt(snapshot: ProcessSnapshot): string[] {
    const stage = stageOf(snapshot);
    if (!stage || snapshot.status !== 'active') return [];
    return [...Object.keys(stage.on), ...anytime, ...(definition.milestoneRole ? [MARK_MILESTONE] : [])];
  }

  function roleFor(state: string, event: string): { role: string; recordedBy: string[] } {
    const stage = definition.stages[state]!;
    if (definition.anytime[event]) return { role: definition.anytime[event].role, recordedBy: [] };
    if (event === MARK_MILESTONE) return { role: definition.milestoneRole!, recordedBy: [] };
    return { role: stage.role, recordedBy: stage.recordedBy };
  }

  return {
    definition,
    machine,
    start(context) {
      const [snapshot, actions] = initialTransition(machine, context);
      return [snapshot, effectsOf(actions)];
    },
    restore(persisted) {
      return machine.resolveState(persisted as never);
    },
    persist(snapshot) {
      return { value: stateOf(snapshot), context: snapshot.context };
    },
    check(snapshot, raw, at) {
      const parsed = DecisionInput.safeParse(raw);
      if (!parsed.success) return { success: false, error: `invalid decision:\n${z.prettifyError(parsed.error)}` };
      const decision = parsed.data;
      const state = stateOf(snapshot);
      if (!allEvents.includes(decision.type)) {
        return { success: false, error: `unknown event "${decision.type}" for ${definition.id}; expected one of: ${allEvents.join(', ')}` };
      }
      if (snapshot.status !== 'active') {
        return { success: false, error: `the process has ended in "${state}"; it takes no more decisions` };
      }
      const allowed = allowedAt(snapshot);
      if (!allowed.includes(decision.type)) {
        return { success: false, error: `"${decision.type}" cannot be taken at stage "${state}"; expected one of: ${allowed.join(', ')}` };
      }
      const { role, recordedBy } = roleFor(state, decision.type);
      const holds = decision.roles.includes(role);
      const records = recordedBy.some((r) => decision.roles.includes(r));
      if (!holds && !records) {
        const also = recordedBy.length > 0 ? ` (or a ${recordedBy.join('/')} user recording it on behalf of ${role})` : '';
        return {
          success: false,
          error: `user "${decision.actor}" (roles: ${decision.roles.join(', ') || 'none'}) cannot take "${decision.type}" at stage "${state}": it belongs to role "${role}"${also}`,
        };
      }
      if (!holds && decision.onBehalfOf !== role) {
        return {
          success: false,
          error: `user "${decision.actor}" records decisions at stage "${state}" only on behalf of "${role}"; pass onBehalfOf "${role}"`,
        };
      }
      if (decision.type === MARK_MILESTONE) {
        const milestone = snapshot.context.milestones.find((m) => m.id === decision.milestone);
        const open = snapshot.context.milestones.filter((m) => m.stage === null && m.status !== 'met').map((m) => m.id);
        if (!milestone || milestone.stage !== null || milestone.status === 'met') {
          return { success: false, error: `${MARK_MILESTONE} needs the id of an open milestone beside the main line; expected one of: ${open.join(', ') || 'none'}` };
        }
      }
      const event: ProcessEvent = {
        type: decision.type,
        at,
        actor: decision.actor,
        onBehalfOf: decision.onBehalfOf ?? null,
        comment: decision.comment ?? null,
        ...(decision.milestone ? { milestone: decision.milestone } : {}),
      };
      if (!snapshot.can(event)) {
        return { success: false, error: `"${decision.type}" is not possible at stage "${state}" now` };
      }
      return { success: true, data: event };
    },
    apply(snapshot, event) {
      const [next, actions] = transition(machine, snapshot, event);
      return [next, effectsOf(actions)];
    },
    nextDeadline(snapshot) {
      if (snapshot.status !== 'active') return null;
      const pending = snapshot.context.milestones
        .filter((m): m is MilestoneState & { dueAt: string } => m.status === 'pending' && m.dueAt !== null)
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
      const first = pending[0];
      return first ? { milestone: first.id, dueAt: first.dueAt } : null;
    },
    view(snapshot) {
      const state = stateOf(snapshot);
      const stage = stageOf(snapshot);
      const outcome = definition.outcomes[state];
      const milestone = stage?.milestone ? snapshot.context.milestones.find((m) => m.id === stage.milestone) : undefined;
      return {
        process: definition.id,
        version: definition.version,
        subject: snapshot.context.subject,
        status: outcome ? outcome.status : 'running',
        state,
        stageTitle: (stage ?? outcome)!.title,
        draftVersion: snapshot.context.draftVersion,
        documents: snapshot.context.documents,
        awaiting: stage && snapshot.status === 'active' ? { role: stage.role, milestone: stage.milestone ?? null, dueAt: milestone?.dueAt ?? null } : null,
        allowed: allowedAt(snapshot),
        returnTo: snapshot.context.returnTo,
        milestones: snapshot.context.milestones,
        history: snapshot.context.history,
        startedAt: snapshot.context.startedAt,
      };
    },
  };
}

export { DEADLINE_REACHED, MARK_MILESTONE };
