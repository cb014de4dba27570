import type { Applied } from '../client/programme-apply.js';
import type { SkippedItem } from '../client/conclusions-plan.js';
import { callApi, problemDetail, type WebContext, type WebDeps } from './deps.js';
import { frameOf } from './frame.js';
import { NoticePage, type NoticePreflight } from './pages/conclusions-import.js';
import { AppliedPage } from './pages/programme-applied.js';
import type { UploadState } from './pages/programme-upload.js';
import { statusOf } from './programme-import-form.js';
import { programmeTextOf } from './programme-text.js';

/** One step of a notice's import: the upload as the form sent it, and how to refuse it on the upload page. */
export interface NoticeStep {
  state: UploadState & { id: string };
  fileName: string;
  /** The file in base64, carried by the preflight page's hidden field. */
  table: string;
  text: string;
  action: string;
  csrf: string;
  refuse: (refusal: string, status: 403 | 409 | 413 | 422) => Response | Promise<Response>;
}

/**
 * A notice of conclusions through the import page: its preflight (every item, which start and why the others do
 * not), then the start of its tasks; as for a table, the API reads the notice afresh at each step.
 */
export async function noticeStep(deps: WebDeps, c: WebContext, step: NoticeStep): Promise<Response> {
  const t = programmeTextOf(c.get('lang'));
  const read = await callApi(deps, c, '/api/programmes/conclusions/preflight', {
    method: 'POST',
    json: { text: step.text },
    csrf: step.csrf,
  });
  if (read.status !== 200) return step.refuse(await problemDetail(read), statusOf(read));
  const notice = (await read.json()) as NoticePreflight;
  const page = (state: UploadState, status: 200 | 403 | 409 | 413 | 422 = 200) =>
    c.html(
      <NoticePage
        {...frameOf(c)}
        t={t}
        fileName={step.fileName}
        table={step.table}
        state={state}
        notice={notice}
        units={deps.units?.() ?? []}
      />,
      status,
    );
  if (step.action !== 'apply') return page(step.state);
  if (Object.keys(step.state.errors).length > 0) return page(step.state, 422);
  const { id, title } = step.state;
  const applied = await callApi(deps, c, '/api/programmes/conclusions', {
    method: 'POST',
    json: { id, ...(title ? { title } : {}), text: step.text },
    csrf: step.csrf,
  });
  if (applied.status !== 201) return page({ ...step.state, refusal: await problemDetail(applied) }, statusOf(applied));
  const result = (await applied.json()) as { programme: Applied; tasks: Applied[]; skipped: SkippedItem[] };
  return c.html(<AppliedPage {...frameOf(c)} t={t} result={result} />);
}
