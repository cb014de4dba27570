import { toPlainDate } from '../calendar/index.js';
import { processById, processIds } from '../client/processes.js';
import type { ProcessView } from '../machines/process.js';
import { callApi, problemDetail, withinSeconds, type WebContext, type WebDeps } from './deps.js';
import { dueText, formatDateTime, workingDaysUntil } from './format.js';
import type { ListedRow } from './inbox.routes.js';
import { csvOf, xlsxOf, type ExportColumn } from './table-export.js';

/** A running dossier that is late or soon due, as the dashboard and its exports show it. */
export interface SupervisedRow {
  workflowId: string;
  subject: string;
  processTitle: string;
  stageTitle: string;
  awaitedRole: string;
  dueAt: string;
  dueText: string;
  /** Working days left (negative when late). */
  workingDays: number;
  late: boolean;
  escalationLevel: number;
}

/** A reminder sent for a dossier, with whether it was delivered. */
export interface SentReminder {
  workflowId: string;
  subject: string;
  milestone: string;
  rung: string;
  to: string;
  channel: string;
  at: string;
  delivered: boolean;
}

/** What the dashboard reads: the late and soon-due dossiers, and the reminders of the last days. */
export interface Supervision {
  rows: SupervisedRow[];
  reminders: SentReminder[];
}

const PAGES = 10;

/**
 * How long the dashboard and its exports wait for one dossier's status before showing the row as listed (its id for
 * a subject, no reminders): a dossier whose worker is down must not hold the whole dashboard.
 */
const STATUS_WAIT_SECONDS = 8;

/** Every running dossier the user may read, through the API, page by page (at most 1000). */
async function runningRows(deps: WebDeps, c: WebContext): Promise<Array<ListedRow & { awaitedRole?: string | null }>> {
  const rows: Array<ListedRow & { awaitedRole?: string | null }> = [];
  for (let page = 1; page <= PAGES; page += 1) {
    const query = new URLSearchParams({ status: 'running', pageSize: '100', page: String(page) });
    const response = await callApi(deps, c, `/api/dossiers?${query}`);
    if (response.status !== 200) throw new Error(`the dossiers cannot be read: ${await problemDetail(response)}`);
    const body = (await response.json()) as { items: ListedRow[]; hasMore: boolean };
    rows.push(...body.items);
    if (!body.hasMore) break;
  }
  return rows;
}

/**
 * The running dossiers due within `soonDays` working days or late, soonest first, with the reminders sent in the
 * last `sinceDays` days; each dossier's subject and reminders come from its status through the API.
 */
export async function supervision(
  deps: WebDeps,
  c: WebContext,
  options: { soonDays: number; sinceDays: number },
): Promise<Supervision> {
  const lang = c.get('lang');
  const m = c.get('m');
  const now = deps.now();
  const year = Number(toPlainDate(now.getTime()).slice(0, 4));
  const table = deps.calendar([year - 2, year - 1, year, year + 1, year + 2]);
  const listed = (await runningRows(deps, c)).filter((r) => r.dueAt !== null);
  const watched = listed
    .map((row) => ({ row, workingDays: workingDaysUntil(row.dueAt!, now, table) }))
    .filter(({ row, workingDays }) => workingDays <= options.soonDays || Date.parse(row.dueAt!) < now.getTime())
    .sort((a, b) => Date.parse(a.row.dueAt!) - Date.parse(b.row.dueAt!));
  const since = now.getTime() - options.sinceDays * 86_400_000;
  const reminders: SentReminder[] = [];
  const rows = await Promise.all(
    watched.map(async ({ row, workingDays }) => {
      const view = await withinSeconds(STATUS_WAIT_SECONDS, async () => {
        const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(row.workflowId)}`);
        return response.status === 200 ? ((await response.json()) as ProcessView) : undefined;
      });
      const definition =
        row.process && processIds().includes(row.process) ? processById(row.process).compiled.definition : undefined;
      const stage = row.stage ?? view?.state ?? '';
      const subject = view?.subject ?? row.workflowId;
      for (const e of view?.escalations ?? [])
        if (Date.parse(e.at) >= since) reminders.push({ workflowId: row.workflowId, subject, ...e });
      return {
        workflowId: row.workflowId,
        subject,
        processTitle: definition?.title[lang] ?? row.process ?? '',
        stageTitle: definition?.stages[stage]?.title[lang] ?? stage,
        awaitedRole: view?.awaiting?.role ?? '',
        dueAt: row.dueAt!,
        dueText: dueText(m, row.dueAt!, now, table),
        workingDays,
        late: Date.parse(row.dueAt!) < now.getTime(),
        escalationLevel: row.escalationLevel,
      };
    }),
  );
  reminders.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return { rows, reminders };
}

/** The columns of an export, with each one's value (pure). */
function exportColumns(headers: Record<string, string>): ExportColumn<SupervisedRow>[] {
  return [
    { header: headers.dossier!, value: (r) => r.workflowId },
    { header: headers.subject!, value: (r) => r.subject, width: 60 },
    { header: headers.process!, value: (r) => r.processTitle },
    { header: headers.stage!, value: (r) => r.stageTitle },
    { header: headers.due!, value: (r) => formatDateTime(r.dueAt) },
    { header: headers.dueText!, value: (r) => r.dueText },
    { header: headers.escalation!, value: (r) => r.escalationLevel },
  ];
}

/** The rows as CSV (UTF-8 with a byte order mark, so spreadsheet programs read Vietnamese right) (pure). */
export const toCsv = (rows: SupervisedRow[], headers: Record<string, string>): string =>
  csvOf(exportColumns(headers), rows);

/** The rows as an XLSX workbook of one sheet, late rows in red. */
export const toXlsx = (rows: SupervisedRow[], headers: Record<string, string>, sheet: string): Promise<Uint8Array> =>
  xlsxOf(exportColumns(headers), rows, sheet, (r) => r.late);
