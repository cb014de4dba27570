import { createRoute, z } from '@hono/zod-openapi';
import { DRAFT_FILE_LIMIT } from '../client/draft-files.js';
import { errorResponses, jsonContent, secured } from './openapi.js';
import { DossierId } from './schemas.js';

const tags = ['Files'];

/** A draft file attached to a dossier's document and draft number. */
export const DossierFile = z
  .object({
    id: z.number().int(),
    sha256: z.string().openapi({ description: 'the SHA-256 of the content, which addresses it in the file store' }),
    name: z.string(),
    size: z.number().int(),
    mediaType: z.string(),
    documentKind: z.string(),
    draft: z.number().int(),
    uploadedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('DossierFile');

/** What an upload sends, as multipart/form-data. */
export const UploadForm = z
  .object({
    document: z.string().min(1).openapi({ description: 'the kind of the dossier’s document, e.g. "report"' }),
    draft: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'the draft number; the document’s current draft when left out' }),
    file: z
      .instanceof(File, { error: 'expected a file in the field "file" (PDF, DOCX or ODT)' })
      .openapi({ type: 'string', format: 'binary' }),
  })
  .openapi('Upload');

/** `POST /api/dossiers/{id}/files`. */
export const uploadFile = createRoute({
  method: 'post',
  path: '/api/dossiers/{id}/files',
  tags,
  summary: 'Upload a draft file',
  description:
    `Attaches a PDF, DOCX or ODT file (judged by its content, at most ${DRAFT_FILE_LIMIT / 1024 / 1024} MiB) to a ` +
    'document and draft number of a running dossier. Only a user who acts at the dossier’s stage (or records for ' +
    'it) may upload. The content is kept by its SHA-256; a refused upload attaches nothing.',
  security: secured,
  request: {
    params: z.object({ id: DossierId }),
    body: { content: { 'multipart/form-data': { schema: UploadForm } }, required: true },
  },
  responses: {
    201: jsonContent(DossierFile, 'The file as attached'),
    ...errorResponses(403, 404, 409, 413),
  },
});

/** What an upload of several files sends: one file per document, in a field named `file.<document kind>`. */
export const UploadManyForm = z.record(z.string(), z.union([z.string(), z.instanceof(File)])).openapi('UploadMany', {
  type: 'object',
  description: 'one file per document, each in a field named "file.<document kind>", e.g. "file.report"',
  additionalProperties: { type: 'string', format: 'binary' },
});

/** `POST /api/dossiers/{id}/files/batch`. */
export const uploadFiles = createRoute({
  method: 'post',
  path: '/api/dossiers/{id}/files/batch',
  tags,
  summary: 'Upload several draft files, all or none',
  description:
    'Attaches one file per document (field `file.<document kind>`), each to its document’s current draft, under the ' +
    'same rules as POST /api/dossiers/{id}/files. Every file is checked before any is kept, and all are recorded in ' +
    'one statement: a refusal of one attaches none, and names each file refused.',
  security: secured,
  request: {
    params: z.object({ id: DossierId }),
    body: { content: { 'multipart/form-data': { schema: UploadManyForm } }, required: true },
  },
  responses: {
    201: jsonContent(
      z.object({ items: z.array(DossierFile) }).openapi('DossierFilesAttached'),
      'The files as attached',
    ),
    ...errorResponses(403, 404, 409, 413),
  },
});

/** `GET /api/dossiers/{id}/files`. */
export const listFiles = createRoute({
  method: 'get',
  path: '/api/dossiers/{id}/files',
  tags,
  summary: 'The files of a dossier',
  security: secured,
  request: { params: z.object({ id: DossierId }) },
  responses: {
    200: jsonContent(z.object({ items: z.array(DossierFile) }).openapi('DossierFiles'), 'By document and draft'),
    ...errorResponses(404),
  },
});

/** `GET /api/dossiers/{id}/files/{fileId}`. */
export const downloadFile = createRoute({
  method: 'get',
  path: '/api/dossiers/{id}/files/{fileId}',
  tags,
  summary: 'Download a file',
  description: 'Any user who may read the dossier may download its files.',
  security: secured,
  request: {
    params: z.object({
      id: DossierId,
      fileId: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: 'fileId', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
      description: 'The file’s content, with its media type and name',
    },
    ...errorResponses(404),
  },
});
