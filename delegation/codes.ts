import { z } from 'zod';
import { isPlainDate } from '../calendar/dates.js';

/** A calendar day written 'YYYY-MM-DD' that really exists (2022-02-30 does not). */
export const PlainDateText = z
  .string({ error: 'expected a date written YYYY-MM-DD, such as 2022-06-15' })
  .refine(isPlainDate, {
    error: (issue) =>
      `expected a date written YYYY-MM-DD, such as 2022-06-15; got ${JSON.stringify(String(issue.input).slice(0, 40))}`,
  });

/** Who sends a delegation: the city's leaders, a department, a district or a socio-political organisation. */
export const UnitKind = z.enum(['city-leadership', 'department', 'district', 'socio-political-organisation']);
export type UnitKind = z.infer<typeof UnitKind>;

/** What a delegation goes for, in the words of the foreign-affairs plan. */
export const Purpose = z.enum([
  'visit',
  'friendship-exchange',
  'survey',
  'research',
  'study',
  'experience-exchange',
  'international-commitment',
  'conference',
  'event',
  'promotion',
  'performance',
  'training',
  'competition',
  'cooperation',
  'other',
]);
export type Purpose = z.infer<typeof Purpose>;

/**
 * Who pays for a trip or brought it about. `enterprise-invitation-suggested` is a trip an enterprise was asked to
 * invite ("gợi ý doanh nghiệp mời"); `other` needs a description.
 */
export const FundingSource = z.enum([
  'state-budget',
  'unit-budget',
  'host',
  'enterprise',
  'enterprise-invitation-suggested',
  'foreign-enterprise-invitation',
  'foreign-loan',
  'sponsorship',
  'other',
]);
export type FundingSource = z.infer<typeof FundingSource>;

/** Why an inbound delegation is invited, from the plan's listed criteria. */
export const InboundCriterion = z.enum([
  'rotating-exchange',
  'anniversary',
  'leader-invitation',
  'city-hosted-event',
  'central-instruction',
]);
export type InboundCriterion = z.infer<typeof InboundCriterion>;
