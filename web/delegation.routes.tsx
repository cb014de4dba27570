import { Hono } from 'hono';
import { proposalCodes } from '../client/delegation-labels.js';
import { DELEGATION, holdsAny, ledgerReaders, proposerRole } from '../client/delegation-roles.js';
import { processIds } from '../client/processes.js';
import { callApi, problemDetail, type WebContext, type WebDeps, type WebEnv } from './deps.js';
import {
  delegationFieldsOf,
  issueErrors,
  proposalOf,
  type AllFormBody,
  type DelegationFields,
} from './delegation-form.js';
import { delegationTextOf } from './delegation-text.js';
import { frameOf } from './frame.js';
import type { CheckResult, PlanState } from './pages/delegation-check.js';
import { DelegationPage } from './pages/delegation.js';
import type { FieldErrors } from './start-form.js';

/** Whether a user's roles may propose a delegation: the role of its first stage, the organising unit (pure but for the registry). */
export const mayProposeDelegation = (roles: readonly string[]): boolean =>
  processIds().includes(DELEGATION) && roles.includes(proposerRole());

/** What the page shows beside the form. */
interface Shown {
  errors?: FieldErrors;
  incomplete?: string[];
  check?: CheckResult;
  plan?: PlanState | null;
  planYear?: number;
  refusal?: string;
  status?: 200 | 403 | 409 | 413 | 422 | 503;
}

/** The status a page answers for an API refusal (pure). */
const pageStatus = (status: number) => ([403, 409, 413, 422, 503] as const).find((s) => s === status) ?? 422;

/** The plan of a rule set and year through the API: null when none is recorded, undefined when it cannot be read. */
async function planOf(deps: WebDeps, c: WebContext, ruleSet: string, year: number) {
  const response = await callApi(deps, c, `/api/delegations/plans/${encodeURIComponent(ruleSet)}/${year}`);
  if (response.status === 404) return null;
  return response.status === 200 ? ((await response.json()) as PlanState) : undefined;
}

/** The delegation form, outbound or inbound: the proposal, its live check against the rules and the ledger, and its start. */
export function delegationRoutes(deps: WebDeps) {
  const app = new Hono<WebEnv>();

  /** The user's own unit, as the form starts with it. */
  const defaultsFor = (c: WebContext) => {
    const user = deps.directory().find((u) => u.id === c.get('session').user.id);
    const unitId = user?.units?.[0];
    const unit = unitId === undefined ? undefined : deps.units?.().find((u) => u.id === unitId);
    const kinds: readonly string[] = proposalCodes.unitKinds;
    return {
      unitName: unit?.name ?? unitId ?? '',
      unitKind: unit && kinds.includes(unit.kind) ? unit.kind : 'department',
    };
  };

  const render = (c: WebContext, fields: DelegationFields, shown: Shown = {}) => {
    const users = deps.directory();
    return c.html(
      <DelegationPage
        {...frameOf(c)}
        t={delegationTextOf(c.get('lang'))}
        fields={fields}
        errors={shown.errors ?? {}}
        incomplete={shown.incomplete ?? []}
        check={shown.check}
        plan={shown.plan}
        planYear={shown.planYear}
        refusal={shown.refusal}
        nameOf={(id) => users.find((u) => u.id === id)?.name ?? id}
        mayReadLedger={holdsAny(c.get('session').user.roles, ledgerReaders())}
      />,
      shown.status ?? 200,
    );
  };

  app.get('/delegations/new', (c) => {
    if (!mayProposeDelegation(c.get('session').user.roles)) return c.redirect('/start', 303);
    return render(c, delegationFieldsOf({}, defaultsFor(c)));
  });

  app.post('/delegations/new', async (c) => {
    if (!mayProposeDelegation(c.get('session').user.roles)) return c.redirect('/start', 303);
    const t = delegationTextOf(c.get('lang'));
    const form = (await c.req.parseBody({ all: true })) as AllFormBody;
    const action = typeof form.action === 'string' ? form.action : 'check';
    const live = form.live === '1';
    const add = action === 'addMember' ? 'member' : action === 'addCountry' ? 'country' : undefined;
    const fields = delegationFieldsOf(form, defaultsFor(c), add);
    if (add) return render(c, fields);
    const built = proposalOf(fields, undefined, t);
    // A live check leaves the fields unmarked: a field being filled in is not yet wrong.
    if (!built.success) return render(c, fields, live ? { status: 422 } : { errors: built.errors, status: 422 });
    const csrf = typeof form._csrf === 'string' ? form._csrf : '';
    const { proposal, rowOf } = built.built;
    const answer = await callApi(deps, c, '/api/delegations/check', { method: 'POST', json: proposal, csrf });
    if (answer.status !== 200) {
      const body = (await answer
        .clone()
        .json()
        .catch(() => ({}))) as { issues?: Array<{ path: string; message: string }> };
      if (answer.status !== 422 || !body.issues) {
        // A live check replaces only the check's section: the refusal is shown there.
        const detail = await problemDetail(answer);
        const status = pageStatus(answer.status);
        return render(c, fields, live ? { incomplete: [detail], status } : { refusal: detail, status });
      }
      const found = issueErrors(body.issues, rowOf);
      const all = body.issues.map((i) => `${i.path}: ${i.message}`);
      return render(
        c,
        fields,
        live ? { incomplete: all, status: 422 } : { errors: found.fields, incomplete: found.other, status: 422 },
      );
    }
    const check = (await answer.json()) as CheckResult;
    const planYear = Number(String(proposal.startDate).slice(0, 4));
    const plan = await planOf(deps, c, check.ruleSet.id, planYear);
    const shown: Shown = { check, plan, planYear };
    if (action !== 'start') return render(c, fields, shown);

    if (check.findings.some((f) => f.severity === 'block'))
      return render(c, fields, { ...shown, refusal: t.refusedBlocked, status: 422 });
    const exceptions = check.findings.filter((f) => f.severity === 'exception').map((f) => f.rule);
    const unjustified = exceptions.filter((rule) => !fields.justifications[rule]?.trim());
    if (unjustified.length > 0) {
      const errors = Object.fromEntries(unjustified.map((rule) => [`justifications.${rule}`, t.needJustification]));
      return render(c, fields, { ...shown, errors, refusal: t.refusedJustify, status: 422 });
    }
    const item = plan?.items.find((i) => i.item === fields.planItem);
    const justifications = Object.fromEntries(exceptions.map((rule) => [rule, fields.justifications[rule]!.trim()]));
    const sent = {
      ...proposal,
      plan: { inPlan: fields.inPlan, ...(item ? { item: `${item.item}: ${item.title}` } : {}) },
      justifications: exceptions.length > 0 ? justifications : undefined,
    };
    const started = await callApi(deps, c, '/api/delegations', { method: 'POST', json: sent, csrf });
    if (started.status !== 201)
      return render(c, fields, {
        ...shown,
        refusal: `${t.refused}: ${await problemDetail(started)}`,
        status: pageStatus(started.status),
      });
    const { workflowId } = (await started.json()) as { workflowId: string };
    return c.redirect(`/dossiers/${encodeURIComponent(workflowId)}?started=1`, 303);
  });
  return app;
}
