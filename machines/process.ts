import { initialTransition, transition } from 'xstate';
import { z } from 'zod';
import { isOpen } from './clock.js';
import { compileMachine, type EscalateParams, type ProcessMachine, type ProcessSnapshot } from './compile.js';
import { ProcessDefinition, type Effect, type Localized, type ProcessDefinitionInput } from './definition.schema.js';
import type { Result } from './input.schema.js';
import {
  DEADLINE_REACHED,
  ESCALATION_DELIVERED,
  EXTEND,
  MARK_MILESTONE,
  REASSIGN,
  type DecisionRecord,
  type DocumentState,
  type EscalationRecord,
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
  /** EXTEND: the new due instant. */
  dueAt: z.iso.datetime({ offset: true, error: 'expected the new due instant as ISO 8601 with offset' }).optional(),
  /** REASSIGN: the user now awaited, with the roles the directory gives them. */
  assignee: z.strictObject({ id: z.string().min(1), roles: z.array(z.string()) }).optional(),
});
/** A decision before validation. */
export type DecisionInput = z.input<typeof DecisionInput>;

/** A state machine snapshot reduced to what continueAsNew must carry. */
export interface PersistedProcess {
  value: string;
  context: ProcessContext;
}

/** An effect the driver must carry out, taken from the actions transition() returned. */
export type ProcessEffect =
  { type: 'notify'; stage: string; to: string; template: string } | ({ type: 'escalate' } & EscalateParams);

