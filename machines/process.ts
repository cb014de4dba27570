import { createActor, initialTransition } from 'xstate';
import { isOpen } from './clock.js';
import {
  compileMachine,
  type ActionParams,
  type EscalateParams,
  type ProcessMachine,
  type ProcessSnapshot,
} from './compile.js';
import type { Localized, ProcessDefinition, ProcessDefinitionInput, Stage } from './definition.schema.js';
import { loadDefinition } from './definition.js';
import { parseDecision, type Decision } from './decision.js';
import { actingRoles, obligationEventFor, obligationEvents } from './obligation-events.js';
import { awaitedRole } from './units.js';
import type { Result } from './start-context.js';
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
  type PersonEvent,
  type ProcessContext,
  type ProcessEvent,
} from './process.types.js';

/** What an Update returns to the face that sent the decision; the whole view stays available through the query. */
export interface DecisionOutcome {
  state: string;
  status: ProcessView['status'];
  draftVersion: number;
  awaiting: ProcessView['awaiting'];
}

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

/**
 * The decision names a definition's type spells out (its stages' `on` keys and its `anytime` keys), so that a
 * misspelt decision does not compile; `string` when the definition's type does not say (one read at run time).
 */
export type DecisionsOf<D> = D extends { stages: infer S; anytime?: infer A }
  ? Extract<{ [K in keyof S]: S[K] extends { on: infer O } ? keyof O : never }[keyof S] | keyof NonNullable<A>, string>
  : string;

/**
 * What `check` makes of a decision: the event to feed the machine, or why not; `forbidden` when the actor's roles
 * do not act on that event at this stage (the message names the role that does), else the stage cannot take it now.
 */
export type CheckResult<T> = { success: true; data: T } | { success: false; error: string; forbidden?: true };

/**
 * A compiled process: its definition, pure machine and the pure operations the workflow drives it with. `D` is the
 * union of its decision names when known (see {@link DecisionsOf}).
 */
export interface Process<D extends string = string> {
  definition: ProcessDefinition;
  machine: ProcessMachine;
  start(context: ProcessContext): [ProcessSnapshot, ProcessEffect[]];
  restore(persisted: PersistedProcess): ProcessSnapshot;
  persist(snapshot: ProcessSnapshot): PersistedProcess;
  check(snapshot: ProcessSnapshot, decision: unknown, at: string): CheckResult<PersonEvent<D>>;
  apply(snapshot: ProcessSnapshot, event: ProcessEvent<D>): [ProcessSnapshot, ProcessEffect[]];
  nextDeadline(snapshot: ProcessSnapshot): { milestone: string; rung?: string; at: string } | null;
  view(snapshot: ProcessSnapshot): ProcessView;
  /** Where the process stands and whom it awaits, without the history: what an Update returns. */
  outcome(snapshot: ProcessSnapshot): DecisionOutcome;
}

/** Whether an action transition() returned is the named one; its params are then the ones the compiler gave it. */
const isAction = <K extends keyof ActionParams>(
  action: { type: string; params?: unknown },
  type: K,
): action is { type: K; params: ActionParams[K] } => action.type === type;

function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): ProcessEffect[] {
  const effects: ProcessEffect[] = [];
  for (const action of actions) {
    if (isAction(action, 'notify')) {
      const { stage, to, template } = action.params;
      effects.push({ type: 'notify', stage, to, template });
    } else if (isAction(action, 'escalate')) {
      effects.push({ type: 'escalate', ...action.params });
    }
  }
  return effects;
}

/**
 * `transition(machine, snapshot, event)` of xstate, with one inert actor scope made for the machine instead of a new
 * actor (and its initial snapshot) at every call: pure, since the scope's effects are no-ops, the actions are
 * collected as `transition()` collects them, and the machines spawn, send and emit nothing.
 */
function transitionOf(machine: ProcessMachine) {
  const self = createActor(machine, { input: undefined } as never);
  const collected: Array<{ type: string; params?: unknown }> = [];
  const scope = {
    self,
    defer() {},
    id: '',
    logger() {},
    sessionId: '',
    stopChild() {},
    system: self.system,
    emit() {},
    actionExecutor(action: { type: string; params?: unknown }) {
      collected.push(action);
    },
  };
  return (snapshot: ProcessSnapshot, event: ProcessEvent): [ProcessSnapshot, ProcessEffect[]] => {
    collected.length = 0;
    const next = machine.transition(snapshot, event as never, scope as never);
    return [next, effectsOf(collected)];
  };
}

/**
 * Compiles a definition into a process; the definition is normalized and cross-checked here without zod (the faces
 * validate its shape fully with `createProcess`), so the workflow pays for this once per run and no schema is built.
 */
