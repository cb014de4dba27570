import {
  fundingLabels,
  inboundCriterionLabels,
  proposalCodes,
  purposeLabels,
  unitKindLabels,
} from '../../client/delegation-labels.js';
import type { DelegationFields, PersonFields } from '../delegation-form.js';
import type { DelegationText } from '../delegation-text.js';
import { Layout, type Frame } from '../layout.js';
import type { FieldErrors } from '../start-form.js';
import { CheckSection, type CheckResult, type PlanItem, type PlanState } from './delegation-check.js';
import { Field, Select } from './fields.js';

/** What the delegation page shows. */
export interface DelegationPageProps extends Frame {
  t: DelegationText;
  fields: DelegationFields;
  errors: FieldErrors;
  /** The API's issues that no field holds, or all of them on a live check. */
  incomplete: string[];
  check?: CheckResult | undefined;
  /** The plan of the trip's year: null when none is recorded, undefined before the year is known. */
  plan?: PlanState | null | undefined;
  planYear?: number | undefined;
  refusal?: string | undefined;
  nameOf: (id: string) => string;
  /** Whether the user may open the ledger of the year (the organising units may not). */
  mayReadLedger?: boolean;
}

/** A checkbox sending "1" when ticked. */
const Tick = (props: { name: string; label: string; checked: boolean; value?: string }) => (
  <label class="check">
    <input type="checkbox" name={props.name} value={props.value ?? '1'} checked={props.checked} />
    {props.label}
  </label>
);

/** One traveller's fields. */
function Person(props: {
  t: DelegationText;
  prefix: string;
  legend: string;
  person: PersonFields;
  errors: FieldErrors;
}) {
  const { t, prefix, person, errors } = props;
  const text = (key: 'id' | 'name' | 'position' | 'unit', label: string) => (
    <Field name={`${prefix}.${key}`} label={label} value={person[key]} error={errors[`${prefix}.${key}`]} />
  );
  return (
    <fieldset class="person">
      <legend>{props.legend}</legend>
      {text('name', t.personName)}
      {text('id', t.personId)}
      {text('position', t.position)}
      {text('unit', t.personUnit)}
      <Tick name={`${prefix}.keyLeader`} label={t.keyLeader} checked={person.keyLeader} />
      <Tick name={`${prefix}.standingBoardMember`} label={t.standingBoardMember} checked={person.standingBoardMember} />
      <Tick
        name={`${prefix}.managedByStandingCommittee`}
        label={t.managed}
        checked={person.managedByStandingCommittee}
      />
    </fieldset>
  );
}

/** The plan item select: the items of the plan of the trip's year in the proposal's direction. */
function PlanItemSelect(props: {
  t: DelegationText;
  fields: DelegationFields;
  plan: PlanState | null | undefined;
  error?: string | undefined;
}) {
  const { t } = props;
  const items = (props.plan?.items ?? []).filter((i) => i.direction === props.fields.direction);
  const options = [
    { value: '', label: t.planItemNone },
    ...items.map((i) => ({ value: i.item, label: `${i.item} · ${i.unit} · ${i.title}` })),
  ];
  return (
    <div id="plan-item">
      <Select
        name="plan.item"
        label={t.planItem}
        value={props.fields.planItem}
        options={options}
        hint={t.planItemHint}
        error={props.error}
      />
    </div>
  );
}

/** Outbound or inbound, and the criteria an inbound delegation is invited by (shown for an inbound one only). */
function Direction(props: { t: DelegationText; lang: 'vi' | 'en'; fields: DelegationFields; errors: FieldErrors }) {
  const { t, fields } = props;
  const error = props.errors.criteria;
  return (
    <>
      <fieldset>
        <legend>{t.direction}</legend>
        {(['out', 'in'] as const).map((direction) => (
          <label class="check">
            <input type="radio" name="direction" value={direction} checked={fields.direction === direction} />
            {t[direction]}
          </label>
        ))}
      </fieldset>
      <fieldset
        id="inbound-criteria"
        hidden={fields.direction !== 'in'}
        aria-describedby={error ? 'f-criteria-hint f-criteria-err' : 'f-criteria-hint'}
      >
        <legend>{t.criteria}</legend>
        <small id="f-criteria-hint" class="muted">
          {t.criteriaHint}
        </small>
        {error && (
          <p id="f-criteria-err" class="field-error">
            {error}
          </p>
        )}
        {proposalCodes.inboundCriteria.map((code) => (
          <Tick
            name="criteria"
            value={code}
            label={inboundCriterionLabels[code][props.lang]}
            checked={fields.criteria.includes(code)}
          />
        ))}
      </fieldset>
    </>
  );
}

