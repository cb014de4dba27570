import { Layout, type Frame } from '../layout.js';
import type { ProgrammeText } from '../programme-text.js';
import { Field, Select } from './fields.js';

/** What the upload form keeps when it is shown again: the id, title and format chosen, and each field's message. */
export interface UploadState {
  id: string;
  title: string;
  format: string;
  /** "conclusions" for a notice of conclusions, else a programme's table. */
  kind?: string | undefined;
  errors: Record<string, string>;
  refusal?: string | undefined;
}

/** The hidden fields and the id and title, shared by the upload form and the preflight. */
export function IdAndTitle(props: { t: ProgrammeText; state: UploadState }) {
  const { t, state } = props;
  return (
    <>
      <Field name="id" label={t.id} value={state.id} hint={t.idHint} error={state.errors.id} />
      <Field name="title" label={t.titleField} value={state.title} hint={t.titleHint} error={state.errors.title} />
    </>
  );
}

/** The upload form: the table file, its format, the programme's id and title; nothing starts from it. */
export function UploadPage(props: Frame & { t: ProgrammeText; state: UploadState; limit: string }) {
  const { t, state } = props;
  return (
    <Layout {...props} title={t.importTitle}>
      <p>{t.importIntro}</p>
      {state.refusal && (
        <p class="error" role="alert">
          <strong>{`${t.refused}: `}</strong>
          {state.refusal}
        </p>
      )}
      <form method="post" action="/programmes/import" enctype="multipart/form-data" class="wide" novalidate>
        <input type="hidden" name="_csrf" value={props.session?.csrfToken ?? ''} />
        <Field
          name="file"
          label={t.file}
          type="file"
          accept=".txt,.csv,.xlsx,text/plain,text/csv"
          hint={t.fileHint(props.limit)}
          error={state.errors.file}
          required
        />
        <Select
          name="kind"
          label={t.kind}
          value={state.kind ?? ''}
          options={[
            { value: '', label: t.kindTable },
            { value: 'conclusions', label: t.kindNotice },
          ]}
        />
        <Select
          name="format"
          label={t.format}
          value={state.format}
          options={[
            { value: '', label: t.formatAuto },
            { value: 'text', label: t.formatText },
            { value: 'csv', label: 'CSV' },
            { value: 'xlsx', label: 'XLSX' },
          ]}
        />
        <IdAndTitle t={t} state={state} />
        <button class="primary" type="submit" name="action" value="preflight">
          {t.preflight}
        </button>
      </form>
    </Layout>
  );
}

/** A correction field inside a table cell: labelled for screen readers, its message beside it. */
