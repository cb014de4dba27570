import type { Client } from '@temporalio/client';
import type { ProcessView } from '../machines/process.js';
import { viewQuery } from '../workflows/process.messages.js';
import { searchAttributeKeys as keys } from '../workflows/search-attributes.js';
import { addressOf, closedMessage, describeDossier, resultView, type Execution } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';

export { RequestError };
export { decide, type DecideRequest, type DecidedView } from './decide.js';
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

const safeValue = /^[A-Za-z0-9_-]+$/;

/** One row of `duyet list`, read from the search attributes. */
export interface ListedDossier {
  workflowId: string;
  process: string | null;
  stage: string | null;
  status: string | null;
  awaitedRole: string | null;
  dueAt: string | null;
  escalationLevel: number;
  startedAt: string;
}

/** Lists duyet workflows from Temporal visibility, filtered by stage and process. */
export async function list(
  client: Client,
  filter: { stage?: string | undefined; process?: string | undefined; overdue?: boolean | undefined },
): Promise<ListedDossier[]> {
  const clauses = [`${keys.process.name} IS NOT NULL`];
  // Overdue: still running and its awaited stage's due instant has passed.
  if (filter.overdue)
    clauses.push(`${keys.status.name} = 'running'`, `${keys.dueAt.name} < '${new Date().toISOString()}'`);
  for (const [key, value] of [
    [keys.stage.name, filter.stage],
    [keys.process.name, filter.process],
  ] as const) {
    if (value === undefined) continue;
    if (!safeValue.test(value))
      throw new RequestError(`invalid filter "${value}": expected letters, digits, "-" or "_"`);
    clauses.push(`${key} = '${value}'`);
  }
  return mapFailures({ address: addressOf(client) }, async () => {
    const rows: ListedDossier[] = [];
    for await (const execution of client.workflow.list({ query: clauses.join(' AND ') })) {
      const attrs = execution.typedSearchAttributes;
      rows.push({
        workflowId: execution.workflowId,
        process: attrs.get(keys.process) ?? null,
        stage: attrs.get(keys.stage) ?? null,
        status: attrs.get(keys.status) ?? null,
        awaitedRole: attrs.get(keys.awaitedRole) ?? null,
        dueAt: attrs.get(keys.dueAt)?.toISOString() ?? null,
        escalationLevel: attrs.get(keys.escalationLevel) ?? 0,
        startedAt: execution.startTime.toISOString(),
      });
    }
    return rows;
  });
}
