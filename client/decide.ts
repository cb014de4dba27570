import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { DecisionOutcome } from '../machines/process.js';
import { findUser, loadDirectory, type User } from '../directory/directory.js';
import type { DuyetConfig } from '../temporal.config.js';
import { decideUpdate } from '../workflows/process.messages.js';
import { addressOf, closedError, describeDossier, type DescribedDossier } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { isUnavailable, toRequestError } from './failures.js';
import { checkSize } from './limits.js';
import { folderFileStore, recordAudit, withStore, type FileStore } from '../store/index.js';

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
  /** The files the decision carries (a product on SUBMIT), by SHA-256: each must be in the file store. */
  files?: string[] | undefined;
  /** A decision that changes facts (a task's change approved): their new values as text, by fact id. */
  facts?: Record<string, string> | undefined;
  /** The file store they are checked in; the folder `files` under the state dir when absent. */
  fileStore?: FileStore | undefined;
  /** The dossier as the face already described it, so it is not described again. */
  dossier?: DescribedDossier | undefined;
  /**
   * The id the decision is sent under, the same on every retry of one request (a random one when absent): the
   * workflow applies an id once, and a repeat returns the first result, even after the dossier continued as new.
   */
  updateId?: string | undefined;
}

/** How long a decision is re-sent under its id while Temporal does not answer. */
const RESEND_FOR_MS = 120_000;

/** Sends the decide Update under its id, re-sending it under the same id while Temporal is unreachable. */
async function sendDecision(
  handle: WorkflowHandle,
  decision: ReturnType<typeof decisionOf>,
  updateId: string,
): Promise<DecisionOutcome> {
  const giveUpAt = Date.now() + RESEND_FOR_MS;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await handle.executeUpdate(decideUpdate, { args: [decision], updateId });
    } catch (err) {
      if (!isUnavailable(err) || Date.now() + pause > giveUpAt) throw err;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
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
    ...(request.files && request.files.length > 0 ? { files: request.files } : {}),
    ...(request.facts && Object.keys(request.facts).length > 0 ? { facts: request.facts } : {}),
  };
  checkSize('request', decision, 'the decision');
  return decision;
}

/**
 * Sends a decision as a Workflow Update under a stable id; whatever the process declares around it (the ledger of
 * a delegation) the workflow does itself. A refused decision throws RequestError and records nothing in the
 * workflow, and a closed dossier says how it ended. The face audits the refusal, once (see `decideAudited`).
 */
export async function decide(client: Client, config: DuyetConfig, request: DecideRequest): Promise<DecidedView> {
  const decision = decisionOf(config, request);
  if (request.files && request.files.length > 0)
    await checkFiles(request.fileStore ?? folderFileStore(join(config.stateDir, 'files')), request.files);
  const dossier = request.dossier ?? (await describeDossier(client, request.workflowId));
  if (dossier.execution.status !== 'running') {
    const earlier = await appliedBefore(dossier.handle, request.updateId);
    if (earlier) return { workflowId: request.workflowId, ...earlier };
    throw await closedError(client, dossier);
  }
  const updateId = request.updateId ?? randomUUID();
  let view: DecisionOutcome;
  try {
    view = await sendDecision(dossier.handle, decision, updateId);
  } catch (err) {
    const mapped = toRequestError(err, { address: addressOf(client), refusal: 'decision refused' });
    // Closed between the description and the Update: say how it ended.
    if (mapped instanceof RequestError && mapped.kind === 'notFound') {
      const now = await describeDossier(client, request.workflowId);
      if (now.execution.status !== 'running') {
        const earlier = await appliedBefore(now.handle, updateId);
        if (earlier) return { workflowId: request.workflowId, ...earlier };
        throw await closedError(client, now);
      }
    }
    throw mapped;
  }
  return { workflowId: request.workflowId, ...view };
}

/**
 * Refuses file references that are not the SHA-256 of a file in the store, naming each and how to store it; nothing
 * is sent to the dossier then.
 */
export async function checkFiles(store: FileStore, files: string[]): Promise<void> {
  const malformed = files.filter((f) => !/^[0-9a-f]{64}$/.test(f));
  if (malformed.length > 0)
    throw new RequestError(
      `files: ${malformed.map((f) => `"${f}"`).join(', ')} is not a SHA-256; expected 64 lowercase hex digits, as an upload answers`,
    );
  const missing: string[] = [];
  for (const sha256 of new Set(files)) if ((await store.get(sha256)) === undefined) missing.push(sha256);
  if (missing.length > 0)
    throw new RequestError(
      `files: no stored file has the SHA-256 ${missing.join(', ')}; upload it first (POST /api/dossiers/{id}/files) and send the sha256 it answers`,
    );
}

/** How long a closed dossier is asked whether it applied a decision's id before it is called closed. */
const EARLIER_WAIT_MS = 3_000;

/**
 * The result of an Update this id sent to a dossier that has closed since: the decision that closed it, sent again
 * because its answer was lost (the server restarted), is answered with its result instead of "closed". Undefined
 * when the last run did not apply that id, or the server does not say within a few seconds.
 */
async function appliedBefore(
  handle: WorkflowHandle,
  updateId: string | undefined,
): Promise<DecisionOutcome | undefined> {
  if (updateId === undefined) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), EARLIER_WAIT_MS)));
  try {
    return await Promise.race([
      handle
        .getUpdateHandle<DecisionOutcome>(updateId)
        .result()
        .catch(() => undefined),
      giveUp,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `decide` for a face with no audit of its own (the CLI): a decision the workflow refuses is written to the store's
 * audit log once; when the store cannot be reached the refusal still stands and its message says the entry is
 * missing. The HTTP API audits every refusal itself and calls `decide`.
 */
export async function decideAudited(client: Client, config: DuyetConfig, request: DecideRequest): Promise<DecidedView> {
  try {
    return await decide(client, config, request);
  } catch (err) {
    if (err instanceof RequestError && err.cause instanceof WorkflowUpdateFailedError) {
      const reason = err.cause.cause?.message ?? err.cause.message;
      err.message += await auditRefusal(config, { ...request, reason });
    }
    throw err;
  }
}

/** Writes a refused decision to the audit log; the returned note (empty when written) says the entry is missing. */
async function auditRefusal(config: DuyetConfig, entry: DecideRequest & { reason: string }): Promise<string> {
  const { workflowId, as, event, onBehalfOf, comment, milestone, dueAt, to, reason } = entry;
  const detail = { event, onBehalfOf, comment, milestone, dueAt, to, reason };
  try {
    await withStore(config, (db) =>
      recordAudit(db, { kind: 'decision.refused', outcome: 'refused', actor: as, subject: workflowId, detail }),
    );
    return '';
  } catch (err) {
    return ` (not written to the audit log: ${(err as Error).message})`;
  }
}
