import type { ProcessSnapshot } from './compile.js';
import type { Localized, ProcessDefinition } from './definition.schema.js';
import type { DecisionRecord, DocumentState, EscalationRecord, MilestoneState } from './process.types.js';
import { awaitedRole } from './units.js';

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

/** What an Update returns to the face that sent the decision; the whole view stays available through the query. */
export interface DecisionOutcome {
  state: string;
  status: ProcessView['status'];
  draftVersion: number;
  awaiting: ProcessView['awaiting'];
}

/** Where a process stands and whom it awaits, without the history (pure). */
export function outcomeOf(definition: ProcessDefinition, snapshot: ProcessSnapshot): DecisionOutcome {
  const state = snapshot.value as string;
  const stage = definition.stages[state];
  const outcome = definition.outcomes[state];
  if (!stage && !outcome) throw new Error(`state "${state}" is neither a stage nor an outcome of ${definition.id}`);
  const milestone = stage?.milestone ? snapshot.context.milestones.find((m) => m.id === stage.milestone) : undefined;
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
}

/** The JSON-safe view of a process, with the decisions `allowed` at its state (pure). */
export function viewOf(definition: ProcessDefinition, snapshot: ProcessSnapshot, allowed: string[]): ProcessView {
  const { state, status, draftVersion, awaiting } = outcomeOf(definition, snapshot);
  const place = definition.stages[state] ?? definition.outcomes[state];
  const { context } = snapshot;
  return {
    process: definition.id,
    version: definition.version,
    subject: context.subject,
    facts: context.facts,
    status,
    state,
    stageTitle: (place as { title: Localized }).title,
    draftVersion,
    documents: context.documents,
    awaiting,
    allowed,
    returnTo: context.returnTo,
    milestones: context.milestones,
    history: context.history,
    escalations: context.escalations,
    startedAt: context.startedAt,
  };
}
