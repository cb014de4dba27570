import type { ProcessDefinition, Stage } from './definition.schema.js';
import type { Result } from './start-context.js';

/** A role held inside a unit, as the directory gives it to a member: "focal-point@bo-ngoai-giao". */
export const unitRole = (role: string, unit: string): string => `${role}@${unit}`;

/** The role a stage awaits: its role, or its role inside the unit its `unit` fact names (pure). */
export function awaitedRole(stage: Pick<Stage, 'role' | 'unit'>, facts: Record<string, unknown>): string {
  const unit = stage.unit === undefined ? undefined : facts[stage.unit];
  return typeof unit === 'string' ? unitRole(stage.role, unit) : stage.role;
}

/** The unit ids a list fact names (pure). */
const unitsIn = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((u): u is string => typeof u === 'string') : [];

/** The roles that may add a contribution: the contributions' role in each coordinating unit (pure). */
export function contributorRoles(def: ProcessDefinition, facts: Record<string, unknown>): string[] {
  if (!def.contributions) return [];
  return unitsIn(facts[def.contributions.units]).map((unit) => unitRole(def.contributions!.role, unit));
}

/** The checks of a definition's units, contributions and moving decisions, as path and message pairs (pure). */
export function unitProblems(def: ProcessDefinition): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  for (const [id, stage] of Object.entries(def.stages)) {
    for (const [event, decision] of Object.entries(stage.on)) {
      if ('revise' in decision) continue;
      for (const branch of decision) {
        const moved = branch.moves === undefined ? undefined : def.milestones.find((m) => m.id === branch.moves);
        if (branch.moves !== undefined && branch.when !== undefined)
          problems.push({
            path: ['stages', id, 'on', event],
            message: `a decision that moves "${branch.moves}" takes no condition`,
          });
        if (branch.moves !== undefined && (!moved || moved.recurs))
          problems.push({
            path: ['stages', id, 'on', event],
            message: `"${branch.moves}" must be a milestone that falls due once to be moved by ${event}`,
          });
      }
    }
  }
  const { contributions } = def;
  if (contributions) {
    if (!def.roles[contributions.role])
      problems.push({
        path: ['contributions', 'role'],
        message: `role "${contributions.role}" is not declared in roles`,
      });
    const taken = Object.values(def.stages).some((s) => s.on[contributions.event]) || def.anytime[contributions.event];
    if (taken)
      problems.push({
        path: ['contributions', 'event'],
        message: `${contributions.event} is already a decision; give contributions an event of their own`,
      });
  }
  return problems;
}

/** The start's facts checked for the units the definition reads: one unit id per awaited unit, a list for contributors (pure). */
export function checkUnitFacts(def: ProcessDefinition, facts: Record<string, unknown>): Result<true> {
  const problems: string[] = [];
  for (const key of new Set(Object.values(def.stages).flatMap((s) => (s.unit ? [s.unit] : [])))) {
    const value = facts[key];
    if (typeof value !== 'string' || value.length === 0)
      problems.push(`facts.${key}: expected the id of the unit the process awaits, such as "bo-ngoai-giao"`);
  }
  const list = def.contributions?.units;
  if (
    list !== undefined &&
    facts[list] !== undefined &&
    unitsIn(facts[list]).length !== (facts[list] as unknown[]).length
  )
    problems.push(`facts.${list}: expected a list of unit ids`);
  return problems.length > 0 ? { success: false, error: problems.join('\n') } : { success: true, data: true };
}

/**
 * The roles a notification to `to` reaches: `to` itself, or inside the unit a stage of that role awaits, or the
 * contributions' role inside each coordinating unit when `to` is "contributors" (pure).
 */
export function notifiedRoles(def: ProcessDefinition, to: string, facts: Record<string, unknown>): string[] {
  if (to === 'contributors') return contributorRoles(def, facts);
  const stage = Object.values(def.stages).find((s) => s.role === to && s.unit !== undefined);
  return [stage ? awaitedRole(stage, facts) : to];
}
