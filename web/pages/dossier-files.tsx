import type { DocumentState } from '../../machines/process.types.js';
import { formatBytes } from '../../client/limits.js';
import { formatDateTime } from '../format.js';
import type { Lang } from '../messages.js';
import { Field } from './fields.js';

/** A file of a dossier as `GET /api/dossiers/{id}/files` lists it. */
export interface DossierFileRow {
  id: number;
  name: string;
  size: number;
  documentKind: string;
  draft: number;
  uploadedBy: string | null;
  createdAt: string;
}

const words = {
  vi: {
    documents: 'Tài liệu và tệp dự thảo',
    document: 'Tài liệu',
    draft: 'Dự thảo số',
    files: 'Tệp',
    noFile: 'Chưa có tệp',
    upload: 'Tải lên tệp dự thảo',
    file: 'Tệp (PDF, DOCX, ODT; tối đa 20 MiB)',
    send: 'Tải lên',
    by: 'bởi',
  },
  en: {
    documents: 'Documents and draft files',
    document: 'Document',
    draft: 'Draft',
    files: 'Files',
    noFile: 'No file yet',
    upload: 'Upload a draft file',
    file: 'File (PDF, DOCX, ODT; at most 20 MiB)',
    send: 'Upload',
    by: 'by',
  },
};

/** The words of the files section in a language (pure). */
export const filesText = (lang: Lang) => words[lang];

/** Each document with every draft that has files, the files as download links, and the upload form for who acts. */
export function DossierFiles(props: {
  lang: Lang;
  workflowId: string;
  documents: DocumentState[];
  files: DossierFileRow[];
  csrf: string | null;
  nameOf: (user: string) => string;
  uploadError?: string | undefined;
}) {
  const w = words[props.lang];
  const base = `/dossiers/${encodeURIComponent(props.workflowId)}`;
  const rows = props.documents.flatMap((d) => {
    const drafts = [...new Set([...props.files.filter((f) => f.documentKind === d.kind).map((f) => f.draft), d.draft])];
    return drafts.sort((a, b) => a - b).map((draft) => ({ d, draft }));
  });
  return (
    <section aria-labelledby="documents-h">
      <h2 id="documents-h">{w.documents}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{w.document}</th>
              <th scope="col">{w.draft}</th>
              <th scope="col">{w.files}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ d, draft }) => {
              const files = props.files.filter((f) => f.documentKind === d.kind && f.draft === draft);
              return (
                <tr>
                  <td>{d.uri && /^https?:\/\//i.test(d.uri) ? <a href={d.uri}>{d.title}</a> : d.title}</td>
                  <td>{draft}</td>
                  <td>
                    {files.length === 0 ? (
                      <span class="muted">{w.noFile}</span>
                    ) : (
                      <ul class="files">
                        {files.map((f) => (
                          <li>
                            <a href={`${base}/files/${f.id}`} download={f.name}>
                              {f.name}
                            </a>
                            <span class="muted">
                              {` · ${formatBytes(f.size)} · ${formatDateTime(f.createdAt)}`}
                              {f.uploadedBy ? ` · ${w.by} ${props.nameOf(f.uploadedBy)}` : ''}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.csrf !== null && (
        <form
          method="post"
          action={`${base}/files`}
          enctype="multipart/form-data"
          class="filters"
          aria-labelledby="upload-h"
        >
          <h3 id="upload-h" class="full">
            {w.upload}
          </h3>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <div class="field">
            <label for="upload-document">{w.document}</label>
            <select id="upload-document" name="document">
              {props.documents.map((d) => (
                <option value={d.kind}>{`${d.title} (${w.draft} ${d.draft})`}</option>
              ))}
            </select>
          </div>
          <Field
            name="file"
            label={w.file}
            type="file"
            accept=".pdf,.docx,.odt,application/pdf"
            error={props.uploadError}
            required
          />
          <button type="submit">{w.send}</button>
        </form>
      )}
    </section>
  );
}
