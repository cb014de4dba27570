import type { Applied } from '../client/programme-apply.js';
import type { SkippedItem } from '../client/conclusions-plan.js';
import { noticeCorrectionsOf, noticeValues } from './conclusions-import-form.js';
import { conclusionsTextOf } from './conclusions-text.js';
import { callApi, problemDetail, type WebContext, type WebDeps } from './deps.js';
import { frameOf } from './frame.js';
import { NoticePage, type NoticePreflight } from './pages/conclusions-import.js';
import { AppliedPage } from './pages/programme-applied.js';
import type { UploadState } from './pages/programme-upload.js';
import { statusOf, type FormBody } from './programme-import-form.js';
import { programmeTextOf } from './programme-text.js';

/** One step of a notice's import: the upload as the form sent it, and how to refuse it on the upload page. */
export interface NoticeStep {
  state: UploadState & { id: string };
  fileName: string;
  /** The file in base64, carried by the preflight page's hidden field. */
  table: string;
  text: string;
  action: string;
  /** The form as sent, with the correction fields of the preflight page when it was that page. */
  form: FormBody;
  csrf: string;
  refuse: (refusal: string, status: 403 | 409 | 413 | 422) => Response | Promise<Response>;
}

/**
 * A notice of conclusions through the import page: its preflight (every item, which start and why the others do
 * not, each with its due date, units and kind to correct), then the start of its tasks. As for a table, the API reads
 * the notice afresh at each step and judges the corrections against that reading; a field that cannot be read gets
 * its message beside it and nothing starts.
 */
export async function noticeStep(deps: WebDeps, c: WebContext, step: NoticeStep): Promise<Response> {
  const t = programmeTextOf(c.get('lang'));
  const tc = conclusionsTextOf(c.get('lang'));
  const units = deps.units?.() ?? [];
  const preflightOf = (corrections?: unknown[]) =>
    callApi(deps, c, '/api/programmes/conclusions/preflight', {
      method: 'POST',
      json: { text: step.text, ...(corrections ? { corrections } : {}) },
      csrf: step.csrf,
    });
  const read = await preflightOf();
  if (read.status !== 200) return step.refuse(await problemDetail(read), statusOf(read));
  const fresh = (await read.json()) as NoticePreflight;
  const page = (
    notice: NoticePreflight,
    values: Record<string, string>,
    state: UploadState,
    status: 200 | 403 | 409 | 413 | 422 = 200,
  ) =>
    c.html(
      <NoticePage
        {...frameOf(c)}
        t={t}
        tc={tc}
        fileName={step.fileName}
        table={step.table}
        state={state}
        notice={notice}
        values={values}
        units={units}
      />,
      status,
    );
  const { corrections, errors } = noticeCorrectionsOf(fresh.items, step.form, units, t, tc);
  const typed = { ...noticeValues(fresh.items, units), ...stringsOf(step.form) };
  const state = { ...step.state, errors: { ...step.state.errors, ...errors } };
  if (Object.keys(errors).length > 0) return page(fresh, typed, state, 422);
  let notice = fresh;
  if (corrections) {
    const corrected = await preflightOf(corrections);
    if (corrected.status !== 200)
      return page(fresh, typed, { ...state, refusal: await problemDetail(corrected) }, statusOf(corrected));
    notice = (await corrected.json()) as NoticePreflight;
  }
  const values = noticeValues(notice.items, units);
  if (step.action !== 'apply') return page(notice, values, state);
  if (Object.keys(state.errors).length > 0) return page(notice, values, state, 422);
  const { id, title } = step.state;
  const applied = await callApi(deps, c, '/api/programmes/conclusions', {
    method: 'POST',
    json: { id, ...(title ? { title } : {}), text: step.text, ...(corrections ? { corrections } : {}) },
    csrf: step.csrf,
  });
  if (applied.status !== 201)
    return page(notice, values, { ...state, refusal: await problemDetail(applied) }, statusOf(applied));
  const result = (await applied.json()) as { programme: Applied; tasks: Applied[]; skipped: SkippedItem[] };
  return c.html(<AppliedPage {...frameOf(c)} t={t} result={result} />);
}

/** The text fields of a form, as typed (pure). */
const stringsOf = (form: FormBody): Record<string, string> =>
  Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
