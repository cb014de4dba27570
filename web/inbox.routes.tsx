import { Hono } from 'hono';
import { toPlainDate } from '../calendar/index.js';
import { processById, processIds } from '../client/processes.js';
import type { ProcessView } from '../machines/process.js';
import { callApi, problemDetail, withinSeconds, type WebContext, type WebDeps, type WebEnv } from './deps.js';
import { dueText, formatDate } from './format.js';
import { InboxPage, type InboxRow } from './pages/inbox.js';
import { frameOf } from './frame.js';

/** A dossier row of `GET /api/dossiers`. */
export interface ListedRow {
  workflowId: string;
  process: string | null;
  stage: string | null;
  dueAt: string | null;
  escalationLevel: number;
}

/** The running dossiers awaiting the user's roles or reassigned to them, through the API, soonest due first. */
export async function inboxRows(
  deps: WebDeps,
  c: WebContext,
  filter: { process?: string | undefined; stage?: string | undefined },
): Promise<ListedRow[]> {
  const query = new URLSearchParams({ awaiting: 'me', pageSize: '100' });
  if (filter.process) query.set('process', filter.process);
  if (filter.stage) query.set('stage', filter.stage);
  const response = await callApi(deps, c, `/api/dossiers?${query}`);
  if (response.status !== 200) throw new Error(`the inbox cannot be read: ${await problemDetail(response)}`);
  const { items } = (await response.json()) as { items: ListedRow[] };
  const due = (row: ListedRow) => (row.dueAt === null ? Number.POSITIVE_INFINITY : Date.parse(row.dueAt));
  return [...items].sort((a, b) => due(a) - due(b));
}

/** How long the inbox waits for one dossier's status (a query its worker answers) before showing the row without it. */
const STATUS_WAIT_SECONDS = 2;

/** The inbox page: the rows with their subject and draft number from each dossier's status. */
export function inboxRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/inbox', async (c) => {
    const lang = c.get('lang');
    const m = c.get('m');
    const filter = { process: c.req.query('process') || undefined, stage: c.req.query('stage') || undefined };
    const listed = await inboxRows(deps, c, filter);
    const now = deps.now();
    const year = Number(toPlainDate(now.getTime()).slice(0, 4));
    const table = deps.calendar([year - 1, year, year + 1, year + 2]);
    const rows: InboxRow[] = await Promise.all(
      listed.map(async (row) => {
        const view = await withinSeconds(STATUS_WAIT_SECONDS, async () => {
          const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(row.workflowId)}`);
          return response.status === 200 ? ((await response.json()) as ProcessView) : undefined;
        });
        const definition = row.process ? processById(row.process).compiled.definition : undefined;
        const stage = row.stage ?? view?.state ?? '';
        return {
          workflowId: row.workflowId,
          subject: view?.subject ?? row.workflowId,
          process: row.process ?? '',
          processTitle: definition?.title[lang] ?? row.process ?? '',
          stage,
          stageTitle: definition?.stages[stage]?.title[lang] ?? stage,
          draft: view?.draftVersion ?? null,
          dueDate: row.dueAt ? formatDate(row.dueAt) : null,
          dueText: row.dueAt ? dueText(m, row.dueAt, now, table) : null,
          late: row.dueAt !== null && Date.parse(row.dueAt) < now.getTime(),
          escalationLevel: row.escalationLevel,
        };
      }),
    );
    const processes = processIds().map((id) => ({ id, title: processById(id).compiled.definition.title[lang] }));
    const stageIds = new Map<string, string>();
    for (const id of filter.process ? [filter.process] : processIds()) {
      const definition = processIds().includes(id) ? processById(id).compiled.definition : undefined;
      for (const [stage, s] of Object.entries(definition?.stages ?? {})) stageIds.set(stage, s.title[lang]);
    }
    const stages = [...stageIds].map(([id, title]) => ({ id, title }));
    return c.html(<InboxPage {...frameOf(c)} rows={rows} processes={processes} stages={stages} filter={filter} />);
  });
  return app;
}
