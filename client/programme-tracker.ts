import type { Client } from '@temporalio/client';
import type { DecisionRecord, MilestoneState } from '../machines/process.types.js';
import { status, type DossierStatus } from './dossiers.js';
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

const REPORTS = new Set(['SUBMIT', 'REPORT_PROGRESS', 'REPORT_YEAR']);
const DAY = 86_400_000;

/** A task's row, from its entry in the programme and its status (or none when it was not started) (pure). */
export function trackedTask(entry: ProgrammeTaskEntry, view: DossierStatus | null, at: string): TrackedTask {
  const now = Date.parse(at);
  const open = view?.status === 'running' ? view.milestones.filter((m) => m.completedAt === null && m.dueAt) : [];
  const owed = open.map((m) => ({ milestone: m.id, dueAt: m.dueAt!, late: Date.parse(m.dueAt!) < now }));
  const product = view?.milestones.find((m) => m.id === 'product');
  const lateSince = owed.filter((o) => o.late).map((o) => Date.parse(o.dueAt));
  const last = [...(view?.history ?? [])].reverse().find((h: DecisionRecord) => REPORTS.has(h.event));
  return {
    number: entry.number,
    workflowId: entry.workflowId,
    content: entry.content,
    lead: entry.lead,
    coordinators: entry.coordinators,
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
    daysLate: lateSince.length > 0 ? Math.floor((now - Math.min(...lateSince)) / DAY) : 0,
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

/** Reads a programme and every one of its tasks (a few at a time) into its tracker. */
export async function programmeTracker(
  client: Client,
  id: string,
  at = new Date().toISOString(),
): Promise<ProgrammeTracker> {
  const programme = await status(client, id);
  const entries = (programme.facts.tasks ?? []) as ProgrammeTaskEntry[];
  const tasks: TrackedTask[] = [];
  for (let i = 0; i < entries.length; i += 8) {
    const batch = entries.slice(i, i + 8);
    const views = await Promise.all(
      batch.map((e) =>
        status(client, e.workflowId).catch((err: Error & { kind?: string }) => {
          if (err.kind === 'notFound') return null;
          throw err;
        }),
      ),
    );
    batch.forEach((entry, j) => tasks.push(trackedTask(entry, views[j]!, at)));
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
