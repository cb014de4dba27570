import { formatDate } from '../format.js';
import type { Lang } from '../messages.js';
import type { DelegationText } from '../delegation-text.js';
import type { FieldErrors } from '../start-form.js';
import { Field } from './fields.js';

/** One finding of a check, as the API answers it. */
export interface CheckFinding {
  rule: string;
  severity: 'block' | 'exception' | 'decided';
  message: { vi: string; en: string };
  facts: Record<string, unknown>;
}

/** A traveller and their trips of the year, as the API's check answers them. */
export interface CheckTraveller {
  person: string;
  name: string;
  keyLeader: boolean;
  year: number;
  trips: Array<{
    delegation: string;
    startDate: string;
    endDate: string;
    reportDueAt: string;
    reportFiledAt: string | null;
  }>;
  tripsLeft: number | null;
}

/** What `POST /api/delegations/check` answers. */
export interface CheckResult {
  ruleSet: { id: string; version: number; title: string };
  outcome: 'ok' | 'blocked' | 'awaitingDecision';
  findings: CheckFinding[];
  warnings: string[];
  travellers: CheckTraveller[];
}

/** One delegation of the year's plan, and the plan as the API answers it. */
export interface PlanItem {
  item: string;
  direction: 'out' | 'in';
  unit: string;
  title: string;
  countries: string[];
  quarter?: number;
}
export interface PlanState {
  year: number;
  items: PlanItem[];
  adjustments: Array<{ at: string; by: string; reason: string }>;
}

/** The facts of a finding as short "name: value" text (pure). */
const factsText = (facts: Record<string, unknown>) =>
  Object.entries(facts)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');

