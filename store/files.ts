import { z } from 'zod';
import type { Queryable } from './db.js';
import type { Result } from './result.js';

/** The metadata of a stored file: its content is addressed by SHA-256 in the file store. */
export const FileMetadata = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)'),
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'expected a media type such as application/pdf'),
  dossierId: z.string().min(1),
  documentKind: z.string().min(1),
  draft: z.number().int().min(1),
  uploadedBy: z.string().min(1).nullable().default(null),
});
export type FileMetadata = z.infer<typeof FileMetadata>;

/** A recorded file. */
export type StoredFile = FileMetadata & { id: number; createdAt: string };

/**
 * Records a file's metadata after validating it; the same content for the same document and draft is recorded
 * once (the existing record is returned).
 */
export async function recordFile(db: Queryable, input: unknown): Promise<Result<StoredFile, z.ZodError>> {
  const parsed = FileMetadata.safeParse(input);
  if (!parsed.success) return { success: false, error: parsed.error };
  const f = parsed.data;
  await db.query(
    `INSERT INTO files (sha256, name, size, media_type, dossier_id, document_kind, draft, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dossier_id, document_kind, draft, sha256) DO NOTHING`,
    [f.sha256, f.name, f.size, f.mediaType, f.dossierId, f.documentKind, f.draft, f.uploadedBy],
  );
  const [stored] = await filesOf(db, f.dossierId, { documentKind: f.documentKind, draft: f.draft, sha256: f.sha256 });
  return { success: true, data: stored! };
}

/**
 * Records the metadata of several files of one dossier in one statement, so all are recorded or none; each is
 * validated first, and a file already recorded for its document and draft is kept as it was.
 */
export async function recordFiles(
  db: Queryable,
  dossierId: string,
  inputs: readonly unknown[],
): Promise<Result<StoredFile[], z.ZodError>> {
  const files: FileMetadata[] = [];
  for (const input of inputs) {
    const parsed = FileMetadata.safeParse(input);
    if (!parsed.success) return { success: false, error: parsed.error };
    if (parsed.data.dossierId !== dossierId)
      return {
        success: false,
        error: new z.ZodError([
          { code: 'custom', path: ['dossierId'], message: `expected files of dossier "${dossierId}" only`, input },
        ]),
      };
    files.push(parsed.data);
  }
  const column = <K extends keyof FileMetadata>(key: K) => files.map((f) => f[key]);
  await db.query(
    `INSERT INTO files (sha256, name, size, media_type, dossier_id, document_kind, draft, uploaded_by)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[])
     ON CONFLICT (dossier_id, document_kind, draft, sha256) DO NOTHING`,
    [
      column('sha256'),
      column('name'),
      column('size'),
      column('mediaType'),
      column('dossierId'),
      column('documentKind'),
      column('draft'),
      column('uploadedBy'),
    ],
  );
  const recorded = await filesOf(db, dossierId);
  return {
    success: true,
    data: files.map((f) =>
      recorded.find((r) => r.documentKind === f.documentKind && r.draft === f.draft && r.sha256 === f.sha256)!,
    ),
  };
}

/** The files of a dossier, by document kind and draft, optionally narrowed. */
export async function filesOf(
  db: Queryable,
  dossierId: string,
  filter: { documentKind?: string; draft?: number; sha256?: string; id?: number } = {},
): Promise<StoredFile[]> {
  const { rows } = await db.query<{
    id: string;
    sha256: string;
    name: string;
    size: string;
    media_type: string;
    dossier_id: string;
    document_kind: string;
    draft: number;
    uploaded_by: string | null;
    created_at: Date;
  }>(
    `SELECT id, sha256, name, size, media_type, dossier_id, document_kind, draft, uploaded_by, created_at FROM files
     WHERE dossier_id = $1 AND ($2::text IS NULL OR document_kind = $2) AND ($3::int IS NULL OR draft = $3)
       AND ($4::text IS NULL OR sha256 = $4) AND ($5::bigint IS NULL OR id = $5)
     ORDER BY document_kind, draft, id`,
    [dossierId, filter.documentKind ?? null, filter.draft ?? null, filter.sha256 ?? null, filter.id ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    sha256: r.sha256,
    name: r.name,
    size: Number(r.size),
    mediaType: r.media_type,
    dossierId: r.dossier_id,
    documentKind: r.document_kind,
    draft: r.draft,
    uploadedBy: r.uploaded_by,
    createdAt: r.created_at.toISOString(),
  }));
}
