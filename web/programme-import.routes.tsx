import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { formatBytes, limits, sizeOf } from '../client/limits.js';
import { blockingProblems, programmeIdOf, type Applied } from '../client/programme-apply.js';
import type { CorrectedPreflight } from '../client/programme-corrections.js';
import type { ProgrammePreflight } from '../client/programme-import.js';
import { callApi, problemDetail, type WebContext, type WebDeps, type WebEnv } from './deps.js';
import { frameOf } from './frame.js';
import { AppliedPage } from './pages/programme-applied.js';
import { PreflightPage } from './pages/programme-import.js';
import { UploadPage, type UploadState } from './pages/programme-upload.js';
import {
  correctionsOf,
  fieldOf,
  formatOf,
  shownValues,
  statusOf,
  tableText,
  type FormBody,
  type TableFormat,
} from './programme-import-form.js';
import { programmeTextOf } from './programme-text.js';
import { noticeStep } from './conclusions-import.routes.js';

const PROGRAMME_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/u;

/** The table of the request: a file just uploaded, or the one the preflight page carries in its hidden field. */
async function tableOf(form: FormBody): Promise<{ fileName: string; table: string; format: TableFormat } | undefined> {
  const file = form.file;
  if (file instanceof File && file.size > 0) {
    const table = Buffer.from(await file.arrayBuffer()).toString('base64');
    return { fileName: file.name, table, format: formatOf(file.name, fieldOf(form, 'format')) };
  }
  const table = fieldOf(form, 'table');
  if (table === '') return undefined;
  return {
    fileName: fieldOf(form, 'fileName'),
    table,
    format: formatOf(fieldOf(form, 'fileName'), fieldOf(form, 'format')),
  };
}

/**
 * The import pages: upload a table, see its preflight, correct it, start it. The page keeps no state between steps:
 * the preflight form carries the uploaded file (base64) in a hidden field, and every step sends it to the API again,
 * which reads the table afresh and judges the corrections against it, so nothing the browser sends back is trusted.
 */