/** Each finding with its severity, message and facts; an exception gets its justification box. */
function Findings(props: {
  t: DelegationText;
  lang: Lang;
  check: CheckResult;
  justifications: Record<string, string>;
  errors: FieldErrors;
}) {
  const { t, check } = props;
  const summary = check.outcome === 'ok' ? t.ok : check.outcome === 'blocked' ? t.blocked : t.awaiting;
  return (
    <>
      <p class="muted">{t.checkedAgainst(check.ruleSet.title)}</p>
      <p class={check.outcome === 'blocked' ? 'error' : check.outcome === 'ok' ? 'notice' : 'warning'}>{summary}</p>
      {check.findings.length > 0 && (
        <ul class="findings">
          {check.findings.map((f) => (
            <li class={`finding ${f.severity}`} data-rule={f.rule}>
              <strong>{`${t.severity[f.severity]} · ${f.rule}`}</strong>
              <p>{f.message[props.lang]}</p>
              <p class="muted">{`${t.facts}: ${factsText(f.facts)}`}</p>
              {f.severity === 'exception' && (
                <Field
                  name={`justifications.${f.rule}`}
                  label={t.justification(f.rule)}
                  value={props.justifications[f.rule] ?? ''}
                  multiline={3}
                  error={props.errors[`justifications.${f.rule}`]}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {check.warnings.map((w) => (
        <p class="muted" lang="en">
          {w}
        </p>
      ))}
    </>
  );
}

/** The trips of the year of each traveller, from the ledger, and what a key leader has left. */
function Ledger(props: { t: DelegationText; travellers: CheckTraveller[]; href?: string | undefined }) {
  const { t } = props;
  const year = props.travellers[0]?.year ?? 0;
  return (
    <div class="table-wrap">
      {props.href && (
        <p>
          <a href={props.href}>{t.ledgerLink(year)}</a>
        </p>
      )}
      <table class="ledger">
        <caption>{t.ledger}</caption>
        <thead>
          <tr>
            <th scope="col">{t.personName}</th>
            <th scope="col">{t.keyLeader}</th>
            <th scope="col">{t.ledgerYear(year)}</th>
            <th scope="col">{t.tripsLeft}</th>
            <th scope="col">{t.trips}</th>
          </tr>
        </thead>
        <tbody>
          {props.travellers.map((p) => (
            <tr data-person={p.person}>
              <th scope="row">{p.name}</th>
              <td>{p.keyLeader ? t.yes : t.no}</td>
              <td class="trips-used">{new Set(p.trips.map((trip) => trip.delegation)).size}</td>
              <td>{p.tripsLeft ?? '—'}</td>
              <td>
                {p.trips.length === 0
                  ? t.noTrips
                  : p.trips.map((trip) => (
                      <div>
                        {`${trip.delegation}, ${formatDate(trip.startDate)} – ${formatDate(trip.endDate)}, `}
                        {trip.reportFiledAt ? t.reportFiled : t.reportDue(formatDate(trip.reportDueAt))}
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The plan item chosen, and the plan's adjustment. */
function PlanEntry(props: {
  t: DelegationText;
  plan: PlanState;
  item: PlanItem | undefined;
  nameOf: (id: string) => string;
  href: string;
}) {
  const { t, item } = props;
  const adjustment = props.plan.adjustments[0];
  return (
    <section aria-labelledby="plan-entry-h">
      <h3 id="plan-entry-h">{t.planEntry}</h3>
      <p>
        <a href={props.href}>{t.planLink(props.plan.year)}</a>
      </p>
      {item && (
        <dl class="facts plan-entry">
          <dt>{t.item}</dt>
          <dd>{item.item}</dd>
          <dt>{t.itemTitle}</dt>
          <dd>{item.title}</dd>
          <dt>{t.itemUnit}</dt>
          <dd>{item.unit}</dd>
          <dt>{t.countries}</dt>
          <dd>{item.countries.join(', ')}</dd>
          {item.quarter !== undefined && (
            <>
              <dt>{t.quarter}</dt>
              <dd>{item.quarter}</dd>
            </>
          )}
        </dl>
      )}
      <p class="muted">
        {adjustment
          ? t.planAdjusted(formatDate(adjustment.at), props.nameOf(adjustment.by), adjustment.reason)
          : t.planNotAdjusted}
      </p>
    </section>
  );
}

/** The check's section of the form: its findings with justification boxes, the ledger per person, the plan entry. */
export function CheckSection(props: {
  t: DelegationText;
  lang: Lang;
  check: CheckResult | undefined;
  incomplete: string[];
  plan: PlanState | null | undefined;
  planYear: number | undefined;
  planItem: PlanItem | undefined;
  justifications: Record<string, string>;
  errors: FieldErrors;
  nameOf: (id: string) => string;
  /** Whether the user may open the ledger of the year (the organising units may not). */
  mayReadLedger: boolean;
}) {
  const { t, check } = props;
  const records = (page: 'ledger' | 'plan', year: number) =>
    `/delegations/${page}?year=${year}${check ? `&rules=${encodeURIComponent(check.ruleSet.id)}` : ''}`;
  return (
    <section id="check" aria-labelledby="check-h" aria-live="polite">
      <h2 id="check-h">{t.checkTitle}</h2>
      {!props.check && props.incomplete.length === 0 && <p class="muted">{t.notChecked}</p>}
      {props.incomplete.length > 0 && (
        <div class="error">
          <p>{t.incomplete}</p>
          <ul>
            {props.incomplete.map((issue) => (
              <li>{issue}</li>
            ))}
          </ul>
        </div>
      )}
      {props.check && (
        <Findings
          t={t}
          lang={props.lang}
          check={props.check}
          justifications={props.justifications}
          errors={props.errors}
        />
      )}
      {props.check && props.check.travellers.length > 0 && (
        <Ledger
          t={t}
          travellers={props.check.travellers}
          href={props.mayReadLedger ? records('ledger', props.check.travellers[0]!.year) : undefined}
        />
      )}
      {props.plan === null && props.planYear !== undefined && <p class="muted">{t.planMissing(props.planYear)}</p>}
      {props.plan && (
        <PlanEntry
          t={t}
          plan={props.plan}
          item={props.planItem}
          nameOf={props.nameOf}
          href={records('plan', props.plan.year)}
        />
      )}
    </section>
  );
}
