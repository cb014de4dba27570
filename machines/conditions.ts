import type { Condition } from './definition.schema.js';

/** Reads a dot path ("plan.inPlan") from a facts object; pure. */
export function readFact(facts: unknown, path: string): unknown {
  let value: unknown = facts;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Whether a condition holds for the given facts; pure. */
export function evaluateCondition(condition: Condition, facts: unknown): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts));
  if ('not' in condition) return !evaluateCondition(condition.not, facts);
  const value = readFact(facts, condition.fact);
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return condition.in.some((candidate) => candidate === value);
  return (value !== undefined && value !== null) === condition.exists;
}
