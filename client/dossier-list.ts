import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { searchAttributeKeys as keys } from '../workflows/search-attributes.js';
import { addressOf } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';
import { rememberedCursors } from './list-cursors.js';

/** One row of `duyet list`, read from the search attributes. */
export interface ListedDossier {
  workflowId: string;
  process: string | null;
  stage: string | null;
  status: string | null;
  awaitedRole: string | null;
  /** The user the awaited stage was reassigned to, if any. */
  assignee: string | null;
  dueAt: string | null;
  escalationLevel: number;
  startedAt: string;
}

/** Which dossiers to list; every filter given must hold. */
export interface ListFilter {
  stage?: string | undefined;
  process?: string | undefined;
  /** `running`, `completed`, `rejected` or `withdrawn`. */
  status?: string | undefined;
  overdue?: boolean | undefined;
  /** Only the processes named here (e.g. those a user may read). */
  processes?: readonly string[] | undefined;
  /** Running dossiers awaiting one of these roles, or reassigned to this user. */
  awaiting?: { roles: readonly string[]; userId: string } | undefined;
}

/** One page of a list, and the cursor that reads the next one (null when there is none). */
export interface ListPage {
  items: ListedDossier[];
  cursor: string | null;
}

const safeValue = /^[A-Za-z0-9_.@-]+$/;
const quoted = (value: string) => {
  if (!safeValue.test(value))
    throw new RequestError(`invalid filter "${value}": expected letters, digits, ".", "@", "-" or "_"`);
  return `'${value}'`;
};
const anyOf = (values: readonly string[]) => `(${values.map(quoted).join(', ')})`;

/** The visibility query of a filter: every filter is a clause the visibility store evaluates (pure). */
export function listQuery(filter: ListFilter, now: Date = new Date()): string {
  // A run that continued as new keeps the search attributes it had; the dossier is its latest run only.
  const clauses = [`${keys.process.name} IS NOT NULL`, `ExecutionStatus != 'ContinuedAsNew'`];
  // Overdue: still running and its awaited stage's due instant has passed.
  if (filter.overdue) clauses.push(`${keys.status.name} = 'running'`, `${keys.dueAt.name} < '${now.toISOString()}'`);
  if (filter.stage !== undefined) clauses.push(`${keys.stage.name} = ${quoted(filter.stage)}`);
  if (filter.process !== undefined) clauses.push(`${keys.process.name} = ${quoted(filter.process)}`);
  if (filter.status !== undefined) clauses.push(`${keys.status.name} = ${quoted(filter.status)}`);
  if (filter.processes !== undefined && filter.processes.length > 0)
    clauses.push(`${keys.process.name} IN ${anyOf(filter.processes)}`);
  if (filter.awaiting) {
    const { roles, userId } = filter.awaiting;
    const mine = [`${keys.assignee.name} = ${quoted(userId)}`];
    if (roles.length > 0) mine.unshift(`${keys.awaitedRole.name} IN ${anyOf(roles)}`);
    clauses.push(`${keys.status.name} = 'running'`, `(${mine.join(' OR ')})`);
  }
  return clauses.join(' AND ');
}

/** The most rows Temporal's visibility returns in one page (its default `frontend.visibilityMaxPageSize`). */
const MAX_PAGE = 1000;

/** A raw execution of a visibility page, as much of it as a row needs. */
export interface RawExecution {
  execution?: { workflowId?: string | null } | null;
  startTime?: { seconds?: unknown; nanos?: number | null } | null;
  searchAttributes?: { indexedFields?: Record<string, Payload> | null } | null;
}

/** The value of one search attribute of an execution, undefined when it has none (pure). */
export function attributeOf(raw: RawExecution, name: string): unknown {
  const payload = raw.searchAttributes?.indexedFields?.[name];
  return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
}

/** A row from the search attributes of one execution (pure). */
export function rowOf(raw: RawExecution): ListedDossier {
  const value = (name: string): unknown => attributeOf(raw, name);
  const text = (name: string) => {
    const v = value(name);
    return typeof v === 'string' ? v : null;
  };
  const due = text(keys.dueAt.name);
  const level = value(keys.escalationLevel.name);
  const seconds = Number(raw.startTime?.seconds ?? 0);
  return {
    workflowId: raw.execution?.workflowId ?? '',
    process: text(keys.process.name),
    stage: text(keys.stage.name),
    status: text(keys.status.name),
    awaitedRole: text(keys.awaitedRole.name),
    assignee: text(keys.assignee.name),
    dueAt: due === null ? null : new Date(due).toISOString(),
    escalationLevel: typeof level === 'number' ? level : 0,
    startedAt: new Date(seconds * 1000 + Math.floor((raw.startTime?.nanos ?? 0) / 1e6)).toISOString(),
  };
}

