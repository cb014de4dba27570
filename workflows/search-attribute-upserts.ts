import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { DecisionOutcome } from '../machines/process.js';
import type { ReportSummary } from '../machines/report-summary.js';
import { searchAttributeKeys as keys } from './search-attributes.js';

const instant = (iso: string | null) => (iso ? new Date(iso) : null);

/**
 * The search attributes of a process where it stands; the assignee only for histories that upsert it, the reports
 * owed and taken only for processes with reports whose histories upsert them.
 */
function searchAttributesOf(
  process: string,
  view: DecisionOutcome,
  withAssignee: boolean,
  reports: ReportSummary | null,
) {
  return [
    { key: keys.process, value: process },
    { key: keys.stage, value: view.state },
    { key: keys.status, value: view.status },
    { key: keys.awaitedRole, value: view.awaiting?.role ?? null },
    { key: keys.dueAt, value: view.awaiting?.dueAt ? new Date(view.awaiting.dueAt) : null },
    { key: keys.escalationLevel, value: view.awaiting?.escalationLevel ?? 0 },
    ...(withAssignee ? [{ key: keys.assignee, value: view.awaiting?.assignee ?? null }] : []),
    ...(reports
      ? [
          { key: keys.reportOwed, value: reports.reportOwed },
          { key: keys.reportDueAt, value: instant(reports.reportDueAt) },
          { key: keys.lastReport, value: reports.lastReport },
          { key: keys.lastReportAt, value: instant(reports.lastReportAt) },
        ]
      : []),
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
  options: { withAssignee: boolean; changesOnly: boolean; reports?: ReportSummary | null },
): void {
  const wanted = searchAttributesOf(process, outcome, options.withAssignee, options.reports ?? null);
  const changed = options.changesOnly ? wanted.filter(isChanged) : wanted;
  if (changed.length > 0) upsertSearchAttributes(changed);
}
