import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { DecisionOutcome } from '../machines/process.js';
import { searchAttributeKeys as keys } from './search-attributes.js';

/** The search attributes of a process where it stands; the assignee only for histories that upsert it. */
function searchAttributesOf(process: string, view: DecisionOutcome, withAssignee: boolean) {
  return [
    { key: keys.process, value: process },
    { key: keys.stage, value: view.state },
    { key: keys.status, value: view.status },
    { key: keys.awaitedRole, value: view.awaiting?.role ?? null },
    { key: keys.dueAt, value: view.awaiting?.dueAt ? new Date(view.awaiting.dueAt) : null },
    { key: keys.escalationLevel, value: view.awaiting?.escalationLevel ?? 0 },
    ...(withAssignee ? [{ key: keys.assignee, value: view.awaiting?.assignee ?? null }] : []),
  ];
}

/** Whether a search attribute the workflow wants differs from the one it has (null: not set). */
function isChanged({ key, value }: ReturnType<typeof searchAttributesOf>[number]): boolean {
  const current = workflowInfo().typedSearchAttributes.get(key as never) as unknown;
  if (value === null) return current !== undefined;
  if (value instanceof Date) return !(current instanceof Date) || current.getTime() !== value.getTime();
  return current !== value;
}

/**
 * Upserts the search attributes of a process where it stands: only those that changed, or all of them for histories
 * recorded before the workflow upserted changes only.
 */
export function publishSearchAttributes(
  process: string,
  outcome: DecisionOutcome,
  options: { withAssignee: boolean; changesOnly: boolean },
): void {
  const wanted = searchAttributesOf(process, outcome, options.withAssignee);
  const changed = options.changesOnly ? wanted.filter(isChanged) : wanted;
  if (changed.length > 0) upsertSearchAttributes(changed);
}
