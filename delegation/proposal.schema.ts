import { z } from 'zod';
import { isPlainDate, toEpochDay } from '../calendar/dates.js';
import type { UnitIndex } from '../directory/units.js';
import { FundingSource, InboundCriterion, PlainDateText, Purpose, UnitKind } from './codes.js';
import { resolveCountry } from './countries.js';
import { strictObject, text } from './strict.js';

export { FundingSource, InboundCriterion, PlainDateText, Purpose, UnitKind } from './codes.js';

/** The most days a proposal may declare in one country; a longer stay is a typing error, not a trip. */
export const MAX_DAYS_IN_A_COUNTRY = 366;

/** A unit of the directory, as a proposal refers to it after lookup. */
export interface UnitRef {
  id: string;
  name: string;
}

const addIssue = (ctx: z.RefinementCtx, message: string) => ctx.addIssue({ code: 'custom', message });

/** A unit name looked up in the directory; an unknown unit is an issue naming the nearest one and how to add it. */
const unitName = (units: UnitIndex, example: string) =>
  text(300, `expected a unit's name, such as "${example}"`).transform((name, ctx): UnitRef => {
    const found = units.resolve(name);
    if (found.success) return { id: found.data.id, name: found.data.name };
    addIssue(ctx, found.error);
    return z.NEVER;
  });

/** One person of a delegation, the unit looked up in the directory. */
function member(units: UnitIndex) {
  return strictObject({
    id: text(100, 'expected a person id, such as "nguyen.van.an"'),
    name: text(200, "expected the person's full name"),
    position: text(300, 'expected the person\'s position, such as "Giám đốc"'),
    unit: unitName(units, 'Sở Công Thương'),
    /** A key leader (lãnh đạo chủ chốt) of their unit. */
    keyLeader: z.boolean(),
    /** A member of the Standing Board of the City Party Committee (Thường trực Thành ủy). */
    standingBoardMember: z.boolean(),
    /** A cadre managed by the Standing Committee of the City Party Committee (cán bộ diện Ban Thường vụ Thành ủy quản lý). */
    managedByStandingCommittee: z.boolean(),
  });
}
/** One person of a delegation, after lookup. */
export type Member = z.output<ReturnType<typeof member>>;

/** A funding source: a code, or `{source, description}`; `other` must say what it is. */
const Funding = z
  .union([
    FundingSource,
    strictObject({ source: FundingSource, description: text(500, 'expected a description').optional() }),
  ])
  .transform((written) => (typeof written === 'string' ? { source: written } : written))
  .superRefine((funding, ctx) => {
    if (funding.source === 'other' && !funding.description)
      addIssue(
        ctx,
        'expected a description for "other", written {"source": "other", "description": "..."}; an unlisted source is checked by the competent authority',
      );
  });
export type Funding = z.output<typeof Funding>;

const Country = strictObject({
  country: text(100, 'expected a country, such as "Nhật Bản" or "JP"').transform((written, ctx) => {
    const found = resolveCountry(written);
    if (found.success) return found.data;
    addIssue(ctx, found.error);
    return z.NEVER;
  }),
  days: z
    .number()
    .int('expected a whole number of days')
    .min(1, 'expected at least 1 day in a country (transit is not counted)')
    .max(MAX_DAYS_IN_A_COUNTRY, `expected at most ${MAX_DAYS_IN_A_COUNTRY} days in a country`),
});

