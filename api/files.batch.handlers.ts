import { sniffDraft } from '../client/draft-files.js';
import { status } from '../client/dossiers.js';
import { RequestError } from '../client/errors.js';
import { recordFiles } from '../store/index.js';
import { readableDossier } from './dossier-access.js';
import { checkUploader, cleanName, fileStoreOf, fileView } from './files.handlers.js';
import type * as routes from './files.routes.js';
import type { AppRouteHandler } from './types.js';

const FIELD = 'file.';

/**
 * Attaches several draft files, one per document, all or none: the dossier must run and the user act at its stage;
 * every file must name a document of the dossier and be a PDF, DOCX or ODT. Every file is judged before any is kept,
 * each refusal is named, and the metadata of all is recorded in one statement.
 */
export const uploadFiles: AppRouteHandler<typeof routes.uploadFiles> = async (c) => {
  const { client, db } = c.var.deps;
  const { user } = c.var.principal;
  const { id } = c.req.valid('param');
  const sent = Object.entries(c.req.valid('form')).filter(([name]) => name.startsWith(FIELD));
  if (sent.length === 0)
    throw new RequestError(
      'expected at least one file, each in a field named "file.<document kind>", such as "file.report"',
    );
  const dossier = await readableDossier(client, user, id);
  if (dossier.execution.status !== 'running')
    throw new RequestError(`dossier "${id}" is closed; files are attached only while it runs`, { kind: 'conflict' });
  const view = await status(client, id);
  checkUploader(dossier.registered.compiled.definition, view.state, view.facts, user);
  const faults: string[] = [];
  let tooLarge = false;
  const files = [];
  for (const [name, value] of sent) {
    const kind = name.slice(FIELD.length);
    const document = view.documents.find((d) => d.kind === kind);
    if (!(value instanceof File)) {
      faults.push(`${name}: expected a file, got text`);
      continue;
    }
    if (!document) {
      faults.push(
        `${name}: the dossier has no document "${kind}"; expected one of: ${view.documents.map((d) => d.kind).join(', ')}`,
      );
      continue;
    }
    const bytes = new Uint8Array(await value.arrayBuffer());
    const type = sniffDraft(bytes);
    if (!type.success) {
      tooLarge ||= bytes.length > 0 && /over the limit/.test(type.error);
      faults.push(`${name} (${cleanName(value.name)}): ${type.error}`);
      continue;
    }
    files.push({ bytes, name: cleanName(value.name), mediaType: type.data, documentKind: kind, draft: document.draft });
  }
  if (faults.length > 0)
    throw new RequestError(`no file was attached:\n${faults.join('\n')}`, { kind: tooLarge ? 'tooLarge' : 'invalid' });
  const store = fileStoreOf(c.var.deps);
  const metadata = [];
  // Content is addressed by its hash, so a blob kept for a request that then fails is only an unreferenced copy.
  for (const { bytes, ...file } of files)
    metadata.push({ ...file, sha256: await store.put(bytes), size: bytes.length, dossierId: id, uploadedBy: user.id });
  const recorded = await recordFiles(db, id, metadata);
  if (!recorded.success)
    throw new RequestError(`no file was attached: ${recorded.error.issues.map((i) => i.message).join('; ')}`);
  return c.json({ items: recorded.data.map(fileView) }, 201);
};
