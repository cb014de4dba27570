import { join } from 'node:path';
import { sniffDraft } from '../client/draft-files.js';
import { status } from '../client/dossiers.js';
import { RequestError } from '../client/errors.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import { awaitedRole } from '../machines/units.js';
import type { User } from '../directory/directory.js';
import { filesOf, folderFileStore, recordFile, type FileStore, type StoredFile } from '../store/index.js';
import { readableDossier } from './dossier-access.js';
import type * as routes from './files.routes.js';
import type { ApiDeps, AppRouteHandler } from './types.js';

/** The file store of the API: the one given, else a folder `files` under the state dir. */
export const fileStoreOf = (deps: ApiDeps): FileStore =>
  deps.files ?? folderFileStore(join(deps.config.stateDir, 'files'));

/** A stored file as the API answers it (pure). */
export const fileView = (f: StoredFile) => ({
  id: f.id,
  sha256: f.sha256,
  name: f.name,
  size: f.size,
  mediaType: f.mediaType,
  documentKind: f.documentKind,
  draft: f.draft,
  uploadedBy: f.uploadedBy,
  createdAt: f.createdAt,
});

/** Refuses an upload by a user who neither acts at the stage (inside its unit, when it awaits one) nor records for it (pure). */
export function checkUploader(
  definition: ProcessDefinition,
  state: string,
  facts: Record<string, unknown>,
  user: User,
): void {
  const stage = definition.stages[state];
  const roles = stage ? [awaitedRole(stage, facts), ...stage.recordedBy] : [];
  if (!roles.some((role) => user.roles.includes(role)))
    throw new RequestError(
      `user "${user.id}" (roles: ${user.roles.join(', ') || 'none'}) cannot upload to this dossier at stage "${state}": ` +
        `only ${roles.join('/') || 'nobody'} acts there`,
      { kind: 'forbidden' },
    );
}

/** A file name fit to keep: its last path segment, without control characters, at most 255 characters (pure). */
export const cleanName = (name: string) =>
  (name.split(/[\\/]/).at(-1) ?? '').replace(/\p{Cc}/gu, '').slice(0, 255) || 'draft';

/**
 * Attaches a draft file: the dossier must run and the user act at its stage; the document must be the dossier's and
 * the draft at most its current one; the content must be a PDF, DOCX or ODT. Nothing is attached on a refusal.
 */
export const uploadFile: AppRouteHandler<typeof routes.uploadFile> = async (c) => {
  const { client, db } = c.var.deps;
  const { user } = c.var.principal;
  const { id } = c.req.valid('param');
  const form = c.req.valid('form');
  const dossier = await readableDossier(client, user, id);
  if (dossier.execution.status !== 'running')
    throw new RequestError(`dossier "${id}" is closed; files are attached only while it runs`, { kind: 'conflict' });
  const view = await status(client, id);
  checkUploader(dossier.registered.compiled.definition, view.state, view.facts, user);
  const document = view.documents.find((d) => d.kind === form.document);
  if (!document)
    throw new RequestError(
      `document: dossier "${id}" has no document "${form.document}"; expected one of: ${view.documents.map((d) => d.kind).join(', ')}`,
    );
  const draft = form.draft ?? document.draft;
  if (draft > document.draft)
    throw new RequestError(`draft: document "${document.kind}" is at draft ${document.draft}; expected at most that`);
  const bytes = new Uint8Array(await form.file.arrayBuffer());
  const type = sniffDraft(bytes);
  if (!type.success)
    throw new RequestError(`file: ${type.error}`, {
      kind: bytes.length > 0 && /over the limit/.test(type.error) ? 'tooLarge' : 'invalid',
    });
  const sha256 = await fileStoreOf(c.var.deps).put(bytes);
  const recorded = await recordFile(db, {
    sha256,
    name: cleanName(form.file.name),
    size: bytes.length,
    mediaType: type.data,
    dossierId: id,
    documentKind: document.kind,
    draft,
    uploadedBy: user.id,
  });
  if (!recorded.success) throw new RequestError(`file: ${recorded.error.issues.map((i) => i.message).join('; ')}`);
  return c.json(fileView(recorded.data), 201);
};

/** The files of a dossier the user may read. */
export const listFiles: AppRouteHandler<typeof routes.listFiles> = async (c) => {
  const { id } = c.req.valid('param');
  await readableDossier(c.var.deps.client, c.var.principal.user, id);
  return c.json({ items: (await filesOf(c.var.deps.db, id)).map(fileView) }, 200);
};

/** One file's content, for a user who may read the dossier. */
export const downloadFile: AppRouteHandler<typeof routes.downloadFile> = async (c) => {
  const { id, fileId } = c.req.valid('param');
  await readableDossier(c.var.deps.client, c.var.principal.user, id);
  const [file] = await filesOf(c.var.deps.db, id, { id: fileId });
  const missing = () =>
    new RequestError(`dossier "${id}" has no file ${fileId}; GET /api/dossiers/${id}/files lists them`, {
      kind: 'notFound',
    });
  if (!file) throw missing();
  const bytes = await fileStoreOf(c.var.deps).get(file.sha256);
  if (!bytes) throw missing();
  c.header('content-type', file.mediaType);
  c.header('content-length', String(bytes.length));
  c.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  c.header('x-content-type-options', 'nosniff');
  return c.body(bytes as unknown as ArrayBuffer, 200) as never;
};
