import type { Client } from '@temporalio/client';
import type { ProcessView } from '../machines/process.js';
import { viewQuery } from '../workflows/process.messages.js';
import { addressOf, closedMessage, describeDossier, resultView, type Execution } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';

export { RequestError };
export { list, listPage, listQuery, type ListedDossier, type ListFilter, type ListPage } from './dossier-list.js';
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