export function compileProcess<T extends ProcessDefinitionInput | ProcessDefinition>(
  input: T,
): Process<DecisionsOf<T>> {
  type D = DecisionsOf<T>;
  const definition = loadDefinition(input);
  const machine = compileMachine(definition);
  const step = transitionOf(machine);

  const stateOf = (snapshot: ProcessSnapshot) => snapshot.value as string;
  const stageOf = (snapshot: ProcessSnapshot) => definition.stages[stateOf(snapshot)];
  const anytime = Object.keys(definition.anytime);
  const everywhere = [
    ...anytime,
    ...(definition.milestoneRole ? [MARK_MILESTONE] : []),
    ...(definition.supervisorRole ? [EXTEND, REASSIGN] : []),
    ...obligationEvents(definition),
  ];
  const allEvents = [
    ...new Set([...Object.values(definition.stages).flatMap((s) => Object.keys(s.on)), ...everywhere]),
  ];

  function allowedAt(snapshot: ProcessSnapshot): string[] {
    const stage = stageOf(snapshot);
    if (!stage || snapshot.status !== 'active') return [];
    return [...Object.keys(stage.on), ...everywhere];
  }

  function roleFor(
    stage: Stage,
    event: string,
    facts: Record<string, unknown>,
  ): { role: string; recordedBy: string[]; accepted?: string[] } {
    const acting = actingRoles(definition, stage, event, facts);
    if (acting) return { ...acting, recordedBy: stage.on[event] ? stage.recordedBy : [] };
    const anytime = definition.anytime[event];
    if (anytime) return { role: anytime.role, recordedBy: [] };
    if (event === MARK_MILESTONE && definition.milestoneRole) return { role: definition.milestoneRole, recordedBy: [] };
    if ((event === EXTEND || event === REASSIGN) && definition.supervisorRole) {
      return { role: definition.supervisorRole, recordedBy: [] };
    }
    return { role: stage.role, recordedBy: stage.recordedBy };
  }

  /**
   * The event for a decision whose role was checked, built from the fields its type needs, or the refusal naming the
   * field that is missing or wrong for the current state.
   */
  function eventFor(snapshot: ProcessSnapshot, stage: Stage, decision: Decision, at: string): Result<PersonEvent<D>> {
    const state = stateOf(snapshot);
    const refuse = (error: string) => ({ success: false as const, error });
    const person = {
      at,
      actor: decision.actor,
      onBehalfOf: decision.onBehalfOf ?? null,
      comment: decision.comment ?? null,
    };
    const milestones = snapshot.context.milestones;
    const obligation = obligationEventFor<D>(definition, stage, snapshot.context, decision, person);
    if (obligation) return obligation;
    switch (decision.type) {
      case MARK_MILESTONE: {
        const milestone = milestones.find((m) => m.id === decision.milestone);
        if (!milestone || milestone.stage !== null || milestone.status === 'met') {
          const open = milestones.filter((m) => m.stage === null && m.status !== 'met').map((m) => m.id);
          return refuse(
            `${MARK_MILESTONE} needs the id of an open milestone beside the main line; expected one of: ${open.join(', ') || 'none'}`,
          );
        }
        return { success: true, data: { type: MARK_MILESTONE, ...person, milestone: milestone.id } };
      }
      case EXTEND: {
        const open = milestones.filter((m) => m.completedAt === null).map((m) => m.id);
        const { milestone, dueAt } = decision;
        if (!milestone || !open.includes(milestone))
          return refuse(`${EXTEND} needs the id of an open milestone; expected one of: ${open.join(', ') || 'none'}`);
        if (!dueAt) return refuse(`${EXTEND} needs the new due instant (dueAt)`);
        if (Date.parse(dueAt) <= Date.parse(at))
          return refuse(`${EXTEND} needs a due instant in the future, got ${dueAt}`);
        const comment = decision.comment ?? `due ${dueAt}`;
        return { success: true, data: { type: EXTEND, ...person, comment, milestone, dueAt } };
      }
      case REASSIGN: {
        const { assignee } = decision;
        if (!assignee) return refuse(`${REASSIGN} needs the user to reassign the stage to`);
        if (!assignee.roles.includes(stage.role)) {
          return refuse(
            `user "${assignee.id}" cannot be awaited at stage "${state}": it needs role "${stage.role}", they have ${assignee.roles.join(', ') || 'none'}`,
          );
        }
        return { success: true, data: { type: REASSIGN, ...person, assignee: assignee.id } };
      }
      default:
        // check() found the name among the definition's decisions.
        return { success: true, data: { type: decision.type as D, ...person } };
    }
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
      const parsed = parseDecision(raw);
      if (!parsed.success) return parsed;
      const decision = parsed.data;
      const state = stateOf(snapshot);
      if (!allEvents.includes(decision.type)) {
        return {
          success: false,
          error: `unknown event "${decision.type}" for ${definition.id}; expected one of: ${allEvents.join(', ')}`,
        };
      }
      const stage = stageOf(snapshot);
      if (snapshot.status !== 'active' || !stage) {
        return { success: false, error: `the process has ended in "${state}"; it takes no more decisions` };
      }
      const allowed = allowedAt(snapshot);
      if (!allowed.includes(decision.type)) {
        return {
          success: false,
          error: `"${decision.type}" cannot be taken at stage "${state}"; expected one of: ${allowed.join(', ')}`,
        };
      }
      const { role, recordedBy, accepted = [role] } = roleFor(stage, decision.type, snapshot.context.facts);
      const holds = accepted.some((r) => decision.roles.includes(r));
      const records = recordedBy.some((r) => decision.roles.includes(r));
      if (!holds && !records) {
        const also =
          recordedBy.length > 0 ? ` (or a ${recordedBy.join('/')} user recording it on behalf of ${role})` : '';
        return {
          success: false,
          forbidden: true,
          error: `user "${decision.actor}" (roles: ${decision.roles.join(', ') || 'none'}) cannot take "${decision.type}" at stage "${state}": it belongs to role "${role}"${also}`,
        };
      }
      if (!holds && decision.onBehalfOf !== role) {
        return {
          success: false,
          forbidden: true,
          error: `user "${decision.actor}" records decisions at stage "${state}" only on behalf of "${role}"; pass onBehalfOf "${role}"`,
        };
      }
      if (decision.onBehalfOf != null && decision.onBehalfOf !== role && !accepted.includes(decision.onBehalfOf)) {
        return {
          success: false,
          forbidden: true,
          error: `user "${decision.actor}" cannot take "${decision.type}" at stage "${state}" on behalf of "${decision.onBehalfOf}": it belongs to role "${role}"; send onBehalfOf "${role}" or none`,
        };
      }
      const checked = eventFor(snapshot, stage, decision, at);
      if (!checked.success) return checked;
      const event = checked.data;
      if (!snapshot.can(event)) {
        return { success: false, error: `"${decision.type}" is not possible at stage "${state}" now` };
      }
      return { success: true, data: event };
    },
    apply(snapshot, event) {
      return step(snapshot, event);
    },
    nextDeadline(snapshot) {
      if (snapshot.status !== 'active') return null;
      const candidates: Array<{ milestone: string; rung?: string; at: string }> = [];
      for (const m of snapshot.context.milestones.filter(isOpen)) {
        if (m.status === 'pending') candidates.push({ milestone: m.id, at: m.dueAt });
        for (const r of m.rungs.filter((r) => r.firedAt === null))
          candidates.push({ milestone: m.id, rung: r.id, at: r.at });
      }
      // Earliest first; at the same instant the milestone is marked missed before its rungs fire.
      candidates.sort(
        (a, b) => Date.parse(a.at) - Date.parse(b.at) || Number(a.rung !== undefined) - Number(b.rung !== undefined),
      );
      return candidates[0] ?? null;
    },
    outcome(snapshot) {
      const state = stateOf(snapshot);
      const stage = stageOf(snapshot);
      const outcome = definition.outcomes[state];
      if (!stage && !outcome) throw new Error(`state "${state}" is neither a stage nor an outcome of ${definition.id}`);
      const milestone = stage?.milestone
        ? snapshot.context.milestones.find((m) => m.id === stage.milestone)
        : undefined;
      let escalationLevel = 0;
      for (const rung of milestone?.rungs ?? []) if (rung.firedAt !== null) escalationLevel += 1;
      return {
        state,
        status: outcome ? outcome.status : 'running',
        draftVersion: snapshot.context.draftVersion,
        awaiting:
          stage && snapshot.status === 'active'
            ? {
                role: awaitedRole(stage, snapshot.context.facts),
                assignee: snapshot.context.assignee?.stage === state ? snapshot.context.assignee.id : null,
                milestone: stage.milestone ?? null,
                dueAt: milestone?.dueAt ?? null,
                escalationLevel,
              }
            : null,
      };
    },
    view(snapshot) {
      const { state, status, draftVersion, awaiting } = this.outcome(snapshot);
      const place = stageOf(snapshot) ?? definition.outcomes[state];
      return {
        process: definition.id,
        version: definition.version,
        subject: snapshot.context.subject,
        facts: snapshot.context.facts,
        status,
        state,
        stageTitle: (place as { title: Localized }).title,
        draftVersion,
        documents: snapshot.context.documents,
        awaiting,
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

export type { DecisionInput } from './decision.js';
export { DEADLINE_REACHED, ESCALATION_DELIVERED, EXTEND, MARK_MILESTONE, REASSIGN };
