import { initialTransition } from 'xstate';
import { isOpen } from './clock.js';
import { compileMachine, type ProcessMachine, type ProcessSnapshot } from './compile.js';
import { decisionChecks, type CheckResult } from './decision-check.js';
import type { ProcessDefinition, ProcessDefinitionInput } from './definition.schema.js';
import { loadDefinition } from './definition.js';
import { outcomeOf, viewOf, type DecisionOutcome, type ProcessView } from './process-view.js';
import {
  DEADLINE_REACHED,
  ESCALATION_DELIVERED,
  EXTEND,
  MARK_MILESTONE,
  REASSIGN,
  type MilestoneState,
  type PersonEvent,
  type ProcessContext,
  type ProcessEvent,
} from './process.types.js';
import { effectsOf, transitionOf, type ProcessEffect } from './step.js';

export type { CheckResult } from './decision-check.js';
export type { DecisionOutcome, ProcessView } from './process-view.js';
export type { ProcessEffect } from './step.js';

/** A state machine snapshot reduced to what continueAsNew must carry. */
export interface PersistedProcess {
  value: string;
  context: ProcessContext;
}

/**
 * The decision names a definition's type spells out (its stages' `on` keys and its `anytime` keys), so that a
 * misspelt decision does not compile; `string` when the definition's type does not say (one read at run time).
 */
export type DecisionsOf<D> = D extends { stages: infer S; anytime?: infer A }
  ? Extract<{ [K in keyof S]: S[K] extends { on: infer O } ? keyof O : never }[keyof S] | keyof NonNullable<A>, string>
  : string;

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
  nextDeadline(snapshot: ProcessSnapshot): Deadline | null;
  view(snapshot: ProcessSnapshot): ProcessView;
  /** Where the process stands and whom it awaits, without the history: what an Update returns. */
  outcome(snapshot: ProcessSnapshot): DecisionOutcome;
}

/** The next instant a process waits for: a milestone's due instant, or one rung of its ladder. */
type Deadline = { milestone: string; rung?: string; at: string };

/** The next deadline of each milestones array seen: a decision that touches no milestone keeps the array. */
const soonest = new WeakMap<readonly MilestoneState[], Deadline | null>();

/** The next instant a process waits for: the earliest due instant or rung of its open milestones (pure). */
function nextDeadline(snapshot: ProcessSnapshot): Deadline | null {
  if (snapshot.status !== 'active') return null;
  const { milestones } = snapshot.context;
  let next = soonest.get(milestones);
  if (next === undefined) soonest.set(milestones, (next = soonestOf(milestones)));
  return next;
}

/**
 * The earliest due instant or unfired rung of the open milestones (pure); at the same instant a milestone is marked
 * missed before its rungs fire, and otherwise the first in the definition's order comes first.
 */
function soonestOf(milestones: readonly MilestoneState[]): Deadline | null {
  let best: Deadline | null = null;
  let bestAt = Infinity;
  const consider = (candidate: Deadline) => {
    const at = Date.parse(candidate.at);
    if (at < bestAt || (at === bestAt && best?.rung !== undefined && candidate.rung === undefined)) {
      best = candidate;
      bestAt = at;
    }
  };
  for (const m of milestones) {
    if (!isOpen(m)) continue;
    if (m.status === 'pending') consider({ milestone: m.id, at: m.dueAt });
    for (const r of m.rungs) if (r.firedAt === null) consider({ milestone: m.id, rung: r.id, at: r.at });
  }
  return best;
}

/**
 * Compiles a definition into a process; the definition is normalized and cross-checked here without zod (the faces
 * validate its shape fully with `createProcess`), so the workflow pays for this once per run and no schema is built.
 */
export function compileProcess<T extends ProcessDefinitionInput | ProcessDefinition>(
  input: T,
): Process<DecisionsOf<T>> {
  const definition = loadDefinition(input);
  const machine = compileMachine(definition);
  const step = transitionOf(machine);
  const { allowedAt, check } = decisionChecks<DecisionsOf<T>>(definition);
  // A decision asks where the process stands more than once (search attributes, the Update's answer).
  const outcomes = new WeakMap<ProcessSnapshot, DecisionOutcome>();

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
      return { value: snapshot.value as string, context: snapshot.context };
    },
    check,
    apply(snapshot, event) {
      return step(snapshot, event);
    },
    nextDeadline,
    view(snapshot) {
      return viewOf(definition, snapshot, allowedAt(snapshot));
    },
    outcome(snapshot) {
      let outcome = outcomes.get(snapshot);
      if (!outcome) outcomes.set(snapshot, (outcome = outcomeOf(definition, snapshot)));
      return outcome;
    },
  };
}

export type { DecisionInput } from './decision.js';
export { DEADLINE_REACHED, ESCALATION_DELIVERED, EXTEND, MARK_MILESTONE, REASSIGN };
