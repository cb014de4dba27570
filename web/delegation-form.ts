import type { FieldErrors } from './start-form.js';
import type { DelegationText } from './delegation-text.js';

/** One traveller as the form holds them: every text as typed. */
export interface PersonFields {
  id: string;
  name: string;
  position: string;
  unit: string;
  keyLeader: boolean;
  standingBoardMember: boolean;
  managedByStandingCommittee: boolean;
}

/** What the delegation form holds, as typed, so a refused form comes back as it was sent. */
export interface DelegationFields {
  /** Outbound (đoàn ra) or inbound (đoàn vào). */
  direction: 'out' | 'in';
  /** The criteria an inbound delegation is invited by, as ticked. */
  criteria: string[];
  unitName: string;
  unitKind: string;
  purpose: string;
  inPlan: boolean;
  urgent: boolean;
  planItem: string;
  startDate: string;
  endDate: string;
  countries: Array<{ country: string; days: string }>;
  leader: PersonFields;
  members: PersonFields[];
  funding: string[];
  fundingOther: string;
  justifications: Record<string, string>;
}

/** A form body parsed with every value of a repeated name (`parseBody({ all: true })`). */
export type AllFormBody = Record<string, string | File | (string | File)[]>;

const first = (value: AllFormBody[string] | undefined): string => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
};
const all = (value: AllFormBody[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');

/** How many rows a repeated group shows: as sent, at least one, at most 50 (pure). */
const rows = (written: string, fallback: number) => Math.min(50, Math.max(1, Number.parseInt(written, 10) || fallback));

const person = (form: AllFormBody, prefix: string, unit: string): PersonFields => ({
  id: first(form[`${prefix}.id`]),
  name: first(form[`${prefix}.name`]),
  position: first(form[`${prefix}.position`]),
  unit: form[`${prefix}.unit`] === undefined ? unit : first(form[`${prefix}.unit`]),
  keyLeader: first(form[`${prefix}.keyLeader`]) === '1',
  standingBoardMember: first(form[`${prefix}.standingBoardMember`]) === '1',
  managedByStandingCommittee: first(form[`${prefix}.managedByStandingCommittee`]) === '1',
});

/** The form's fields from a sent body, or the defaults for the user's unit when nothing was sent (pure). */
export function delegationFieldsOf(
  form: AllFormBody,
  defaults: { unitName: string; unitKind: string },
  add?: 'member' | 'country',
): DelegationFields {
  if (Object.keys(form).length === 0) {
    const blank = person({}, 'leader', defaults.unitName);
    return {
      direction: 'out',
      criteria: [],
      ...defaults,
      purpose: '',
      inPlan: true,
      urgent: false,
      planItem: '',
      startDate: '',
      endDate: '',
      countries: [{ country: '', days: '' }],
      leader: blank,
      members: [{ ...blank }],
      funding: ['state-budget'],
      fundingOther: '',
      justifications: {},
    };
  }
  const unitName = first(form['unit.name']);
  const memberCount = rows(first(form.memberRows), 1) + (add === 'member' ? 1 : 0);
  const countryCount = rows(first(form.countryRows), 1) + (add === 'country' ? 1 : 0);
  const justifications: Record<string, string> = {};
  for (const [name, value] of Object.entries(form))
    if (name.startsWith('justifications.') && first(value).trim() !== '')
      justifications[name.slice('justifications.'.length)] = first(value);
  return {
    direction: first(form.direction) === 'in' ? 'in' : 'out',
    criteria: all(form.criteria),
    unitName,
    unitKind: first(form['unit.kind']),
    purpose: first(form.purpose),
    inPlan: first(form['plan.inPlan']) === '1',
    urgent: first(form.urgent) === '1',
    planItem: first(form['plan.item']),
    startDate: first(form.startDate),
    endDate: first(form.endDate),
    countries: Array.from({ length: countryCount }, (_, i) => ({
      country: first(form[`countries.${i}.country`]),
      days: first(form[`countries.${i}.days`]),
    })),
    leader: person(form, 'leader', unitName),
    members: Array.from({ length: memberCount }, (_, i) => person(form, `members.${i}`, unitName)),
    funding: all(form.funding),
    fundingOther: first(form['funding.other']),
    justifications,
  };
}

/** 'YYYY-MM-DD' of a date written dd/mm/yyyy, or undefined when it is not one (pure). */
export function isoDateOf(written: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(written.trim());
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const isBlank = (p: PersonFields) => [p.id, p.name, p.position].every((v) => v.trim() === '');

const personOf = (p: PersonFields) => ({
  id: p.id.trim(),
  name: p.name.trim(),
  position: p.position.trim(),
  unit: p.unit.trim(),
  keyLeader: p.keyLeader,
  standingBoardMember: p.standingBoardMember,
  managedByStandingCommittee: p.managedByStandingCommittee,
});

/** A proposal built from the form: the JSON the API reads, and which form row each member and country came from. */
export interface BuiltProposal {
  proposal: Record<string, unknown>;
  /** The form row of each member and country of the proposal, by their index in it. */
  rowOf: { members: number[]; countries: number[] };
}

/**
 * The proposal a filled form stands for, outbound or inbound, or a message beside each field the form itself can judge
 * (dates written dd/mm/yyyy, whole days, an inbound delegation's criteria); the rest is judged by the API. Blank member
 * and country rows are left out, and an outbound form's ticked criteria with them (pure).
 */
export function proposalOf(
  fields: DelegationFields,
  planItemText: string | undefined,
  t: DelegationText,
): { success: true; built: BuiltProposal } | { success: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const dates: Record<'startDate' | 'endDate', string> = { startDate: '', endDate: '' };
  for (const name of ['startDate', 'endDate'] as const) {
    const written = fields[name].trim();
    const iso = isoDateOf(written);
    if (written === '') errors[name] = t.required;
    else if (!iso) errors[name] = t.badDate;
    else dates[name] = iso;
  }
  const countryRows = fields.countries.flatMap((c, i) => (c.country.trim() === '' && c.days.trim() === '' ? [] : [i]));
  const countries = countryRows.map((i) => {
    const { country, days } = fields.countries[i]!;
    if (!/^\d+$/.test(days.trim()) || Number(days) < 1) errors[`countries.${i}.days`] = t.badDays;
    return { country: country.trim(), days: Number(days) };
  });
  const inbound = fields.direction === 'in';
  if (inbound && fields.criteria.length === 0) errors.criteria = t.needCriteria;
  if (Object.keys(errors).length > 0) return { success: false, errors };
  const memberRows = fields.members.flatMap((m, i) => (isBlank(m) ? [] : [i]));
  const funding = fields.funding.map((source) =>
    source === 'other' ? { source, description: fields.fundingOther.trim() || undefined } : source,
  );
  const proposal: Record<string, unknown> = {
    direction: fields.direction,
    unit: { name: fields.unitName.trim(), kind: fields.unitKind },
    purpose: fields.purpose,
    plan: { inPlan: fields.inPlan, ...(planItemText ? { item: planItemText } : {}) },
    urgent: fields.urgent,
    leader: personOf(fields.leader),
    members: memberRows.map((i) => personOf(fields.members[i]!)),
    countries,
    ...dates,
    funding,
    ...(inbound ? { inbound: { criteria: fields.criteria } } : {}),
    ...(Object.keys(fields.justifications).length > 0 ? { justifications: fields.justifications } : {}),
  };
  return { success: true, built: { proposal, rowOf: { members: memberRows, countries: countryRows } } };
}

/**
 * The API's issues with a proposal as messages beside the form's fields, its member and country indexes turned
 * back into form rows; an issue no field holds is kept under its path for the list above the form (pure).
 */
export function issueErrors(
  issues: Array<{ path: string; message: string }>,
  rowOf: BuiltProposal['rowOf'],
): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const { path, message } of issues) {
    const parts = path.split('.');
    if ((parts[0] === 'members' || parts[0] === 'countries') && parts.length > 2) {
      const row = rowOf[parts[0]][Number(parts[1])];
      fields[`${parts[0]}.${row}.${parts.slice(2).join('.')}`] ??= message;
    } else if (parts[0] === 'funding') fields.funding ??= message;
    else if (parts[0] === 'inbound') fields.criteria ??= message;
    else if (/^(leader\.\w+|unit\.(name|kind)|purpose|plan\.item|startDate|endDate)$/.test(path))
      fields[path] ??= message;
    else other.push(`${path}: ${message}`);
  }
  return { fields, other };
}
