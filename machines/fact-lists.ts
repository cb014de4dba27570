import type { ProcessContext, ProcessEvent } from './process.types.js';

/**
 * The context after a decision that gives facts new values: each one it may change (`allowed`) that differs is set,
 * and the decision's history record keeps it before and after (pure).
 */
export function setFacts(context: ProcessContext, event: ProcessEvent, allowed: string[]): Partial<ProcessContext> {
  const given = 'facts' in event ? (event.facts ?? {}) : {};
  const changed = allowed
    .filter((fact) => fact in given && context.facts[fact] !== given[fact])
    .map((fact) => ({ fact, before: context.facts[fact] ?? null, after: given[fact]! }));
  if (changed.length === 0) return {};
  const last = context.history.at(-1);
  return {
    facts: { ...context.facts, ...Object.fromEntries(changed.map((c) => [c.fact, c.after])) },
    history: last ? [...context.history.slice(0, -1), { ...last, changed }] : context.history,
  };
}

/**
 * The context after a decision that adds entries to a fact's list: the entries not already in it (compared as JSON)
 * are appended, and the decision's history record keeps what it added (pure).
 */
export function appendFacts(context: ProcessContext, event: ProcessEvent, fact: string): Partial<ProcessContext> {
  const current = Array.isArray(context.facts[fact]) ? (context.facts[fact] as unknown[]) : [];
  const seen = new Set(current.map((entry) => JSON.stringify(entry)));
  const added: unknown[] = [];
  for (const entry of 'entries' in event ? (event.entries ?? []) : []) {
    const key = JSON.stringify(entry);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(entry);
  }
  const last = context.history.at(-1);
  return {
    facts: { ...context.facts, [fact]: [...current, ...added] },
    history: last ? [...context.history.slice(0, -1), { ...last, added: { fact, entries: added } }] : context.history,
  };
}
