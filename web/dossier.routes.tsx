import { Hono } from 'hono';
import { parseDeadline } from '../calendar/index.js';
import { sniffDraft } from '../client/draft-files.js';
import { processById } from '../client/processes.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import type { ProcessView } from '../machines/process.js';
import { decisionsFor } from './decisions.js';
import { callApi, problemDetail, type WebContext, type WebDeps, type WebEnv } from './deps.js';
import { DossierPage } from './pages/dossier.js';
import type { DossierFileRow } from './pages/dossier-files.js';
import { frameOf } from './frame.js';
import { Layout } from './layout.js';
import { draftFilesOf, type FormBody } from './start-form.js';
import { whyThisDate } from './why-date.js';
import { diagramOf } from './stage-graph.js';
import { uploadDrafts } from './draft-upload.js';

/** What a dossier page may show beyond the dossier: a refusal, a notice, an upload's refusal, the status to answer. */
interface Extra {
  refusal?: string | undefined;
  done?: string | undefined;
  notice?: string | undefined;
  uploadError?: string | undefined;
  status?: 200 | 403 | 409 | 413 | 422;
  extendPreview?: { due: string; dueAt?: string; explanation?: string; error?: string };
}

const words = {
  vi: {
    started: 'Đã khởi tạo hồ sơ.',
    uploaded: 'Đã tải lên tệp dự thảo.',
    uploadRefused: 'Hồ sơ đã được khởi tạo nhưng chưa tệp nào được đính kèm',
    resubmitLegend: 'Tệp của dự thảo mới',
    resubmitLabel: (d: string) => `Tệp: ${d}`,
    needFiles: (n: number) => `Cần tải lên tệp của dự thảo số ${n} trước khi trình lại.`,
    noFile: 'Chưa chọn tệp.',
  },
  en: {
    started: 'The dossier was started.',
    uploaded: 'The draft file was uploaded.',
    uploadRefused: 'The dossier was started, but no file was attached',
    resubmitLegend: 'Files of the new draft',
    resubmitLabel: (d: string) => `File: ${d}`,
    needFiles: (n: number) => `Upload the files of draft ${n} before resubmitting.`,
    noFile: 'No file was chosen.',
  },
};

/** Whether a user acts at a running dossier's stage, itself or recording for it (pure). */
const actsAt = (definition: ProcessDefinition, view: ProcessView, roles: readonly string[]) => {
  const stage = definition.stages[view.state];
  return view.status === 'running' && !!stage && [stage.role, ...stage.recordedBy].some((r) => roles.includes(r));
};

/** The files of a dossier through the API, or none when they cannot be read. */
async function filesOf(deps: WebDeps, c: WebContext, id: string): Promise<DossierFileRow[]> {
  const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}/files`);
  return response.status === 200 ? ((await response.json()) as { items: DossierFileRow[] }).items : [];
}

/** Renders a dossier through the API: 404 and other refusals show the API's message on a page. */
async function renderDossier(deps: WebDeps, c: WebContext, id: string, extra: Extra = {}) {
  const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}`);
  const m = c.get('m');
  if (response.status !== 200) {
    const detail = await problemDetail(response);
    return c.html(
      <Layout {...frameOf(c)} title={m.error}>
        <p class="error" role="alert">
          {detail}
        </p>
      </Layout>,
      response.status === 404 ? 404 : response.status === 403 ? 403 : 500,
    );
  }
  const view = (await response.json()) as ProcessView;
  const { compiled } = processById(view.process);
  const definition = compiled.definition;
  const session = c.get('session');
  const users = deps.directory();
  const awaitedRole = view.awaiting?.role;
  const assignees = users
    .filter((u) => awaitedRole !== undefined && u.roles.includes(awaitedRole))
    .map((u) => ({ id: u.id, name: u.name }));
  const nameOf = (userId: string) => users.find((u) => u.id === userId)?.name ?? userId;
  const w = words[c.get('lang')];
  const table = deps.calendar(yearsAround(deps.now()));
  const why = Object.fromEntries(
    view.milestones.map((ms) => [ms.id, whyThisDate(definition, view, ms, table, c.get('lang'))]),
  );
  return c.html(
    <DossierPage
      {...frameOf(c)}
      workflowId={id}
      view={view}
      definition={definition}
      options={decisionsFor(definition, view, session.user.roles)}
      assignees={assignees}
      nameOf={nameOf}
      refusal={extra.refusal}
      done={extra.done}
      notice={extra.notice}
      files={await filesOf(deps, c, id)}
      mayUpload={actsAt(definition, view, session.user.roles)}
      uploadError={extra.uploadError}
      resubmitFiles={{ legend: w.resubmitLegend, label: w.resubmitLabel }}
      why={why}
      extendPreview={extra.extendPreview}
      diagram={diagramOf(compiled, view.history)}
    />,
    extra.status ?? 200,
  );
}