/** The delegation proposal form, outbound or inbound, with its rule check, the ledger per person and the plan entry. */
export function DelegationPage(props: DelegationPageProps) {
  const { lang, fields, errors } = props;
  // An inbound delegation's dates, countries and people are worded for the guests and their hosts.
  const t = fields.direction === 'in' ? { ...props.t, ...props.t.inbound } : props.t;
  const failed = Object.keys(errors).length > 0;
  const planItem: PlanItem | undefined = props.plan?.items.find((i) => i.item === fields.planItem);
  const labelled = <K extends string>(codes: readonly K[], labels: Record<K, { vi: string; en: string }>) =>
    codes.map((code) => ({ value: code, label: labels[code][lang] }));
  return (
    <Layout {...props} title={t.title}>
      <p>{t.intro}</p>
      {failed && !props.refusal && (
        <p class="error" role="alert">
          {t.fix}
        </p>
      )}
      {props.refusal && (
        <p class="error" role="alert">
          {props.refusal}
        </p>
      )}
      <form method="post" action="/delegations/new" class="wide" id="delegation-form" novalidate>
        <input type="hidden" name="_csrf" value={props.session?.csrfToken ?? ''} />
        {/* Enter in a field checks the proposal: the first submit button is the form's default. */}
        <button type="submit" name="action" value="check" hidden>
          {t.check}
        </button>
        <input type="hidden" name="memberRows" value={String(fields.members.length)} />
        <input type="hidden" name="countryRows" value={String(fields.countries.length)} />
        <Direction t={t} lang={lang} fields={fields} errors={errors} />
        <fieldset id="organiser">
          <legend>{t.unit}</legend>
          <Field name="unit.name" label={t.unitName} value={fields.unitName} error={errors['unit.name']} />
          <Select
            name="unit.kind"
            label={t.unitKind}
            value={fields.unitKind}
            options={labelled(proposalCodes.unitKinds, unitKindLabels)}
            error={errors['unit.kind']}
          />
          <Select
            name="purpose"
            label={t.purpose}
            value={fields.purpose}
            options={[{ value: '', label: '—' }, ...labelled(proposalCodes.purposes, purposeLabels)]}
            error={errors.purpose}
          />
        </fieldset>
        <fieldset>
          <legend>{t.plan}</legend>
          <Tick name="plan.inPlan" label={t.inPlan} checked={fields.inPlan} />
          <Tick name="urgent" label={t.urgent} checked={fields.urgent} />
          <PlanItemSelect t={t} fields={fields} plan={props.plan} error={errors['plan.item']} />
        </fieldset>
        <fieldset id="dates">
          <legend>{t.dates}</legend>
          <Field name="startDate" label={t.startDate} value={fields.startDate} error={errors.startDate} />
          <Field name="endDate" label={t.endDate} value={fields.endDate} error={errors.endDate} />
        </fieldset>
        <fieldset id="countries">
          <legend>{t.countries}</legend>
          {fields.countries.map((c, i) => (
            <div class="row">
              <Field
                name={`countries.${i}.country`}
                label={`${t.country} ${i + 1}`}
                value={c.country}
                error={errors[`countries.${i}.country`]}
              />
              <Field
                name={`countries.${i}.days`}
                label={`${t.days} (${i + 1})`}
                value={c.days}
                inputmode="numeric"
                error={errors[`countries.${i}.days`]}
              />
            </div>
          ))}
          <button type="submit" name="action" value="addCountry">
            {t.addCountry}
          </button>
        </fieldset>
        <fieldset id="travellers">
          <legend>{t.travellers}</legend>
          <Person t={t} prefix="leader" legend={t.leader} person={fields.leader} errors={errors} />
          {fields.members.map((m, i) => (
            <Person t={t} prefix={`members.${i}`} legend={t.member(i + 1)} person={m} errors={errors} />
          ))}
          <button type="submit" name="action" value="addMember">
            {t.addMember}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t.funding}</legend>
          {errors.funding && <p class="field-error">{errors.funding}</p>}
          {proposalCodes.funding.map((code) => (
            <Tick
              name="funding"
              value={code}
              label={fundingLabels[code][lang]}
              checked={fields.funding.includes(code)}
            />
          ))}
          <Field name="funding.other" label={t.fundingOther} value={fields.fundingOther} />
        </fieldset>
        <CheckSection
          t={t}
          lang={lang}
          check={props.check}
          incomplete={props.incomplete}
          plan={props.plan}
          planYear={props.planYear}
          planItem={planItem}
          justifications={fields.justifications}
          errors={errors}
          nameOf={props.nameOf}
          mayReadLedger={props.mayReadLedger ?? false}
        />
        <div class="actions">
          <button type="submit" name="action" value="check">
            {t.check}
          </button>
          <button class="primary" type="submit" name="action" value="start">
            {t.start}
          </button>
        </div>
      </form>
      <script src="/assets/delegation.js" defer></script>
    </Layout>
  );
}
