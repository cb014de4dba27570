import type { Client } from '@temporalio/client';
import type { DecisionRecord, MilestoneState } from '../machines/process.types.js';
import { addressOf } from './dossier-execution.js';
import { LAST_REPORT_SEPARATOR, NO_REPORT_OWED } from '../machines/report-summary.js';
import { searchAttributeKeys as keys } from '../workflows/search-attributes.js';
import { attributeOf, rowOf, type ListedDossier, type RawExecution } from './dossier-list.js';
import { status, type DossierStatus } from './dossiers.js';
import { mapFailures } from './failures.js';
import type { ProgrammeTaskEntry } from './programme-apply.js';

/** One task as the tracker shows it. */
export interface TrackedTask {
  number: string;
  workflowId: string;
  content: string;
  lead: string;
  coordinators: string[];
  dueAt: string | null;
  /** running, completed, withdrawn; or "not started" when the import did not start it. */
  status: string;
  state: string | null;
  /** The latest report or submission: when, what and by whom. */
  lastReport: { at: string; event: string; actor: string; milestone: string | null } | null;
  /** Days past due (the product, or the oldest report not filed), 0 when on time. */
  daysLate: number;
  /** What the lead owes now: the product and every report not filed, each with its due instant and whether late. */
  owed: Array<{ milestone: string; dueAt: string; late: boolean }>;
}

/** What one agency owes across the programme, and what of it is late. */
export interface AgencyDue {
  unit: string;
  owes: Array<{ task: string; milestone: string; dueAt: string; late: boolean }>;
  late: number;
}

/** The tracker of a programme: its own obligations, every task and every agency's dues. */
export interface ProgrammeTracker {
  id: string;
  subject: string;
  status: string;
  obligations: MilestoneState[];
  tasks: TrackedTask[];
  agencies: AgencyDue[];
  at: string;
}

const REPORTS = new Set(['SUBMIT', 'REPORT_PROGRESS', 'REPORT_YEAR', 'REPORT_HALF_YEAR', 'REPORT_QUARTER']);
const DAY = 86_400_000;

/** What a task's row takes from its entry in the programme, whatever its status comes from (pure). */
const entryColumns = (entry: ProgrammeTaskEntry) => ({
  number: entry.number,
  workflowId: entry.workflowId,
  content: entry.content,
  lead: entry.lead,
  coordinators: entry.coordinators,
});

/** Whole days since the earliest late item owed, 0 when none is late (pure). */
function daysLateOf(owed: ReadonlyArray<{ dueAt: string; late: boolean }>, now: number): number {
  const lateSince = owed.filter((o) => o.late).map((o) => Date.parse(o.dueAt));
  return lateSince.length > 0 ? Math.floor((now - Math.min(...lateSince)) / DAY) : 0;
}

/** A task's row, from its entry in the programme and its status (or none when it was not started) (pure). */
export function trackedTask(entry: ProgrammeTaskEntry, view: DossierStatus | null, at: string): TrackedTask {
  const now = Date.parse(at);
  const open = view?.status === 'running' ? view.milestones.filter((m) => m.completedAt === null && m.dueAt) : [];
  const owed = open.map((m) => ({ milestone: m.id, dueAt: m.dueAt!, late: Date.parse(m.dueAt!) < now }));
  const product = view?.milestones.find((m) => m.id === 'product');
  const last = [...(view?.history ?? [])].reverse().find((h: DecisionRecord) => REPORTS.has(h.event));
  return {
    ...entryColumns(entry),
    // A change approved may have given the task new content (task version 3): the task says it now.
    ...(typeof view?.facts.content === 'string' ? { content: view.facts.content } : {}),
    dueAt: product?.dueAt ?? entry.dueAt,
    status: view?.status ?? 'not started',
    state: view?.state ?? null,
    lastReport: last
      ? {
          at: last.at,
          event: last.event,
          actor: last.actor,
          milestone: (last as { milestone?: string }).milestone ?? null,
        }
      : null,
    daysLate: daysLateOf(owed, now),
    owed,
  };
}

/** Each agency's dues from the tracked tasks it leads, the agencies with something late first (pure). */
export function agencyDues(tasks: TrackedTask[]): AgencyDue[] {
  const byUnit = new Map<string, AgencyDue>();
  for (const task of tasks) {
    const due = byUnit.get(task.lead) ?? { unit: task.lead, owes: [], late: 0 };
    for (const o of task.owed) due.owes.push({ task: task.number, ...o });
    due.late = due.owes.filter((o) => o.late).length;
    byUnit.set(task.lead, due);
  }
  return [...byUnit.values()].sort((a, b) => b.late - a.late || a.unit.localeCompare(b.unit));
}

