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
  nextDeadline(snapshot: ProcessSnapshot): { milestone: string; rung?: string; at: string } | null;
  view(snapshot: ProcessSnapshot): ProcessView;
  /** Where the process stands and whom it awaits, without the history: what an Update returns. */
  outcome(snapshot: ProcessSnapshot): DecisionOutcome;
}

/** The next instant a process waits for: the earliest due instant or rung of its open milestones (pure). */
function nextDeadline(snapshot: ProcessSnapshot): { milestone: string; rung?: string; at: string } | null {
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
      return outcomeOf(definition, snapshot);
    },
  };
}

export type { DecisionInput } from './decision.js';
export { DEADLINE_REACHED, ESCALATION_DELIVERED, EXTEND, MARK_MILESTONE, REASSIGN };
