import { Hono } from 'hono';
import { processById } from '../client/processes.js';
import type { ProcessView } from '../machines/process.js';
import { decisionsFor } from './decisions.js';
import { callApi, problemDetail, type WebContext, type WebDeps, type WebEnv } from './deps.js';
import { DossierPage } from './pages/dossier.js';
import { frameOf } from './frame.js';
import { Layout } from './layout.js';

/** Renders a dossier through the API: 404 and other refusals show the API's message on a page. */
async function renderDossier(
  deps: WebDeps,
  c: WebContext,
  id: string,
  extra: { refusal?: string; done?: string; status?: 200 | 403 | 409 | 413 | 422 } = {},
) {
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
  const definition = processById(view.process).compiled.definition;
  const session = c.get('session');
  const users = deps.directory();
  const awaitedRole = view.awaiting?.role;
  const assignees = users
    .filter((u) => awaitedRole !== undefined && u.roles.includes(awaitedRole))
    .map((u) => ({ id: u.id, name: u.name }));
  const nameOf = (userId: string) => users.find((u) => u.id === userId)?.name ?? userId;
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
    />,
    extra.status ?? 200,
  );
}

const fieldsOf = (form: Record<string, unknown>) => (name: string) => {
  const value = form[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** The dossier page and its decision forms, which go to `POST /api/dossiers/{id}/decisions` as the browser's session. */
export function dossierRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/dossiers/:id', (c) => renderDossier(deps, c, c.req.param('id'), { done: c.req.query('done') }));
  app.post('/dossiers/:id/decisions', async (c) => {
    const id = c.req.param('id');
    const field = fieldsOf(await c.req.parseBody());
    const event = field('event') ?? '';
    const decision = {
      event,
      comment: field('comment'),
      onBehalfOf: field('onBehalfOf'),
      milestone: field('milestone'),
      due: field('due'),
      to: field('to'),
    };
    const response = await callApi(deps, c, `/api/dossiers/${encodeURIComponent(id)}/decisions`, {
      method: 'POST',
      json: decision,
      csrf: field('_csrf') ?? '',
    });
    if (response.status === 200)
      return c.redirect(`/dossiers/${encodeURIComponent(id)}?done=${encodeURIComponent(event)}`, 303);
    const status = ([403, 409, 413, 422] as const).find((s) => s === response.status) ?? 422;
    return renderDossier(deps, c, id, { refusal: await problemDetail(response), status });
  });
  return app;
}
