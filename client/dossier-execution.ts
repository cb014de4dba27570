import type { Client, Connection, WorkflowExecutionDescription, WorkflowHandle } from '@temporalio/client';
import { formatVn, toPlainDate } from '../calendar/dates.js';
import type { ProcessView } from '../machines/process.js';
import { searchAttributeKeys as keys } from '../workflows/search-attributes.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';

/** Whether a dossier's workflow runs, or how it closed, and when. */
export interface Execution {
  status: 'running' | 'completed' | 'failed' | 'cancelled' | 'terminated' | 'timedOut' | 'continuedAsNew' | 'unknown';
  closedAt: string | null;
}

/** A dossier's workflow as Temporal describes it: its process, execution and handle. */
export interface DescribedDossier {
  workflowId: string;
  process: string;
  execution: Execution;
  handle: WorkflowHandle;
}

const statuses: Record<string, Execution['status']> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timedOut',
  CONTINUED_AS_NEW: 'continuedAsNew',
};

/** The address a client is connected to, for messages (pure). */
export const addressOf = (client: { connection: unknown }): string =>
  (client.connection as Partial<Connection>).options?.address ?? 'the configured TEMPORAL_ADDRESS';

/** The execution of a description, in the faces' words (pure). */
export function executionOf(description: Pick<WorkflowExecutionDescription, 'status' | 'closeTime'>): Execution {
  return {
    status: statuses[description.status.name] ?? 'unknown',
    closedAt: description.closeTime?.toISOString() ?? null,
  };
}

const notADossier = (workflowId: string) =>
  new RequestError(`no dossier with id "${workflowId}"; expected the id \`duyet start\` printed (see \`duyet list\`)`, {
    kind: 'notFound',
  });

/** Describes a dossier's workflow (no worker needed); an unknown id, or a workflow that is no dossier, is `notFound`. */
export async function describeDossier(client: Client, workflowId: string): Promise<DescribedDossier> {
  const handle = client.workflow.getHandle(workflowId);
  const description = await mapFailures({ address: addressOf(client), notFound: notADossier(workflowId).message }, () =>
    handle.describe(),
  );
  const process = description.typedSearchAttributes.get(keys.process);
  if (!process) throw notADossier(workflowId);
  return { workflowId, process, execution: executionOf(description), handle };
}

/** The view a completed dossier's workflow returned, read from its result (no worker needed). */
export const resultView = (dossier: DescribedDossier): Promise<ProcessView> =>
  mapFailures({ address: addressOf(dossier.handle.client) }, () => dossier.handle.result() as Promise<ProcessView>);

const day = (instant: string | null) => (instant ? ` on ${formatVn(toPlainDate(instant))}` : '');

/** Says that a dossier is closed and how it ended: its outcome when it completed, else what ended its workflow. */
export async function closedMessage(client: Client, dossier: DescribedDossier): Promise<string> {
  const { workflowId, execution } = dossier;
  if (execution.status === 'completed') {
    const view = await resultView(dossier).catch(() => undefined);
    if (view)
      return `dossier "${workflowId}" is closed: it ended ${view.status} at stage "${view.state}"${day(execution.closedAt)}; its record: \`duyet status ${workflowId}\``;
  }
  return `dossier "${workflowId}" is closed: its workflow was ${execution.status}${day(execution.closedAt)}; its record: \`duyet status ${workflowId}\``;
}

/** The refusal of a decision on a closed dossier. */
export async function closedError(client: Client, dossier: DescribedDossier): Promise<RequestError> {
  return new RequestError(`${await closedMessage(client, dossier)}; a closed dossier takes no more decisions`, {
    kind: 'conflict',
  });
}