const fieldsOf = (form: Record<string, unknown>) => (name: string) => {
  const value = form[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** Sends one draft file to the API; the API's refusal, or undefined when it was attached. */
async function upload(deps: WebDeps, c: WebContext, id: string, kind: string, file: File, csrf: string) {
  const form = new FormData();
  form.set('document', kind);
  form.set('file', file, file.name);
  const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}/files`, {
    method: 'POST',
    multipart: form,
    csrf,
  });
  if (response.status === 201) return undefined;
  return { detail: await problemDetail(response), status: response.status };
}

/** The years a dossier's dates may fall in, around now. */
const yearsAround = (now: Date) => {
  const y = now.getUTCFullYear();
  return [y - 3, y - 2, y - 1, y, y + 1, y + 2, y + 3];
};

/** The due instant an EXTEND would set, as the API reads it (an ISO instant, dd/mm/yyyy or a phrase), and why. */
function previewDue(deps: WebDeps, due: string): NonNullable<Extra['extendPreview']> {
  if (/^\d{4}-\d{2}-\d{2}T/.test(due) && !Number.isNaN(Date.parse(due))) return { due, dueAt: due };
  const now = deps.now();
  const year = now.getUTCFullYear();
  const resolved = parseDeadline(due, { table: deps.calendar([year, year + 1, year + 2]), year });
  if (!resolved.success) return { due, error: resolved.error };
  return { due, dueAt: resolved.data.dueAt, explanation: resolved.data.explanation };
}

/** The status a page answers for an API refusal (pure). */
const pageStatus = (status: number) => ([403, 409, 413, 422] as const).find((s) => s === status) ?? 422;

/**
 * The files a resubmission after a revision brings: each is checked first, then attached; a refusal stops before
 * the decision is sent. Without files, the new draft must already have one.
 */
async function attachNewDraft(deps: WebDeps, c: WebContext, id: string, form: FormBody): Promise<Extra | undefined> {
  const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}`);
  if (response.status !== 200) return undefined;
  const view = (await response.json()) as ProcessView;
  const definition = processById(view.process).compiled.definition;
  if (view.returnTo === null || form.event !== definition.revision?.resubmit) return undefined;
  const files = draftFilesOf(
    form,
    view.documents.map((d) => d.kind),
  );
  const w = words[c.get('lang')];
  if (files.length === 0) {
    const existing = await filesOf(deps, c, id);
    const current = existing.some((f) => view.documents.some((d) => d.kind === f.documentKind && d.draft === f.draft));
    return current ? undefined : { refusal: w.needFiles(view.draftVersion), status: 422 };
  }
  for (const { file } of files) {
    const type = sniffDraft(new Uint8Array(await file.arrayBuffer()));
    if (!type.success) return { refusal: `${file.name}: ${type.error}`, status: 422 };
  }
  const refused = await uploadDrafts(deps, c, id, files, typeof form._csrf === 'string' ? form._csrf : '');
  return refused ? { refusal: refused.detail, status: pageStatus(refused.status) } : undefined;
}

/** The dossier page, its decision forms, its draft files (upload and download), all through the API. */
/** The facts a change form gives new values (fields `fact.ID`), leaving out those left empty (pure). */
function factsOf(form: FormBody): { facts?: Record<string, string> } {
  const facts = Object.fromEntries(
    Object.entries(form)
      .filter((e): e is [string, string] => e[0].startsWith('fact.') && typeof e[1] === 'string' && e[1].trim() !== '')
      .map(([name, text]) => [name.slice('fact.'.length), text.trim()]),
  );
  return Object.keys(facts).length > 0 ? { facts } : {};
}

export function dossierRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/dossiers/:id', (c) => {
    const w = words[c.get('lang')];
    const refused = c.req.query('uploadRefused');
    const notice =
      c.req.query('started') !== undefined
        ? w.started
        : c.req.query('uploaded') !== undefined
          ? w.uploaded
          : refused
            ? `${w.uploadRefused}: ${refused}`
            : undefined;
    return renderDossier(deps, c, c.req.param('id'), { done: c.req.query('done'), notice });
  });
  app.post('/dossiers/:id/decisions', async (c) => {
    const id = c.req.param('id');
    const form = (await c.req.parseBody()) as FormBody;
    const field = fieldsOf(form);
    const event = field('event') ?? '';
    if (event === 'EXTEND' && field('preview'))
      return renderDossier(deps, c, id, { extendPreview: previewDue(deps, field('due') ?? '') });
    const attached = await attachNewDraft(deps, c, id, form);
    if (attached) return renderDossier(deps, c, id, attached);
    const decision = {
      event,
      comment: field('comment'),
      onBehalfOf: field('onBehalfOf'),
      milestone: field('milestone'),
      due: field('due') || undefined,
      to: field('to'),
      ...factsOf(form),
    };
    const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}/decisions`, {
      method: 'POST',
      json: decision,
      csrf: field('_csrf') ?? '',
    });
    if (response.status === 200)
      return c.redirect(`/dossiers/${encodeURIComponent(id)}?done=${encodeURIComponent(event)}`, 303);
    return renderDossier(deps, c, id, { refusal: await problemDetail(response), status: pageStatus(response.status) });
  });
  app.post('/dossiers/:id/files', async (c) => {
    const id = c.req.param('id');
    const form = (await c.req.parseBody()) as FormBody;
    const file = form.file;
    const kind = typeof form.document === 'string' ? form.document : '';
    if (!(file instanceof File) || file.size === 0)
      return renderDossier(deps, c, id, { uploadError: words[c.get('lang')].noFile, status: 422 });
    const refused = await upload(deps, c, id, kind, file, typeof form._csrf === 'string' ? form._csrf : '');
    if (refused) return renderDossier(deps, c, id, { uploadError: refused.detail, status: pageStatus(refused.status) });
    return c.redirect(`/dossiers/${encodeURIComponent(id)}?uploaded=1`, 303);
  });
  app.get('/dossiers/:id/files/:fileId', async (c) => {
    const path = `/api/dossiers/${encodeURIComponent(c.req.param('id'))}/files/${encodeURIComponent(c.req.param('fileId'))}`;
    const response = await callApi(deps, c, path);
    if (response.status !== 200) return c.text(await problemDetail(response), response.status === 404 ? 404 : 403);
    return new Response(response.body, { status: 200, headers: response.headers });
  });
  return app;
}
