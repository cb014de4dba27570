import type { RuleSetInfo } from '../delegation-ledger-data.js';
import type { PlanFields } from '../delegation-plan-form.js';
import type { RecordsText } from '../delegation-records-text.js';
import { formatDate } from '../format.js';
import { Layout, type Frame } from '../layout.js';
import type { FieldErrors } from '../start-form.js';
import type { PlanItem, PlanState } from './delegation-check.js';
import { YearPicker } from './delegation-ledger.js';
import { Field, Select } from './fields.js';

/** A plan as `GET /api/delegations/plans/{ruleSet}/{year}` answers it, with each adjustment's counts. */
export interface FullPlan extends PlanState {
  adjustments: Array<PlanState['adjustments'][number] & { before: Counts; after: Counts }>;
}
type Counts = { outbound: number; inbound: number };

/** The outbound and inbound counts of a list of entries (pure). */
const countsOf = (items: readonly PlanItem[]): Counts => ({
  outbound: items.filter((i) => i.direction === 'out').length,
  inbound: items.filter((i) => i.direction === 'in').length,
});

/** The plan's entries as a table. */
function PlanTable(props: { t: RecordsText; items: PlanItem[] }) {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table class="plan-items">
        <caption>{t.planTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{t.item}</th>
            <th scope="col">{t.direction}</th>
            <th scope="col">{t.itemUnit}</th>
            <th scope="col">{t.itemTitle}</th>
            <th scope="col">{t.countries.replace(/ \(.*\)$/, '')}</th>
            <th scope="col">{t.quarter}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr data-item={i.item}>
              <th scope="row">{i.item}</th>
              <td>{i.direction === 'out' ? t.out : t.in}</td>
              <td>{i.unit}</td>
              <td>{i.title}</td>
              <td>{i.countries.join(', ')}</td>
              <td>{i.quarter ?? t.noQuarter}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where the plan's pages are for a rule set and year (pure). */
export const planHref = (ruleSet: string, year: number, adjust = false) =>
  `/delegations/plan${adjust ? '/adjust' : ''}?year=${year}&rules=${encodeURIComponent(ruleSet)}`;

/** The rule of the adjustment as a sentence (pure). */
const ruleText = (t: RecordsText, rules: RuleSetInfo) =>
  t.adjustRule(
    formatDate(rules.planAdjustment.deadline),
    rules.planAdjustment.maxOutbound,
    rules.planAdjustment.maxInbound,
    rules.planAdjustment.times,
  );

/** The plan of a year: its entries, the adjustments made and, for the department that coordinates it, the link to adjust. */
export function PlanPage(
  props: Frame & {
    t: RecordsText;
    ruleSets: RuleSetInfo[];
    rules: RuleSetInfo | undefined;
    year: number;
    plan: FullPlan | null;
    mayAdjust: boolean;
    notice?: string | undefined;
    nameOf: (id: string) => string;
  },
) {
  const { t, plan, rules } = props;
  const ruleSet = rules?.id ?? '';
  const used = plan?.adjustments.length ?? 0;
  const c = countsOf(plan?.items ?? []);
  return (
    <Layout {...props} title={t.planTitle}>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <YearPicker
        t={t}
        action="/delegations/plan"
        label={t.planTitle}
        year={props.year}
        ruleSet={ruleSet}
        ruleSets={props.ruleSets}
      />
      {!rules ? (
        <p>{t.noRuleSet(props.year)}</p>
      ) : !plan ? (
        <p>{t.noPlan(props.year)}</p>
      ) : (
        <>
          <p>
            {t.counts(c.outbound, c.inbound)}{' '}
            <a href={`/delegations/ledger?year=${props.year}&rules=${encodeURIComponent(ruleSet)}`}>{t.ledgerLink}</a>
          </p>
          <PlanTable t={t} items={plan.items} />
          <section aria-labelledby="adjustments-h">
            <h2 id="adjustments-h">{t.adjustments}</h2>
            <p class="muted">{ruleText(t, rules)}</p>
            {plan.adjustments.length === 0 ? (
              <p>{t.notAdjusted}</p>
            ) : (
              <ul class="adjustments">
                {plan.adjustments.map((a) => (
                  <li>
                    <strong>{t.adjusted(formatDate(a.at), props.nameOf(a.by))}</strong>
                    <p>{`${t.reason}: ${a.reason}`}</p>
                    <p class="muted">
                      {t.adjustedCounts(
                        t.counts(a.before.outbound, a.before.inbound),
                        t.counts(a.after.outbound, a.after.inbound),
                      )}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {props.mayAdjust &&
              (used >= rules.planAdjustment.times ? (
                <p class="warning">{t.noMoreAdjustments(used)}</p>
              ) : (
                <p>
                  <a href={planHref(ruleSet, props.year, true)}>{t.adjustLink}</a>
                </p>
              ))}
          </section>
        </>
      )}
    </Layout>
  );
}

/** One entry of the adjustment form. */
function EntryFields(props: {
  t: RecordsText;
  i: number;
  row: PlanFields['rows'][number];
  errors: FieldErrors;
  isNew: boolean;
}) {
  const { t, i, row, errors } = props;
  const name = (key: string) => `rows.${i}.${key}`;
  return (
    <fieldset class="plan-entry-fields" data-row={String(i)}>
      <legend>{props.isNew ? t.newEntry : `${t.entry(i + 1)}: ${row.item}`}</legend>
      <div class="row">
        <Field name={name('item')} label={t.item} value={row.item} error={errors[name('item')]} />
        <Select
          name={name('direction')}
          label={t.direction}
          value={row.direction}
          options={[
            { value: 'out', label: t.out },
            { value: 'in', label: t.in },
          ]}
        />
        <Select
          name={name('quarter')}
          label={t.quarter}
          value={row.quarter}
          options={[{ value: '', label: t.noQuarter }, ...['1', '2', '3', '4'].map((q) => ({ value: q, label: q }))]}
        />
      </div>
      <Field name={name('unit')} label={t.itemUnit} value={row.unit} error={errors[name('unit')]} />
      <Field name={name('title')} label={t.itemTitle} value={row.title} error={errors[name('title')]} />
      <Field name={name('countries')} label={t.itemCountries} value={row.countries} error={errors[name('countries')]} />
      {!props.isNew && (
        <label class="check">
          <input type="checkbox" name={name('remove')} value="1" checked={row.remove} />
          {t.remove}
        </label>
      )}
    </fieldset>
  );
}

/** The adjustment form: every entry to change or remove, new ones to add, and the reason; or why it cannot be made. */
export function PlanAdjustPage(
  props: Frame & {
    t: RecordsText;
    rules: RuleSetInfo;
    year: number;
    /** How many entries came from the plan: the rows after them are new. */
    planned: number;
    fields: PlanFields | undefined;
    errors: FieldErrors;
    other: string[];
    refusal?: string | undefined;
  },
) {
  const { t, fields, errors } = props;
  const failed = Object.keys(errors).length > 0 || props.other.length > 0;
  return (
    <Layout {...props} title={t.adjustTitle}>
      <p>
        <a href={planHref(props.rules.id, props.year)}>{t.planLink}</a>
      </p>
      <p class="muted">{ruleText(t, props.rules)}</p>
      {props.refusal && (
        <p class="error" role="alert">
          {props.refusal}
        </p>
      )}
      {failed && !props.refusal && (
        <div class="error" role="alert">
          <p>{t.fix}</p>
          {props.other.length > 0 && (
            <ul>
              {props.other.map((o) => (
                <li>{o}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {fields && (
        <form
          method="post"
          action={planHref(props.rules.id, props.year, true)}
          class="wide"
          id="plan-adjust"
          novalidate
        >
          <p>{t.adjustIntro}</p>
          <input type="hidden" name="_csrf" value={props.session?.csrfToken ?? ''} />
          {/* Enter in a field submits the adjustment: the first submit button is the form's default. */}
          <button type="submit" name="action" value="adjust" hidden>
            {t.submit}
          </button>
          <input type="hidden" name="rows" value={String(fields.rows.length)} />
          {fields.rows.map((row, i) => (
            <EntryFields t={t} i={i} row={row} errors={errors} isNew={i >= props.planned} />
          ))}
          <button type="submit" name="action" value="addEntry">
            {t.addEntry}
          </button>
          <Field name="reason" label={t.reason} value={fields.reason} error={errors.reason} multiline={3} />
          <div class="actions">
            <button class="primary" type="submit" name="action" value="adjust">
              {t.submit}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}