const cursorText = /^[A-Za-z0-9_-]{1,4096}$/;
const badCursor = (cursor: string) =>
  new RequestError(`invalid cursor "${cursor.slice(0, 40)}": expected the nextCursor of an earlier page of this list`);

/** The visibility page token a cursor carries (pure). */
function tokenOf(cursor: string): Uint8Array {
  if (!cursorText.test(cursor)) throw badCursor(cursor);
  return Buffer.from(cursor, 'base64url');
}

/** One visibility page: up to `pageSize` executions after `token`, and the token of the page after it. */
async function visibilityPage(client: Client, query: string, pageSize: number, token: Uint8Array | undefined) {
  const response = await client.workflowService.listWorkflowExecutions({
    namespace: client.options.namespace,
    query,
    pageSize,
    nextPageToken: token ?? new Uint8Array(0),
  });
  const next = response.nextPageToken;
  return { executions: response.executions as RawExecution[], next: next && next.length > 0 ? next : undefined };
}

/** Reads through the first `skip` rows of a query, a page of at most 1000 at a time; the token after them. */
async function skipRows(client: Client, query: string, skip: number) {
  let token: Uint8Array | undefined;
  for (let skipped = 0; skipped < skip;) {
    const page = await visibilityPage(client, query, Math.min(MAX_PAGE, skip - skipped), token);
    skipped += page.executions.length;
    token = page.next;
    if (!token) return { token, end: true };
  }
  return { token, end: false };
}

/**
 * One page of dossiers, newest first, read from visibility with their search attributes and nothing else: `pageSize`
 * rows after `cursor` (a page's `cursor`), or after the first `offset` rows. An offset costs reading the rows before
 * it, unless `reader` was shown the page ending there in the last minute with the same filter (its cursor is kept).
 */
export async function listPage(
  client: Client,
  filter: ListFilter,
  options: { pageSize: number; cursor?: string | undefined; offset?: number | undefined; reader?: string | undefined },
): Promise<ListPage> {
  if (filter.processes?.length === 0) return { items: [], cursor: null };
  const query = listQuery(filter);
  const pageSize = Math.min(MAX_PAGE, Math.max(1, Math.floor(options.pageSize)));
  const offset = options.cursor === undefined ? Math.max(0, Math.floor(options.offset ?? 0)) : 0;
  const memory =
    options.reader === undefined
      ? undefined
      : rememberedCursors(`${addressOf(client)}\n${client.options.namespace}\n${options.reader}`, query);
  return mapFailures({ address: addressOf(client) }, async () => {
    let token = options.cursor === undefined ? undefined : tokenOf(options.cursor);
    if (offset > 0) {
      token = memory?.at(offset);
      if (!token) {
        const skipped = await skipRows(client, query, offset);
        if (skipped.end) return { items: [], cursor: null };
        token = skipped.token;
      }
    }
    const page = await visibilityPage(client, query, pageSize, token).catch((err: unknown) => {
      throw options.cursor !== undefined && /token/i.test(String(err)) ? badCursor(options.cursor) : err;
    });
    // Visibility is eventually consistent: a run that has just continued as new may still be listed beside its
    // successor for a moment. Rows come newest first, so the first row of a workflow id is its latest run.
    const seen = new Set<string>();
    const items = page.executions.map(rowOf).filter((row) => !seen.has(row.workflowId) && seen.add(row.workflowId));
    // A full page comes with a token even when nothing follows it: a one-row look tells.
    const more = page.next && (await visibilityPage(client, query, 1, page.next)).executions.length > 0;
    if (!more || !page.next) return { items, cursor: null };
    if (options.cursor === undefined) memory?.remember(offset + pageSize, page.next);
    return { items, cursor: Buffer.from(page.next).toString('base64url') };
  });
}

/** Every dossier of a filter from Temporal visibility, newest first, read a page of 1000 at a time. */
export async function list(client: Client, filter: ListFilter): Promise<ListedDossier[]> {
  if (filter.processes?.length === 0) return [];
  const query = listQuery(filter);
  return mapFailures({ address: addressOf(client) }, async () => {
    const rows: ListedDossier[] = [];
    const listed = new Set<string>();
    let token: Uint8Array | undefined;
    do {
      const page = await visibilityPage(client, query, MAX_PAGE, token);
      for (const raw of page.executions) {
        const row = rowOf(raw);
        if (listed.has(row.workflowId)) continue;
        listed.add(row.workflowId);
        rows.push(row);
      }
      token = page.next;
    } while (token);
    return rows;
  });
}