/** An instant written in Asia/Ho_Chi_Minh as the tasks write due dates, "2031-12-31T23:59:59+07:00" (pure). */
const vnInstant = (iso: string): string =>
  `${new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;

/** What a task's search attributes say of its reports: the next owed (null: not upserted) and the last taken. */
export interface ReportAttributes {
  /** The occurrence owed next, {@link NO_REPORT_OWED} when none, null when the task never upserted it. */
  reportOwed: string | null;
  reportDueAt: string | null;
  lastReport: TrackedTask['lastReport'];
}

/** A task's visibility row, with what its search attributes say of its reports. */
export type TaskRow = ListedDossier & { reports: ReportAttributes };

/** The report attributes of one execution (pure). */
export function reportAttributesOf(raw: RawExecution): ReportAttributes {
  const text = (name: string) => {
    const value = attributeOf(raw, name);
    return typeof value === 'string' ? value : null;
  };
  const due = text(keys.reportDueAt.name);
  const lastAt = text(keys.lastReportAt.name);
  const [event, actor, milestone] = (text(keys.lastReport.name) ?? '').split(LAST_REPORT_SEPARATOR);
  return {
    reportOwed: text(keys.reportOwed.name),
    reportDueAt: due === null ? null : new Date(due).toISOString(),
    lastReport:
      lastAt !== null && event
        ? { at: new Date(lastAt).toISOString(), event, actor: actor ?? '', milestone: milestone || null }
        : null,
  };
}

/**
 * A task's row from its visibility row alone: status, stage, the awaited milestone's due instant, the next report
 * owed, the last report taken and lateness (pure).
 */
export function listedTask(entry: ProgrammeTaskEntry, row: TaskRow | null, at: string): TrackedTask {
  const now = Date.parse(at);
  const running = row?.status === 'running';
  const awaited = running && row?.dueAt ? vnInstant(row.dueAt) : null;
  const report =
    running && row?.reports.reportOwed && row.reports.reportOwed !== NO_REPORT_OWED && row.reports.reportDueAt
      ? row.reports
      : null;
  const owed = [
    ...(awaited && row?.stage === 'working' ? [{ milestone: 'product', dueAt: awaited }] : []),
    ...(report ? [{ milestone: report.reportOwed!, dueAt: vnInstant(report.reportDueAt!) }] : []),
  ].map((o) => ({ ...o, late: Date.parse(o.dueAt) < now }));
  return {
    ...entryColumns(entry),
    dueAt: row?.stage === 'working' && row.dueAt ? vnInstant(row.dueAt) : entry.dueAt,
    status: row?.status ?? 'not started',
    state: row?.stage ?? null,
    lastReport: row?.reports.lastReport ?? null,
    daysLate: daysLateOf(owed, now),
    owed,
  };
}

/** A task's status, or null when it was never started. */
const statusOrNull = (client: Client, workflowId: string) =>
  status(client, workflowId).catch((err: Error & { kind?: string }) => {
    if (err.kind === 'notFound') return null;
    throw err;
  });

/** How many workflow ids one visibility query names. */
const IDS_PER_QUERY = 200;

/** The visibility rows of the given workflow ids, their latest runs, by id: one query per 200 ids. */
export async function taskRows(client: Client, ids: readonly string[]): Promise<Map<string, TaskRow>> {
  const rows = new Map<string, TaskRow>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    if (chunk.some((id) => !/^[A-Za-z0-9_.@-]+$/u.test(id)))
      throw new Error(`a task id of the programme has characters a visibility query cannot quote: ${chunk.join(', ')}`);
    const query = `WorkflowId IN (${chunk.map((id) => `'${id}'`).join(', ')}) AND ExecutionStatus != 'ContinuedAsNew'`;
    // Newest first: the first row of an id is its latest run.
    for await (const info of client.workflow.list({ query })) {
      const row = rowOf(info.raw as never);
      if (!rows.has(row.workflowId))
        rows.set(row.workflowId, { ...row, reports: reportAttributesOf(info.raw as never) });
    }
  }
  return rows;
}

/**
 * Reads a programme into its tracker: every task listed by a visibility query over its tasks' ids (status, stage, the
 * product's due date, the next report owed, the last report and lateness), not one query per task; the tasks `detail`
 * selects (an agency's own) are also queried one by one for every report they owe.
 */
export async function programmeTracker(
  client: Client,
  id: string,
  at = new Date().toISOString(),
  detail: (entry: ProgrammeTaskEntry) => boolean = () => false,
): Promise<ProgrammeTracker> {
  const programme = await status(client, id);
  const entries = (programme.facts.tasks ?? []) as ProgrammeTaskEntry[];
  const rows = await mapFailures({ address: addressOf(client) }, () =>
    taskRows(
      client,
      entries.map((e) => e.workflowId),
    ),
  );
  const tasks: TrackedTask[] = [];
  for (const entry of entries) {
    const row = rows.get(entry.workflowId);
    // Visibility lags a start by a moment: a task not listed yet, or listed before its first upsert, is asked; so is a
    // running task that never upserted its reports (started before they were search attributes).
    const unlisted = !row?.status || (row.status === 'running' && row.reports.reportOwed === null);
    if (unlisted || detail(entry)) tasks.push(trackedTask(entry, await statusOrNull(client, entry.workflowId), at));
    else tasks.push(listedTask(entry, row, at));
  }
  return {
    id,
    subject: programme.subject,
    status: programme.status,
    obligations: programme.milestones,
    tasks,
    agencies: agencyDues(tasks),
    at,
  };
}
