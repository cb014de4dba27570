import type { Branch, Decision, ProcessDefinition, ProcessDefinitionInput, Stage } from './definition.schema.js';
import { recurrenceProblems } from './recurrence.js';
import { unitProblems } from './units.js';

/**
 * The checks of a definition that cross its parts (targets, roles, milestones, the revision block), as path and
 * message pairs; pure and free of zod, so the workflow runs them at the cost of a hand-written check.
 */
export function definitionProblems(def: ProcessDefinition): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const issue = (path: PropertyKey[], message: string) => problems.push({ path, message });
  const stageIds = Object.keys(def.stages);
  const targets = new Set([...stageIds, ...Object.keys(def.outcomes)]);
  if (!def.stages[def.initial])
    issue(['initial'], `initial stage "${def.initial}" is not one of the stages: ${stageIds.join(', ')}`);
  for (const id of stageIds) {
    if (def.outcomes[id]) issue(['outcomes', id], `"${id}" is both a stage and an outcome; rename one`);
  }
  for (const [id, stage] of Object.entries(def.stages)) {
    if (!def.roles[stage.role]) issue(['stages', id, 'role'], `role "${stage.role}" is not declared in roles`);
    if (stage.milestone && !def.milestones.some((m) => m.id === stage.milestone)) {
      issue(['stages', id, 'milestone'], `milestone "${stage.milestone}" is not declared in milestones`);
    }
    for (const [event, decision] of Object.entries(stage.on)) {
      if (event === def.revision?.resubmit && id === def.revision.stage) continue;
      if ('revise' in decision) {
        if (!def.revision) issue(['stages', id, 'on', event], 'a revision needs the process-level "revision" block');
        continue;
      }
      for (const branch of decision) {
        if (!targets.has(branch.to))
          issue(['stages', id, 'on', event], `target "${branch.to}" is neither a stage nor an outcome`);
      }
    }
  }
  for (const [index, step] of def.decisionSteps.entries()) {
    for (const stage of step.at)
      if (!def.stages[stage]) issue(['decisionSteps', index, 'at'], `"${stage}" is not one of the stages`);
  }
  for (const [event, anytime] of Object.entries(def.anytime)) {
    if (!def.outcomes[anytime.to]) issue(['anytime', event, 'to'], `target "${anytime.to}" must be an outcome`);
    if (!def.roles[anytime.role]) issue(['anytime', event, 'role'], `role "${anytime.role}" is not declared in roles`);
  }
  if (def.revision) {
    const stage = def.stages[def.revision.stage];
    if (!stage) issue(['revision', 'stage'], `revision stage "${def.revision.stage}" is not one of the stages`);
    else if (!stage.on[def.revision.resubmit]) {
      issue(
        ['revision', 'resubmit'],
        `stage "${def.revision.stage}" must handle the resubmit event ${def.revision.resubmit}`,
      );
    }
  }
  for (const milestone of def.milestones) {
    for (const rung of milestone.escalation) {
      if (rung.to !== 'awaited' && !def.roles[rung.to])
        issue(
          ['milestones', milestone.id, 'escalation'],
          `rung "${rung.id}" tells role "${rung.to}", which is not declared in roles`,
        );
      if (rung.outcome && !def.outcomes[rung.outcome])
        issue(
          ['milestones', milestone.id, 'escalation'],
          `rung "${rung.id}" ends in "${rung.outcome}", which is not an outcome`,
        );
    }
    if (new Set(milestone.escalation.map((r) => r.id)).size !== milestone.escalation.length) {
      issue(['milestones', milestone.id, 'escalation'], 'rung ids must be unique within a milestone');
    }
  }
  const bound = new Set(Object.values(def.stages).map((s) => s.milestone));
  for (const milestone of def.milestones.filter((m) => m.duration && !bound.has(m.id))) {
    issue(
      ['milestones', milestone.id, 'duration'],
      'a duration counts from entering a stage: name this milestone in a stage',
    );
  }
  if (def.milestones.some((m) => !bound.has(m.id) && !m.recurs) && !def.milestoneRole) {
    issue(['milestoneRole'], 'milestones beside the main line need a milestoneRole that records them');
  }
  problems.push(...recurrenceProblems(def), ...unitProblems(def));
  return problems;
}

type DecisionInput = ProcessDefinitionInput['stages'][string]['on'][string];

/** A decision in the form the schema gives it: a list of branches, or a revision. */
function decisionOf(decision: DecisionInput): Decision {
  if (typeof decision === 'string') return [{ to: decision }];
  if (Array.isArray(decision)) return decision as Branch[];
  if ('revise' in decision) return { revise: true };
  return [decision as Branch];
}

/**
 * A definition the faces already validated, in the form the schema's parse gives it (defaults filled in, decisions as
 * branch lists) without zod: what the workflow does at start and at replay. Idempotent on a parsed definition.
 */
export function normalizeDefinition(input: ProcessDefinitionInput | ProcessDefinition): ProcessDefinition {
  const stages: Record<string, Stage> = {};
  for (const [id, stage] of Object.entries(input.stages)) {
    const on: Stage['on'] = {};
    for (const [event, decision] of Object.entries(stage.on)) on[event] = decisionOf(decision);
    stages[id] = { ...stage, recordedBy: stage.recordedBy ?? [], entry: stage.entry ?? [], on };
  }
  return {
    ...input,
    stages,
    anytime: input.anytime ?? {},
    milestones: (input.milestones ?? []).map((m) => ({
      ...m,
      onResubmit: m.onResubmit ?? 'resume',
      escalation: m.escalation ?? [],
    })),
    documents: input.documents ?? [],
    decisionSteps: (input.decisionSteps ?? []) as ProcessDefinition['decisionSteps'],
  };
}

/** Normalizes a definition and runs its cross checks; throws naming every problem when there is one. */
export function loadDefinition(input: ProcessDefinitionInput | ProcessDefinition): ProcessDefinition {
  let definition: ProcessDefinition;
  try {
    definition = normalizeDefinition(input);
  } catch (err) {
    throw new Error(`invalid process definition: expected the shape machines/definition.schema.ts describes (${err})`, {
      cause: err,
    });
  }
  const problems = definitionProblems(definition);
  if (problems.length > 0) {
    const lines = problems.map((p) => `✖ ${p.message}\n  → at ${p.path.map(String).join('.')}`);
    throw new Error(`invalid process definition:\n${lines.join('\n')}`);
  }
  return definition;
}