/** The fields of a proposal, units looked up in the directory. */
function proposalObject(units: UnitIndex) {
  const Member = member(units);
  return strictObject({
    direction: z.enum(['out', 'in']),
    unit: strictObject({ name: unitName(units, 'Sở Du lịch'), kind: UnitKind }).transform(({ name, kind }) => ({
      ...name,
      kind,
    })),
    purpose: Purpose,
    plan: strictObject({ inPlan: z.boolean(), item: text(1000, 'expected the plan item, or no item').optional() }),
    urgent: z.boolean().default(false),
    leader: Member,
    members: z.array(Member).max(200, 'expected at most 200 members'),
    countries: z.array(Country).max(50, 'expected at most 50 countries'),
    startDate: PlainDateText,
    endDate: PlainDateText,
    funding: z
      .array(Funding)
      .min(1, 'expected at least one funding source, such as ["state-budget"]')
      .max(20, 'expected at most 20 funding sources'),
    competentAuthorityDecision: z.boolean().optional(),
    inbound: strictObject({
      criteria: z.array(InboundCriterion).min(1, 'expected at least one inbound criterion'),
    }).optional(),
    /** A justification per rule id, for findings that need the competent authority (read when a delegation starts). */
    justifications: z.record(z.string().max(60), text(5000, 'expected a justification')).optional(),
  });
}

/** The proposal schema for a unit directory: a delegation, outbound (đoàn ra) or inbound (đoàn vào), as a unit submits it. */
export function proposalSchema(units: UnitIndex) {
  return proposalObject(units).superRefine((proposal, ctx) => refineProposal(proposal, ctx, units));
}

/** A proposed delegation after lookup: units from the directory, countries as ISO 3166 codes. */
export type Proposal = z.output<ReturnType<typeof proposalObject>>;
/** A proposal as written in a file, before lookup and defaults. */
export type ProposalInput = z.input<ReturnType<typeof proposalObject>>;

function refineProposal(proposal: Proposal, ctx: z.RefinementCtx, units: UnitIndex): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const dated = isPlainDate(proposal.startDate) && isPlainDate(proposal.endDate);
  const tripDays = dated ? toEpochDay(proposal.endDate) - toEpochDay(proposal.startDate) + 1 : undefined;
  if (tripDays !== undefined && tripDays < 1)
    issue(
      ['endDate'],
      `expected an end date on or after the start date ${proposal.startDate}; got ${proposal.endDate}`,
    );
  const declared = proposal.countries.reduce((sum, { days }) => sum + days, 0);
  if (tripDays !== undefined && tripDays >= 1 && declared > tripDays)
    issue(
      ['countries'],
      `expected the days in countries to fit the trip: ${declared} days declared, but ${proposal.startDate} – ${proposal.endDate} is ${tripDays} day${tripDays === 1 ? '' : 's'}`,
    );
  if (proposal.direction === 'out' && proposal.countries.length === 0)
    issue(
      ['countries'],
      'expected at least one country for an outbound delegation, such as [{"country": "Nhật Bản", "days": 3}]',
    );
  if (proposal.direction === 'in' && !proposal.inbound)
    issue(
      ['inbound'],
      'expected the criteria an inbound delegation is chosen by, such as {"criteria": ["anniversary"]}',
    );
  if (proposal.direction === 'out' && proposal.inbound)
    issue(['inbound'], 'expected no inbound criteria on an outbound delegation; they belong to direction "in"');
  const listed = units.byId(proposal.unit.id);
  if (listed && UnitKind.options.includes(listed.kind as UnitKind) && listed.kind !== proposal.unit.kind)
    issue(
      ['unit', 'kind'],
      `expected "${listed.kind}": the directory lists ${listed.name} as one; got "${proposal.unit.kind}"`,
    );
  const seen = new Set<string>();
  for (const [index, person] of [proposal.leader, ...proposal.members].entries()) {
    if (seen.has(person.id))
      issue(
        index === 0 ? ['leader', 'id'] : ['members', index - 1, 'id'],
        `expected each person once; "${person.id}" appears twice`,
      );
    seen.add(person.id);
  }
  const countries = new Map<string, number>();
  for (const [index, { country }] of proposal.countries.entries()) {
    const first = countries.get(country.code);
    if (first !== undefined)
      issue(
        ['countries', index, 'country'],
        `expected each country once, with all its days; ${country.name} (${country.code}) is also countries[${first}]`,
      );
    else countries.set(country.code, index);
  }
}

/** Everyone who travels: the leader first, then the members (pure). */
export function travellers(proposal: Proposal): Member[] {
  return [proposal.leader, ...proposal.members];
}
