import { z } from 'zod';
import { isPlainDate, toEpochDay } from '../calendar/dates.js';
import { FundingSource, PlainDateText, Purpose, UnitKind } from './codes.js';

const count = (what: string) =>
  z.number().int(`expected ${what} as a whole number`).min(0, `expected ${what} of 0 or more`);
const positive = (what: string) =>
  z.number().int(`expected ${what} as a whole number`).min(1, `expected ${what} of 1 or more`);

/** The rules of one year's foreign-affairs plan as data: limits, suspended purposes, forbidden funding and the plan's adjustment window. */
export const RuleSet = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id, such as "hanoi-2022"'),
    version: positive('a version'),
    title: z.string().min(1, 'expected a title naming the plan'),
    year: z.number().int().min(1900, 'expected a year such as 2022').max(2200, 'expected a year such as 2022'),
    /** The first day of the trips it governs (by start date). */
    validFrom: PlainDateText,
    /** The last day of the trips it governs, inclusive. */
    validTo: PlainDateText,
    tripsPerKeyLeaderPerYear: positive('trips per key leader per year'),
    keyLeadersPerUnitPerDelegation: positive('key leaders per unit per delegation'),
    maxSizeWithStandingBoardLeader: positive('a delegation size'),
    maxSize: positive('a delegation size'),
    maxDaysPerCountry: positive('days per country'),
    /** The cap on days per country at an event, binding the cadres managed by the Standing Committee among the travellers. */
    maxDaysPerCountryForEvents: positive('days per country for events'),
    /** Purposes for which both the days-per-country and the countries-per-trip limits may be exceeded with the competent authority's decision. */
    eventPurposes: z.array(Purpose),
    maxCountries: positive('countries per trip'),
    forbiddenFunding: z.array(FundingSource),
    reportDueDays: count('days to file the report'),
    suspendedPurposes: z.object({ unitKinds: z.array(UnitKind), purposes: z.array(Purpose) }),
    planAdjustment: z.object({
      /** Adjustments are made before this day, not on it. */
      deadline: PlainDateText,
      maxOutbound: count('outbound delegations'),
      maxInbound: count('inbound delegations'),
      times: count('adjustments'),
    }),
  })
  .strict()
  .refine((rules) => rules.maxDaysPerCountryForEvents >= rules.maxDaysPerCountry, {
    path: ['maxDaysPerCountryForEvents'],
    error: 'expected maxDaysPerCountryForEvents to be at least maxDaysPerCountry',
  })
  .refine(
    (rules) =>
      !isPlainDate(rules.validFrom) ||
      !isPlainDate(rules.validTo) ||
      toEpochDay(rules.validTo) >= toEpochDay(rules.validFrom),
    { path: ['validTo'], error: 'expected validTo on or after validFrom' },
  );
export type RuleSet = z.infer<typeof RuleSet>;

/** The rules a check may break. */
export type RuleId =
  | 'PLAN_REQUIRED'
  | 'UNIT_TRIP_SUSPENDED'
  | 'KEY_LEADER_TRIPS_PER_YEAR'
  | 'KEY_LEADERS_PER_DELEGATION'
  | 'DELEGATION_SIZE'
  | 'DAYS_PER_COUNTRY'
  | 'COUNTRIES_PER_TRIP'
  | 'FUNDING_SOURCE'
  | 'FUNDING_OTHER'
  | 'REPORT_OVERDUE'
  | 'PLAN_ADJUSTMENT';

/**
 * A broken rule: `block` cannot be approved as proposed, `exception` needs the competent authority's decision,
 * `decided` is an exception the competent authority has decided (`competentAuthorityDecision: true`).
 */
export interface Finding {
  rule: RuleId;
  severity: 'block' | 'exception' | 'decided';
  message: { vi: string; en: string };
  facts: Record<string, unknown>;
}

const FiledAt = z
  .string({ error: 'expected the day the report was filed, YYYY-MM-DD, or null while it is not filed' })
  .refine(isPlainDate, {
    error: (issue) => `expected the day the report was filed, YYYY-MM-DD, or null; got ${JSON.stringify(issue.input)}`,
  })
  .nullable();

/** One approved trip of one person, and whether its report has been filed. */
export const LedgerEntry = z
  .object({
    person: z.string().min(1, 'expected the person id used in proposals, such as "nguyen.van.an"'),
    year: z.number().int().min(1900, 'expected a year such as 2022').max(2200, 'expected a year such as 2022'),
    delegation: z.string().min(1, "expected the delegation's id or name"),
    startDate: PlainDateText,
    endDate: PlainDateText,
    reportDueAt: PlainDateText,
    reportFiledAt: FiledAt,
  })
  .refine(
    (entry) =>
      !isPlainDate(entry.startDate) ||
      !isPlainDate(entry.endDate) ||
      toEpochDay(entry.endDate) >= toEpochDay(entry.startDate),
    {
      path: ['endDate'],
      error: 'expected an end date on or after the start date',
    },
  );
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/** The trips already approved, one entry per person and trip. */
export const Ledger = z.array(LedgerEntry);

/**
 * A ledger entry as a file may hold it: `year` and `reportDueAt` may be left out, and are derived from the trip's
 * dates and the rule set whatever is written.
 */
export const LedgerFileEntry = z
  .strictObject({
    person: z.string().min(1, 'expected the person id used in proposals, such as "nguyen.van.an"').max(100),
    year: z.number().int().optional(),
    delegation: z.string().min(1, "expected the delegation's id or name").max(300),
    startDate: PlainDateText,
    endDate: PlainDateText,
    reportDueAt: PlainDateText.optional(),
    reportFiledAt: FiledAt,
  })
  .refine(
    (entry) =>
      !isPlainDate(entry.startDate) ||
      !isPlainDate(entry.endDate) ||
      toEpochDay(entry.endDate) >= toEpochDay(entry.startDate),
    { path: ['endDate'], error: 'expected an end date on or after the start date' },
  );
export type LedgerFileEntry = z.output<typeof LedgerFileEntry>;

/** A ledger file: the trips already approved, `year` and `reportDueAt` optional. */
export const LedgerFile = z.array(LedgerFileEntry).max(100_000, 'expected at most 100000 entries');
