import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { toPlainDate } from '../calendar/dates.js';
import type { DecisionOutcome } from '../machines/process.js';
import { findUser, loadDirectory, type User } from '../directory/directory.js';
import type { DuyetConfig } from '../temporal.config.js';
import { decideUpdate } from '../workflows/process.messages.js';
import { addressOf, closedError, describeDossier } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { toRequestError } from './failures.js';
import { checkSize } from './limits.js';
import { faceOf } from './processes.js';
import { status } from './dossiers.js';
import { recordAudit, withStore } from '../store/index.js';

/** A decision as a face receives it: the user id is resolved to roles through the directory. */
export interface DecideRequest {
  workflowId: string;
  event: string;
  as: string;
  onBehalfOf?: string | undefined;
  comment?: string | undefined;
  milestone?: string | undefined;
  /** EXTEND: the new due instant. */
  dueAt?: string | undefined;
  /** REASSIGN: the id of the user the stage goes to. */
  to?: string | undefined;
}

/** Where a dossier stands right after a decision (its whole view is `status`). */
export type DecidedView = { workflowId: string } & DecisionOutcome;

function findUserOrRefuse(config: DuyetConfig, id: string): User {
  try {
    return findUser(loadDirectory(config.directoryFile), id);
  } catch (err) {
    throw new RequestError((err as Error).message, { cause: err });
  }
}

/** The Update's argument, checked against the size limits before anything is sent. */
function decisionOf(config: DuyetConfig, request: DecideRequest) {
  checkSize('comment', request.comment ?? '', 'the comment');
  const user = findUserOrRefuse(config, request.as);
  const assignee = request.to ? findUserOrRefuse(config, request.to) : undefined;
  const decision = {
    type: request.event,
    actor: user.id,
    roles: user.roles,
    onBehalfOf: request.onBehalfOf ?? null,
    comment: request.comment ?? null,
    ...(request.milestone ? { milestone: request.milestone } : {}),
    ...(request.dueAt ? { dueAt: request.dueAt } : {}),
    ...(assignee ? { assignee: { id: assignee.id, roles: assignee.roles } } : {}),
  };
  checkSize('request', decision, 'the decision');
  return decision;
}

/**
 * Sends a decision as a Workflow Update, with the work its process declares around it; a refused decision
 * throws RequestError and records nothing in the workflow, and a closed dossier says how it ended.
 */
export async function decide(client: Client, config: DuyetConfig, request: DecideRequest): Promise<DecidedView> {
  const decision = decisionOf(config, request);
  const dossier = await describeDossier(client, request.workflowId);
  if (dossier.execution.status !== 'running') throw await closedError(client, dossier);
  const face = faceOf(dossier.process);
  const hooks = face.aroundDecision?.({
    client,
    config,
    event: request.event,
    view: await status(client, request.workflowId),
    today: toPlainDate(Date.now()),
  });
  await hooks?.before();
  let view: DecisionOutcome;
  try {
    view = await dossier.handle.executeUpdate(decideUpdate, { args: [decision] });
  } catch (err) {
    let unaudited = '';
    if (err instanceof WorkflowUpdateFailedError) {
      await hooks?.refused();
      unaudited = await auditRefusal(config, { ...request, reason: err.cause?.message ?? err.message });
    }
    const mapped = toRequestError(err, { address: addressOf(client), refusal: 'decision refused' });
    if (unaudited && mapped instanceof Error) mapped.message += unaudited;
    // Closed between the description and the Update: say how it ended.
    if (mapped instanceof RequestError && mapped.kind === 'notFound') {
      const now = await describeDossier(client, request.workflowId);
      if (now.execution.status !== 'running') throw await closedError(client, now);
    }
    throw mapped;
  }
  await hooks?.after();
  return { workflowId: request.workflowId, ...view };
}

/**
 * Writes a refused decision to the store's audit log; when the store cannot be reached the refusal still
 * stands, and the returned note (empty when written) says the audit entry is missing.
 */
async function auditRefusal(config: DuyetConfig, entry: DecideRequest & { reason: string }): Promise<string> {
  const { workflowId, as, ...detail } = entry;
  try {
    await withStore(config, (db) =>
      recordAudit(db, { kind: 'decision.refused', outcome: 'refused', actor: as, subject: workflowId, detail }),
    );
    return '';
  } catch (err) {
    return ` (not written to the audit log: ${(err as Error).message})`;
  }
}
