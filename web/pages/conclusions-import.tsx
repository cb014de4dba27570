import type { ItemCorrection } from '../../client/conclusions-corrections.js';
import type { ConclusionItem } from '../../client/conclusions-import.js';
import type { SkippedItem } from '../../client/conclusions-plan.js';
import type { Unit } from '../../directory/units.js';
import { noticeFields } from '../conclusions-import-form.js';
import type { ConclusionsText } from '../conclusions-text.js';
import { formatDate } from '../format.js';
import { Layout, type Frame } from '../layout.js';
import type { ProgrammeText } from '../programme-text.js';
import { Field, Select } from './fields.js';
import type { UploadState } from './programme-upload.js';

/** A notice's preflight as the API answers it. */
export interface NoticePreflight {
  items: ConclusionItem[];
  starts: string[];
  skipped: SkippedItem[];
  corrections?: ItemCorrection[];
}

/** What the notice's preflight page shows: the notice read (and corrected), the form's values and messages. */
export interface NoticeProps extends Frame {
  t: ProgrammeText;
  tc: ConclusionsText;
  fileName: string;
  table: string;
  state: UploadState;
  notice: NoticePreflight;
  values: Record<string, string>;
  units: readonly Unit[];
}

/** One item of the notice with its fields: due date, lead and coordinating units, task or note. */
function ItemRow(props: { p: NoticeProps; item: ConclusionItem; why: string | undefined }) {
  const { p, item } = props;
  const { t, tc } = p;
  const field = (name: string) => ({ name, value: p.values[name] ?? '', error: p.state.errors[name] });
  const groups = item.agencies.filter((a) => !p.units.some((u) => u.id === a));
  return (
    <tr id={`item-${item.number}`}>
      <th scope="row">{item.number}</th>
      <td data-label={t.content}>{item.text}</td>
      <td data-label={t.agencies}>
        <Field {...field(noticeFields.lead(item.number))} label={tc.leadOf(item.number)} list="units" />
        <Field
          {...field(noticeFields.coordinators(item.number))}
          label={tc.coordinatorsOf(item.number)}
          hint={tc.coordinatorsHint}
        />
        {groups.length > 0 && <small class="muted">{groups.join(', ')}</small>}
      </td>
      <td data-label={t.deadline}>{item.deadlineText ?? '—'}</td>
      <td data-label={t.dueDay}>
        <Field {...field(noticeFields.due(item.number))} label={tc.dueOf(item.number)} />
      </td>
      <td data-label={t.periodic}>{item.periodicReport ? t.yes : '—'}</td>
      <td data-label={t.outcomeColumn}>
        <Select
          {...field(noticeFields.kind(item.number))}
          label={tc.kindOf(item.number)}
          options={[
            { value: 'task', label: tc.kinds.task },
            { value: 'note', label: tc.kinds.note },
          ]}
        />
        <p>{props.why ?? t.willStart}</p>
      </td>
    </tr>
  );
}

/**
 * The preflight of a notice of conclusions: every item with the agencies it assigns, its deadline as written and its
 * due date, whether it asks for periodic reports, and whether it starts as a task or why not, each with the fields
 * that correct it; then check again or start. The notice travels in a hidden field, so each step is judged again by
 * the API from the notice itself.
 */
export function NoticePage(props: NoticeProps) {
  const { t, tc, notice, state } = props;
  const why = new Map(notice.skipped.map((s) => [s.number, t.why[s.why] ?? s.reason]));
  const failed = Object.keys(state.errors).some((name) => name !== 'id' && name !== 'title');
  const shown = (v: unknown) =>
    Array.isArray(v)
      ? v.map((a) => props.units.find((u) => u.id === a)?.name ?? String(a)).join(', ') || '—'
      : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/u.test(v)
        ? formatDate(v)
        : v === 'task' || v === 'note'
          ? tc.kinds[v]
          : v === null || v === undefined
            ? '—'
            : String(v);
  return (
    <Layout {...props} title={t.noticeTitle(props.fileName)}>
      <p role="status">{t.noticeSummary(notice.items.length, notice.starts.length)}</p>
      {failed && (
        <p class="error" role="alert">
          {tc.fix}
        </p>
      )}
      {state.refusal && (
        <p class="error" role="alert">
          <strong>{`${t.refused}: `}</strong>
          {state.refusal}
        </p>
      )}
      {(notice.corrections ?? []).length > 0 && (
        <section aria-labelledby="corrections-h">
          <h2 id="corrections-h">{tc.corrections}</h2>
          <ul>
            {notice.corrections!.map((c) => (
              <li>{`${c.item} · ${tc.fields[c.field] ?? c.field}: ${shown(c.before)} → ${shown(c.after)}`}</li>
            ))}
          </ul>
        </section>
      )}
      <form method="post" action="/programmes/import" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={props.session?.csrfToken ?? ''} />
        <input type="hidden" name="table" value={props.table} />
        <input type="hidden" name="kind" value="conclusions" />
        <input type="hidden" name="format" value="text" />
        <input type="hidden" name="fileName" value={props.fileName} />
        <datalist id="units">
          {props.units.map((u) => (
            <option value={u.name}>{u.id}</option>
          ))}
        </datalist>
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
                <ItemRow p={props} item={item} why={why.get(item.number)} />
              ))}
            </tbody>
          </table>
        </div>
        <div class="wide">
          <Field name="id" label={t.id} value={state.id} hint={t.idHint} error={state.errors.id} />
          <Field name="title" label={t.titleField} value={state.title} hint={t.titleHint} error={state.errors.title} />
        </div>
        <div class="actions">
          <button type="submit" name="action" value="check">
            {tc.check}
          </button>
          <button class="primary" type="submit" name="action" value="apply">
            {t.applyNotice}
          </button>
        </div>
      </form>
    </Layout>
  );
}
