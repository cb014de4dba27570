import type { Client } from '@temporalio/client';
import { describeDossier, type DescribedDossier } from '../client/dossier-execution.js';
import { RequestError } from '../client/errors.js';
import { processById, processIds, type RegisteredProcess } from '../client/processes.js';
import type { User } from '../directory/directory.js';
import { mayRead } from './access.js';

/** The refusal of a dossier a user may not read: the same words as one that does not exist. */
const unknown = (workflowId: string) =>
  new RequestError(`no dossier with id "${workflowId}"; expected the id POST /api/dossiers answered`, {
    kind: 'notFound',
  });

/**
 * Describes a dossier for a user, with its registered process; a dossier of a process the user has no role in is
 * `notFound`, exactly like one that does not exist, so its existence is not told.
 */
export async function readableDossier(
  client: Client,
  user: User,
  workflowId: string,
): Promise<DescribedDossier & { registered: RegisteredProcess }> {
  let dossier: DescribedDossier;
  try {
    dossier = await describeDossier(client, workflowId);
  } catch (err) {
    if (err instanceof RequestError && err.kind === 'notFound') throw unknown(workflowId);
    throw err;
  }
  if (!processIds().includes(dossier.process)) throw unknown(workflowId);
  const registered = processById(dossier.process);
  if (!mayRead(user, registered.compiled.definition)) throw unknown(workflowId);
  return { ...dossier, registered };
}

/** The processes whose dossiers a user may read (pure but for the registry). */
export const readableProcesses = (user: User): string[] =>
  processIds().filter((id) => mayRead(user, processById(id).compiled.definition));
