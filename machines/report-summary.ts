import type { ProcessDefinition } from './definition.schema.js';
import type { ProcessContext } from './process.types.js';
import { isRecurring, reportEvents } from './recurrence.js';

/** The report owed by a process that owes none: a value rather than no attribute, which means it never upserted one. */
export const NO_REPORT_OWED = 'none';

/** What a process owes in reports and what it last filed, as its search attributes carry them for the trackers. */
export interface ReportSummary {
  /** The next report owed: the open occurrence due first (a missed one included), its id ({@link NO_REPORT_OWED} when none) and due instant. */
  reportOwed: string;
  reportDueAt: string | null;
  /** The last report filed (a series' report, or the resubmission of the work): when, what, by whom, for which occurrence. */
  lastReportAt: string | null;
  lastReport: string | null;
}

/** Whether a definition has reports to summarise: a recurring milestone (pure). */
export const hasReports = (def: ProcessDefinition): boolean => def.milestones.some(isRecurring);

/** The separator of the fields of {@link ReportSummary.lastReport}: "REPORT_PROGRESS/ngoai-giao.dau-moi/progressReport@2026". */
export const LAST_REPORT_SEPARATOR = '/';

/**
 * The next report a running process owes and the last report it took (a report event of a series, or the event that
 * resubmits the work, e.g. a task's SUBMIT); nothing is owed once it finished (pure).
 */
export function reportSummary(def: ProcessDefinition, context: ProcessContext, running: boolean): ReportSummary {
  const open = running
    ? context.milestones
        .filter((m) => m.occurrenceOf !== undefined && m.completedAt === null && m.dueAt !== null)
        .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))
    : [];
  const reports = new Set([...reportEvents(def).keys(), ...(def.revision ? [def.revision.resubmit] : [])]);
  const last = [...context.history].reverse().find((h) => reports.has(h.event));
  return {
    reportOwed: open[0]?.id ?? NO_REPORT_OWED,
    reportDueAt: open[0]?.dueAt ?? null,
    lastReportAt: last?.at ?? null,
    lastReport: last ? [last.event, last.actor, last.milestone ?? ''].join(LAST_REPORT_SEPARATOR) : null,
  };
}
