import { Hono } from 'hono';
import { holdsAny, PLAN_ROLE } from '../client/delegation-roles.js';
import { callApi, problemDetail, type WebContext, type WebDeps, type WebEnv } from './deps.js';
import {
  arrangeLedger,
  ledgerColumns,
  ruleSetsForYear,
  ruleSetsOf,
  yearLedger,
  yearOf,
  type LedgerView,
  type RuleSetInfo,
} from './delegation-ledger-data.js';
import { planFieldsFrom, planFieldsOf, planIssueErrors, planItemsOf, type PlanFields } from './delegation-plan-form.js';
import { recordsTextOf } from './delegation-records-text.js';
import { frameOf } from './frame.js';
import { Layout } from './layout.js';
import { LedgerPage } from './pages/delegation-ledger.js';
import { planHref, PlanAdjustPage, PlanPage, type FullPlan } from './pages/delegation-plan.js';
import type { FieldErrors } from './start-form.js';
import { csvOf, xlsxOf } from './table-export.js';

/** The API's refusal on a page of its own, with the status it came with. */
function refusalPage(c: WebContext, status: number, detail: string) {
  const t = recordsTextOf(c.get('lang'));
  const title = status === 403 ? t.forbidden : c.get('m').error;
  const code = ([403, 404, 409, 422, 503] as const).find((s) => s === status) ?? 500;
  return c.html(
    <Layout {...frameOf(c)} title={title}>
      <p class="error" role="alert">
        {detail}
      </p>
    </Layout>,
    code,
  );
}

/** The year asked for and the rule set that governs it (the one asked for when it does, else the first) (pure). */
function chosen(c: WebContext, ruleSets: RuleSetInfo[], now: Date) {
  const year = yearOf(c.req.query('year'), now);
  const governing = ruleSetsForYear(ruleSets, year);
  const rules = governing.find((r) => r.id === c.req.query('rules')) ?? governing[0];
  return { year, rules, governing };
}

/** The filters and order of the ledger page from its query (pure). */
function viewOf(c: WebContext): LedgerView {
  const sort = c.req.query('sort');
  return {
    q: (c.req.query('q') ?? '').slice(0, 200),
    unit: (c.req.query('unit') ?? '').slice(0, 300),
    sort: sort === 'unit' || sort === 'trips' ? sort : 'name',
  };
}

/** The plan of a rule set and year through the API: null when none is recorded, or the refusal. */
async function planOf(deps: WebDeps, c: WebContext, ruleSet: string, year: number) {
  const response = await callApi(deps, c, `/api/delegations/plans/${encodeURIComponent(ruleSet)}/${year}`);
  if (response.status === 404) return { ok: true as const, plan: null };
  if (response.status !== 200)
    return { ok: false as const, status: response.status, detail: await problemDetail(response) };
  return { ok: true as const, plan: (await response.json()) as FullPlan };
}