export function programmeImportRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  const limit = formatBytes(limits.request);
  const mayImport = (c: WebContext) => c.get('session').user.roles.includes('secretariat');
  const upload = (c: WebContext, state: UploadState, status: 200 | 403 | 409 | 413 | 422 = 200) =>
    c.html(<UploadPage {...frameOf(c)} t={programmeTextOf(c.get('lang'))} state={state} limit={limit} />, status);
  const empty = { id: '', title: '', format: '', errors: {} };

  app.get('/programmes/import', (c) =>
    mayImport(c) ? upload(c, empty) : upload(c, { ...empty, refusal: programmeTextOf(c.get('lang')).forbidden }, 403),
  );

  app.post(
    '/programmes/import',
    // The page takes the table (base64, at most the API's request limit) and the corrections beside it.
    bodyLimit({
      maxSize: Math.ceil((limits.request * 4) / 3) + 256 * 1024,
      onError: (c) => {
        const size = Number(c.req.header('content-length') ?? 0);
        return upload(c as WebContext, { ...empty, errors: { file: tooLarge(c as WebContext, size) } }, 413);
      },
    }),
    async (c) => {
      const t = programmeTextOf(c.get('lang'));
      const form = (await c.req.parseBody()) as FormBody;
      const csrf = fieldOf(form, '_csrf');
      const state: UploadState = {
        id: fieldOf(form, 'id').trim(),
        title: fieldOf(form, 'title').trim(),
        format: fieldOf(form, 'format'),
        errors: {},
      };
      const uploaded = await tableOf(form);
      if (!uploaded) return upload(c, { ...state, errors: { file: t.errors.noFile } }, 422);
      if (fieldOf(form, 'kind') === 'conclusions') {
        const id = state.id || idFromName(uploaded.fileName);
        if (!PROGRAMME_ID.test(id)) state.errors.id = t.errors.id;
        const text = tableText(uploaded.table, 'text');
        if (sizeOf({ id, title: state.title, text }) > limits.request)
          return upload(c, { ...state, errors: { file: tooLarge(c, sizeOf(text)) } }, 413);
        return noticeStep(deps, c, {
          state: { ...state, id, kind: 'conclusions' },
          fileName: uploaded.fileName,
          table: uploaded.table,
          text,
          action: fieldOf(form, 'action'),
          form,
          csrf,
          refuse: (refusal, status) => upload(c, { ...state, kind: 'conclusions', refusal }, status),
        });
      }
      const text = tableText(uploaded.table, uploaded.format);
      const id = state.id || idFromName(uploaded.fileName);
      if (!PROGRAMME_ID.test(id)) state.errors.id = t.errors.id;
      const body = { id, ...(state.title ? { title: state.title } : {}), text, format: uploaded.format };
      if (sizeOf(body) > limits.request)
        return upload(c, { ...state, errors: { file: tooLarge(c, sizeOf(body)) } }, 413);

      const read = await callApi(deps, c, '/api/programmes/preflight', {
        method: 'POST',
        json: { text, format: uploaded.format },
        csrf,
      });
      if (read.status !== 200) return upload(c, { ...state, refusal: await problemDetail(read) }, statusOf(read));
      const fresh = (await read.json()) as ProgrammePreflight;
      const units = deps.units?.() ?? [];
      const page = (
        preflight: ProgrammePreflight,
        values: Record<string, string>,
        extra: { notice?: string; refusal?: string } = {},
        status: 200 | 403 | 409 | 413 | 422 = 200,
      ) =>
        c.html(
          <PreflightPage
            {...frameOf(c)}
            t={t}
            fileName={uploaded.fileName}
            table={uploaded.table}
            format={uploaded.format}
            state={{ ...state, id, refusal: extra.refusal }}
            preflight={preflight}
            values={values}
            units={units}
            notice={extra.notice}
          />,
          status,
        );
      const action = fieldOf(form, 'action');
      if (action !== 'check' && action !== 'apply') return page(fresh, shownValues(fresh, units));

      const typed = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >;
      const { edited, errors } = correctionsOf(fresh, form, units, t);
      Object.assign(state.errors, errors);
      if (Object.keys(state.errors).length > 0) return page(fresh, { ...shownValues(fresh, units), ...typed }, {}, 422);
      let checked: ProgrammePreflight | CorrectedPreflight = fresh;
      if (edited) {
        const corrected = await callApi(deps, c, '/api/programmes/preflight', {
          method: 'POST',
          json: { text, format: uploaded.format, preflight: edited },
          csrf,
        });
        if (corrected.status !== 200)
          return page(fresh, typed, { refusal: await problemDetail(corrected) }, statusOf(corrected));
        checked = (await corrected.json()) as CorrectedPreflight;
      }
      const values = shownValues(checked, units);
      if (action === 'check') return page(checked, values);
      if (blockingProblems(checked).length > 0) return page(checked, values, { notice: t.blocking }, 422);
      const applied = await callApi(deps, c, '/api/programmes', {
        method: 'POST',
        json: { ...body, ...(edited ? { preflight: edited } : {}) },
        csrf,
      });
      if (applied.status !== 201)
        return page(checked, values, { refusal: await problemDetail(applied) }, statusOf(applied));
      const result = (await applied.json()) as { programme: Applied; tasks: Applied[] };
      return c.html(<AppliedPage {...frameOf(c)} t={t} result={result} />);
    },
  );
  return app;
}

/** The message beside the file field for a table over the API's request limit. */
const tooLarge = (c: WebContext, size: number) =>
  programmeTextOf(c.get('lang')).errors.tooLarge(formatBytes(size), formatBytes(limits.request));

/** A programme id made from a file's name, or '' when none can be (the id field then says what is expected). */
function idFromName(fileName: string): string {
  try {
    return programmeIdOf(fileName);
  } catch {
    return '';
  }
}