/** The JSON-safe view of a running or finished process, as queries and `duyet status` show it. */
export interface ProcessView {
  process: string;
  version: number;
  subject: string;
  /** What the process's conditions read, e.g. a delegation's direction and the rule set it was checked with. */
  facts: Record<string, unknown>;
  status: 'running' | 'completed' | 'rejected' | 'withdrawn';
  state: string;
  stageTitle: Localized;
  draftVersion: number;
  documents: DocumentState[];
  awaiting: {
    role: string;
    assignee: string | null;
    milestone: string | null;
    dueAt: string | null;
    escalationLevel: number;
  } | null;
  /** The decisions the awaited role can take now. */
  allowed: string[];
  returnTo: string | null;
  milestones: MilestoneState[];
  history: DecisionRecord[];
  escalations: EscalationRecord[];
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
  nextDeadline(snapshot: ProcessSnapshot): { milestone: string; rung?: string; at: string } | null;
  view(snapshot: ProcessSnapshot): ProcessView;
}

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): ProcessEffect[] {
  const effects: ProcessEffect[] = [];
  for (const action of actions) {
    if (action.type === 'notify') {
      const params = action.params as { stage: string } & Effect;
      effects.push({ type: 'notify', stage: params.stage, to: params.to, template: params.template });
    } else if (action.type === 'escalate') {
      effects.push({ type: 'escalate', ...(action.params as EscalateParams) });
    }
  }
  return effects;
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
  const everywhere = [
    ...anytime,
    ...(definition.milestoneRole ? [MARK_MILESTONE] : []),
    ...(definition.supervisorRole ? [EXTEND, REASSIGN] : []),
  ];
  const allEvents = [
    ...new Set([...Object.values(definition.stages).flatMap((s) => Object.keys(s.on)), ...everywhere]),
  ];

  function allowedAt(snapshot: ProcessSnapshot): string[] {
    const stage = stageOf(snapshot);
    if (!stage || snapshot.status !== 'active') return [];
    return [...Object.keys(stage.on), ...everywhere];
  }

  function roleFor(state: string, event: string): { role: string; recordedBy: string[] } {
    const stage = definition.stages[state]!;
    if (definition.anytime[event]) return { role: definition.anytime[event].role, recordedBy: [] };
    if (event === MARK_MILESTONE) return { role: definition.milestoneRole!, recordedBy: [] };
    if (event === EXTEND || event === REASSIGN) return { role: definition.supervisorRole!, recordedBy: [] };
    return { role: stage.role, recordedBy: stage.recordedBy };
  }

  /** The refusal of a supervisor's EXTEND or REASSIGN that is malformed for the current state, or null. */
  function supervisionProblem(
    snapshot: ProcessSnapshot,
    decision: z.infer<typeof DecisionInput>,
    at: string,
  ): string | null {
    const state = stateOf(snapshot);
    if (decision.type === EXTEND) {
      const open = snapshot.context.milestones.filter((m) => m.completedAt === null).map((m) => m.id);
      if (!decision.milestone || !open.includes(decision.milestone))
        return `${EXTEND} needs the id of an open milestone; expected one of: ${open.join(', ') || 'none'}`;
      if (!decision.dueAt) return `${EXTEND} needs the new due instant (dueAt)`;
      if (Date.parse(decision.dueAt) <= Date.parse(at))
        return `${EXTEND} needs a due instant in the future, got ${decision.dueAt}`;
    }
    if (decision.type === REASSIGN) {
      const role = definition.stages[state]!.role;
      if (!decision.assignee) return `${REASSIGN} needs the user to reassign the stage to`;
      if (!decision.assignee.roles.includes(role)) {
        return `user "${decision.assignee.id}" cannot be awaited at stage "${state}": it needs role "${role}", they have ${decision.assignee.roles.join(', ') || 'none'}`;
      }
    }
    return null;
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
        return {
          success: false,
          error: `unknown event "${decision.type}" for ${definition.id}; expected one of: ${allEvents.join(', ')}`,
        };
      }
      if (snapshot.status !== 'active') {
        return { success: false, error: `the process has ended in "${state}"; it takes no more decisions` };
      }
      const allowed = allowedAt(snapshot);
      if (!allowed.includes(decision.type)) {
        return {
          success: false,
          error: `"${decision.type}" cannot be taken at stage "${state}"; expected one of: ${allowed.join(', ')}`,
        };
      }
      const { role, recordedBy } = roleFor(state, decision.type);
      const holds = decision.roles.includes(role);
      const records = recordedBy.some((r) => decision.roles.includes(r));
      if (!holds && !records) {
        const also =
          recordedBy.length > 0 ? ` (or a ${recordedBy.join('/')} user recording it on behalf of ${role})` : '';
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
          return {
            success: false,
            error: `${MARK_MILESTONE} needs the id of an open milestone beside the main line; expected one of: ${open.join(', ') || 'none'}`,
          };
        }
      }
      const problem = supervisionProblem(snapshot, decision, at);
      if (problem) return { success: false, error: problem };
      const event: ProcessEvent = {
        type: decision.type,
        at,
        actor: decision.actor,
        onBehalfOf: decision.onBehalfOf ?? null,
        comment: decision.comment ?? (decision.type === EXTEND ? `due ${decision.dueAt}` : null),
        ...(decision.milestone ? { milestone: decision.milestone } : {}),
        ...(decision.dueAt ? { dueAt: decision.dueAt } : {}),
        ...(decision.assignee ? { assignee: decision.assignee.id } : {}),
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
      const candidates: Array<{ milestone: string; rung?: string; at: string }> = [];
      for (const m of snapshot.context.milestones.filter(isOpen)) {
        if (m.status === 'pending') candidates.push({ milestone: m.id, at: m.dueAt! });
        for (const r of m.rungs.filter((r) => r.firedAt === null))
          candidates.push({ milestone: m.id, rung: r.id, at: r.at });
      }
      // Earliest first; at the same instant the milestone is marked missed before its rungs fire.
      candidates.sort(
        (a, b) => Date.parse(a.at) - Date.parse(b.at) || Number(a.rung !== undefined) - Number(b.rung !== undefined),
      );
      return candidates[0] ?? null;
    },
    view(snapshot) {
      const state = stateOf(snapshot);
      const stage = stageOf(snapshot);
      const outcome = definition.outcomes[state];
      const milestone = stage?.milestone
        ? snapshot.context.milestones.find((m) => m.id === stage.milestone)
        : undefined;
      return {
        process: definition.id,
        version: definition.version,
        subject: snapshot.context.subject,
        facts: snapshot.context.facts,
        status: outcome ? outcome.status : 'running',
        state,
        stageTitle: (stage ?? outcome)!.title,
        draftVersion: snapshot.context.draftVersion,
        documents: snapshot.context.documents,
        awaiting:
          stage && snapshot.status === 'active'
            ? {
                role: stage.role,
                assignee: snapshot.context.assignee?.stage === state ? snapshot.context.assignee.id : null,
                milestone: stage.milestone ?? null,
                dueAt: milestone?.dueAt ?? null,
                escalationLevel: milestone?.rungs.filter((r) => r.firedAt !== null).length ?? 0,
              }
            : null,
        allowed: allowedAt(snapshot),
        returnTo: snapshot.context.returnTo,
        milestones: snapshot.context.milestones,
        history: snapshot.context.history,
        escalations: snapshot.context.escalations,
        startedAt: snapshot.context.startedAt,
      };
    },
  };
}

export { DEADLINE_REACHED, ESCALATION_DELIVERED, EXTEND, MARK_MILESTONE, REASSIGN };
