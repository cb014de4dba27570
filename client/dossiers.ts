import type { Client } from '@temporalio/client';
import type { ProcessView } from '../machines/process.js';
import { viewQuery } from '../workflows/process.messages.js';
import { searchAttributeKeys as keys } from '../workflows/search-attributes.js';
import { addressOf, closedMessage, describeDossier, resultView, type Execution } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';

export { RequestError };
export { decide, decideAudited, type DecideRequest, type DecidedView } from './decide.js';
export { processById } from './processes.js';
export { startDossier, withPlan, type StartRequest } from './start.js';

/** The status of one dossier as `duyet status --json` prints it: its view, and whether its workflow runs or how it closed. */
export type DossierStatus = { workflowId: string } & ProcessView & { execution: Execution };

/**
 * The JSON-safe status of one dossier: a running one answers a query; a completed one's record is the view
 * its workflow returned; one ended otherwise (terminated, cancelled, ...) is queried, which needs a worker.
 */
export async function status(client: Client, workflowId: string): Promise<DossierStatus> {
  const dossier = await describeDossier(client, workflowId);
  if (dossier.execution.status === 'completed')
    return { workflowId, ...(await resultView(dossier)), execution: dossier.execution };
  try {
    const view = await mapFailures({ address: addressOf(client) }, () => dossier.handle.query(viewQuery));
    return { workflowId, ...view, execution: dossier.execution };
  } catch (err) {
    if (dossier.execution.status === 'running' || (err instanceof RequestError && err.kind === 'unavailable'))
      throw err;
    // Ended before its first step ran (e.g. terminated at once): there is no view to read.
    throw new RequestError(
      `${await closedMessage(client, dossier)}; its view cannot be read (${(err as Error).message})`,
      { kind: 'conflict', cause: err },
    );
  }
}

const safeValue = /^[A-Za-z0-9_.-]+$/;

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
  /** Skip this many rows, then return at most `limit`. */
  offset?: number | undefined;
  limit?: number | undefined;
}

const quoted = (value: string) => {
  if (!safeValue.test(value))
    throw new RequestError(`invalid filter "${value}": expected letters, digits, ".", "-" or "_"`);
  return `'${value}'`;
};
const anyOf = (values: readonly string[]) => `(${values.map(quoted).join(', ')})`;

/** The visibility query of a filter (pure). */
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

/** Lists duyet workflows from Temporal visibility, filtered by stage, process, status, what awaits whom; newest first. */
export async function list(client: Client, filter: ListFilter): Promise<ListedDossier[]> {
  if (filter.processes?.length === 0) return [];
  const query = listQuery(filter);
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? Number.POSITIVE_INFINITY;
  return mapFailures({ address: addressOf(client) }, async () => {
    const rows: ListedDossier[] = [];
    // Visibility is eventually consistent: a run that has just continued as new may still be listed beside its
    // successor for a moment. Rows come newest first, so the first row of a workflow id is its latest run.
    const listed = new Set<string>();
    let seen = 0;
    for await (const execution of client.workflow.list({ query, pageSize: Math.min(1000, offset + limit) })) {
      if (listed.has(execution.workflowId)) continue;
      listed.add(execution.workflowId);
      if (seen++ < offset) continue;
      if (rows.length >= limit) break;
      const attrs = execution.typedSearchAttributes;
      rows.push({
        workflowId: execution.workflowId,
        process: attrs.get(keys.process) ?? null,
        stage: attrs.get(keys.stage) ?? null,
        status: attrs.get(keys.status) ?? null,
        awaitedRole: attrs.get(keys.awaitedRole) ?? null,
        assignee: attrs.get(keys.assignee) ?? null,
        dueAt: attrs.get(keys.dueAt)?.toISOString() ?? null,
        escalationLevel: attrs.get(keys.escalationLevel) ?? 0,
        startedAt: execution.startTime.toISOString(),
      });
    }
    return rows;
  });
}
