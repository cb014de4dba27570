import { Hono } from 'hono';
import { faceOf, processById, processIds } from '../client/processes.js';
import { callApi, problemDetail, type WebContext, type WebDeps, type WebEnv } from './deps.js';
import { frameOf } from './frame.js';
import { Layout } from './layout.js';
import { StartPage } from './pages/start.js';
import {
  applyPlan,
  draftFilesOf,
  startFieldsOf,
  startInputOf,
  yearsOfPlan,
  type FieldErrors,
  type FormBody,
  type StartFields,
} from './start-form.js';
import { startTextOf } from './start-text.js';
import { uploadDrafts } from './draft-upload.js';
import { delegationTextOf } from './delegation-text.js';
import { mayProposeDelegation } from './delegation.routes.js';

/** The processes a user may start from the generic form: their first stage is the user's, and they need no form of their own. */
function startable(roles: readonly string[]): string[] {
  return processIds().filter((id) => {
    const definition = processById(id).compiled.definition;
    const first = definition.stages[definition.initial]?.role;
    return first !== undefined && roles.includes(first) && faceOf(id).prepareStart === undefined;
  });
}

/** The start pages: the processes a user may start, and each one's form with its plan import and draft files. */
export function startRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();
  app.get('/start', (c) => {
    const lang = c.get('lang');
    const ids = startable(c.get('session').user.roles);
    const t = startTextOf(lang);
    return c.html(
      <Layout {...frameOf(c)} title={t.title}>
        <ul>
          {ids.map((id) => (
            <li>
              <a href={`/start/${id}`}>{processById(id).compiled.definition.title[lang]}</a>
            </li>
          ))}
          {mayProposeDelegation(c.get('session').user.roles) && (
            <li>
              <a href="/delegations/new">{delegationTextOf(lang).link}</a>
            </li>
          )}
        </ul>
      </Layout>,
    );
  });

  const page = (
    c: WebContext,
    process: string,
    fields: StartFields,
    extra: {
      errors?: FieldErrors;
      items?: never[] | ReturnType<typeof applyPlan>['items'];
      refusal?: string;
      hadFiles?: boolean;
    } = {},
    status: 200 | 403 | 409 | 413 | 422 = 200,
  ) =>
    c.html(
      <StartPage
        {...frameOf(c)}
        t={startTextOf(c.get('lang'))}
        process={process}
        definition={processById(process).compiled.definition}
        fields={fields}
        errors={extra.errors ?? {}}
        planItems={extra.items ?? []}
        refusal={extra.refusal}
        hadFiles={extra.hadFiles}
      />,
      status,
    );

  app.get('/start/:process', (c) => {
    const process = c.req.param('process');
    if (!startable(c.get('session').user.roles).includes(process)) return c.redirect('/start', 303);
    return page(c, process, startFieldsOf(processById(process).compiled.definition, {}, c.get('lang')));
  });

  app.post('/start/:process', async (c) => {
    const process = c.req.param('process');
    if (!startable(c.get('session').user.roles).includes(process)) return c.redirect('/start', 303);
    const definition = processById(process).compiled.definition;
    const t = startTextOf(c.get('lang'));
    const form = (await c.req.parseBody()) as FormBody;
    let fields = startFieldsOf(definition, form, c.get('lang'));
    const planFile = form.planFile;
    if (planFile instanceof File && planFile.size > 0) fields = { ...fields, plan: await planFile.text() };
    const now = deps.now();
    const table = deps.calendar(yearsOfPlan(fields.plan, now));
    const files = draftFilesOf(
      form,
      fields.documents.map((d) => d.kind),
    );
    const hadFiles = files.length > 0;
    let items: ReturnType<typeof applyPlan>['items'] = [];
    if (fields.plan.trim() !== '') {
      const applied = applyPlan(definition, fields, table, t);
      if (form.action === 'preview' || Object.keys(applied.errors).length > 0)
        return page(c, process, applied.fields, { errors: applied.errors, items: applied.items, hadFiles });
      fields = {
        ...applied.fields,
        dues: { ...applied.fields.dues, ...nonEmpty(startFieldsOf(definition, form, c.get('lang')).dues) },
      };
      items = applied.items;
    }
    const checked = await startInputOf(definition, fields, files, table, now, t);
    if (!checked.success) return page(c, process, fields, { errors: checked.errors, items, hadFiles }, 422);
    const csrf = typeof form._csrf === 'string' ? form._csrf : '';
    const response = await callApi(deps, c, '/api/dossiers', {
      method: 'POST',
      json: { process, input: checked.input },
      csrf,
    });
    if (response.status !== 201) {
      const status = ([403, 409, 413] as const).find((s) => s === response.status) ?? 422;
      return page(c, process, fields, { items, refusal: await problemDetail(response), hadFiles }, status);
    }
    const { workflowId } = (await response.json()) as { workflowId: string };
    const refused = await uploadDrafts(deps, c, workflowId, files, csrf);
    const query = refused ? `?uploadRefused=${encodeURIComponent(refused.detail)}` : '?started=1';
    return c.redirect(`/dossiers/${encodeURIComponent(workflowId)}${query}`, 303);
  });
  return app;
}

/** The entries of a record whose value is not blank (pure). */
const nonEmpty = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v.trim() !== ''));
