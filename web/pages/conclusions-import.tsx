import type { ConclusionItem } from '../../client/conclusions-import.js';
import type { SkippedItem } from '../../client/conclusions-plan.js';
import type { Unit } from '../../directory/units.js';
import { formatDate } from '../format.js';
import { Layout, type Frame } from '../layout.js';
import type { ProgrammeText } from '../programme-text.js';
import { Field } from './fields.js';
import type { UploadState } from './programme-upload.js';

/** A notice's preflight as the API answers it. */
export interface NoticePreflight {
  items: ConclusionItem[];
  starts: string[];
  skipped: SkippedItem[];
}

/**
 * The preflight of a notice of conclusions: every item with the agencies it assigns, its deadline as written and its
 * due date, whether it asks for periodic reports, and whether it starts as a task or why not; then the start.
 */
export function NoticePage(
  props: Frame & {
    t: ProgrammeText;
    fileName: string;
    table: string;
    state: UploadState;
    notice: NoticePreflight;
    units: readonly Unit[];
  },
) {
  const { t, notice, state } = props;
  const name = (agency: string) => props.units.find((u) => u.id === agency)?.name ?? agency;
  const why = new Map(notice.skipped.map((s) => [s.number, t.why[s.why] ?? s.reason]));
  return (
    <Layout {...props} title={t.noticeTitle(props.fileName)}>
      <p role="status">{t.noticeSummary(notice.items.length, notice.starts.length)}</p>
      {state.refusal && (
        <p class="error" role="alert">
          <strong>{`${t.refused}: `}</strong>
          {state.refusal}
        </p>
      )}
      <div class="table-wrap">
        <table class="cards">
          <caption>{t.items}</caption>
          <thead>
            <tr>
              {[t.number, t.content, t.agencies, t.deadline, t.dueDay, t.periodic, t.outcomeColumn].map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {notice.items.map((item) => (
              <tr id={`item-${item.number}`}>
                <th scope="row">{item.number}</th>
                <td data-label={t.content}>{item.text}</td>
                <td data-label={t.agencies}>{item.agencies.map(name).join(', ') || '—'}</td>
                <td data-label={t.deadline}>{item.deadlineText ?? '—'}</td>
                <td data-label={t.dueDay}>{item.dueAt ? formatDate(item.dueAt) : '—'}</td>
                <td data-label={t.periodic}>{item.periodicReport ? t.yes : '—'}</td>
                <td data-label={t.outcomeColumn}>{why.get(item.number) ?? t.willStart}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/programmes/import" enctype="multipart/form-data" class="wide" novalidate>
        <input type="hidden" name="_csrf" value={props.session?.csrfToken ?? ''} />
        <input type="hidden" name="table" value={props.table} />
        <input type="hidden" name="kind" value="conclusions" />
        <input type="hidden" name="format" value="text" />
        <input type="hidden" name="fileName" value={props.fileName} />
        <Field name="id" label={t.id} value={state.id} hint={t.idHint} error={state.errors.id} />
        <Field name="title" label={t.titleField} value={state.title} hint={t.titleHint} error={state.errors.title} />
        <button class="primary" type="submit" name="action" value="apply">
          {t.applyNotice}
        </button>
      </form>
    </Layout>
  );
}