/** The ledger of the year per person and the year's plan with its adjustment, for the roles the API lets read them. */
export function delegationRecordRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();

  /** The ledger, filtered and sorted as asked, or the page that says why not. */
  const ledgerFor = async (c: WebContext) => {
    const listed = await ruleSetsOf(deps, c);
    if (!listed.ok) return { refused: refusalPage(c, listed.status, listed.detail) };
    const { year, rules, governing } = chosen(c, listed.ruleSets, deps.now());
    const view = viewOf(c);
    if (!rules) return { year, governing, view, ruleSet: '', ledger: undefined, shown: [] };
    const read = await yearLedger(deps, c, rules.id, year);
    if (!read.ok) return { refused: refusalPage(c, read.status, read.detail) };
    return {
      year,
      governing,
      view,
      ruleSet: rules.id,
      ledger: read.ledger,
      shown: arrangeLedger(read.ledger.people, view),
    };
  };

  app.get('/delegations/ledger', async (c) => {
    const read = await ledgerFor(c);
    if ('refused' in read) return read.refused;
    return c.html(
      <LedgerPage
        {...frameOf(c)}
        t={recordsTextOf(c.get('lang'))}
        ruleSets={read.governing}
        ruleSet={read.ruleSet}
        year={read.year}
        ledger={read.ledger}
        shown={read.shown}
        view={read.view}
      />,
    );
  });

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/delegations/ledger.${format}`, async (c) => {
      const read = await ledgerFor(c);
      if ('refused' in read) return read.refused;
      const t = recordsTextOf(c.get('lang'));
      const rows = read.shown.flatMap((person) => person.trips.map((trip) => ({ person, trip })));
      const name = `duyet-so-theo-doi-${read.ruleSet}-${read.year}.${format}`;
      c.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        c.header('content-type', 'text/csv; charset=utf-8');
        return c.body(csvOf(ledgerColumns(t), rows));
      }
      c.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const bytes = await xlsxOf(ledgerColumns(t), rows, t.sheet, (r) => r.person.overLimit);
      return c.body(bytes as unknown as ArrayBuffer);
    });

  /** The plan's page data, or the page that says why not. */
  const planFor = async (c: WebContext) => {
    const listed = await ruleSetsOf(deps, c);
    if (!listed.ok) return { refused: refusalPage(c, listed.status, listed.detail) };
    const { year, rules, governing } = chosen(c, listed.ruleSets, deps.now());
    if (!rules) return { year, rules, governing, plan: null };
    const read = await planOf(deps, c, rules.id, year);
    if (!read.ok) return { refused: refusalPage(c, read.status, read.detail) };
    return { year, rules, governing, plan: read.plan };
  };

  const nameOf = (id: string) => deps.directory().find((u) => u.id === id)?.name ?? id;
  const mayAdjust = (c: WebContext) => holdsAny(c.get('session').user.roles, [PLAN_ROLE]);

  app.get('/delegations/plan', async (c) => {
    const read = await planFor(c);
    if ('refused' in read) return read.refused;
    const t = recordsTextOf(c.get('lang'));
    return c.html(
      <PlanPage
        {...frameOf(c)}
        t={t}
        ruleSets={read.governing}
        rules={read.rules}
        year={read.year}
        plan={read.plan}
        mayAdjust={mayAdjust(c)}
        notice={c.req.query('adjusted') === '1' ? t.done : undefined}
        nameOf={nameOf}
      />,
    );
  });

  /** The adjustment page with what it shows beside the form. */
  const adjustPage = (
    c: WebContext,
    rules: RuleSetInfo,
    year: number,
    shown: { planned: number; fields?: PlanFields; errors?: FieldErrors; other?: string[]; refusal?: string },
    status: 200 | 409 | 422 = 200,
  ) =>
    c.html(
      <PlanAdjustPage
        {...frameOf(c)}
        t={recordsTextOf(c.get('lang'))}
        rules={rules}
        year={year}
        planned={shown.planned}
        fields={shown.fields}
        errors={shown.errors ?? {}}
        other={shown.other ?? []}
        refusal={shown.refusal}
      />,
      status,
    );

  /** The plan to adjust, or the page that says why it cannot be (not allowed, no plan, adjusted as often as allowed). */
  const adjustable = async (c: WebContext) => {
    const t = recordsTextOf(c.get('lang'));
    const session = c.get('session');
    if (!mayAdjust(c))
      return {
        refused: refusalPage(
          c,
          403,
          `user "${session.user.id}" (roles: ${session.user.roles.join(', ') || 'none'}) cannot adjust the year's plan of delegations; expected the role: ${PLAN_ROLE}`,
        ),
      };
    const read = await planFor(c);
    if ('refused' in read) return { refused: read.refused };
    if (!read.rules) return { refused: refusalPage(c, 404, t.noRuleSet(read.year)) };
    if (!read.plan) return { refused: refusalPage(c, 404, t.noPlan(read.year)) };
    return { rules: read.rules, year: read.year, plan: read.plan };
  };

  app.get('/delegations/plan/adjust', async (c) => {
    const read = await adjustable(c);
    if ('refused' in read) return read.refused;
    const t = recordsTextOf(c.get('lang'));
    const used = read.plan.adjustments.length;
    if (used >= read.rules.planAdjustment.times)
      return adjustPage(c, read.rules, read.year, { planned: 0, refusal: t.noMoreAdjustments(used) }, 409);
    return adjustPage(c, read.rules, read.year, {
      planned: read.plan.items.length,
      fields: planFieldsOf(read.plan.items),
    });
  });

  app.post('/delegations/plan/adjust', async (c) => {
    const read = await adjustable(c);
    if ('refused' in read) return read.refused;
    const t = recordsTextOf(c.get('lang'));
    const form = await c.req.parseBody({ all: true });
    const planned = read.plan.items.length;
    const fields = planFieldsFrom(form, form.action === 'addEntry');
    if (form.action === 'addEntry') return adjustPage(c, read.rules, read.year, { planned, fields });
    const built = planItemsOf(fields, t);
    if (!built.success) return adjustPage(c, read.rules, read.year, { planned, fields, errors: built.errors }, 422);
    const path = `/api/delegations/plans/${encodeURIComponent(read.rules.id)}/${read.year}/adjustments`;
    const csrf = typeof form._csrf === 'string' ? form._csrf : '';
    const answer = await callApi(deps, c, path, {
      method: 'POST',
      json: { items: built.items, reason: fields.reason },
      csrf,
    });
    if (answer.status === 200) return c.redirect(`${planHref(read.rules.id, read.year)}&adjusted=1`, 303);
    const body = (await answer
      .clone()
      .json()
      .catch(() => ({}))) as { issues?: Array<{ path: string; message: string }> };
    if (answer.status === 422 && body.issues) {
      const found = planIssueErrors(body.issues, built.rowOf);
      return adjustPage(c, read.rules, read.year, { planned, fields, errors: found.fields, other: found.other }, 422);
    }
    if (answer.status === 403) return refusalPage(c, 403, await problemDetail(answer));
    const refusal = `${t.refused}: ${await problemDetail(answer)}`;
    return adjustPage(c, read.rules, read.year, { planned, fields, refusal }, answer.status === 409 ? 409 : 422);
  });
  return app;
}
