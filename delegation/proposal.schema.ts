import { z } from 'zod';
import { isPlainDate, toEpochDay } from '../calendar/dates.js';

/** A calendar day written 'YYYY-MM-DD' that really exists (2022-02-30 does not). */
export const PlainDateText = z
  .string({ error: 'expected a date written YYYY-MM-DD, such as 2022-06-15' })
  .refine(isPlainDate, {
    error: (issue) => `expected a date written YYYY-MM-DD, such as 2022-06-15; got ${JSON.stringify(issue.input)}`,
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

/** Who pays for a trip. */
export const FundingSource = z.enum([
  'state-budget',
  'unit-budget',
  'host',
  'enterprise',
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

/** One person of a delegation; `standingBoardMember` means a member of the Standing Board of the City Party Committee (Thường trực Thành ủy). */
export const Member = z.object({
  id: z.string().min(1, 'expected a person id, such as "nguyen.van.an"'),
  name: z.string().min(1, "expected the person's full name"),
  position: z.string().min(1, 'expected the person\'s position, such as "Giám đốc"'),
  unit: z.string().min(1, 'expected the person\'s unit, such as "Sở Công Thương"'),
  /** A key leader (lãnh đạo chủ chốt) of their unit. */
  keyLeader: z.boolean(),
  standingBoardMember: z.boolean(),
  /** A cadre managed by the Standing Committee of the City Party Committee (diện Ban Thường vụ Thành ủy quản lý). */
  managedByStandingBoard: z.boolean(),
});
export type Member = z.infer<typeof Member>;

/** A proposed delegation, outbound (đoàn ra) or inbound (đoàn vào), as a unit submits it. */
export const Proposal = z
  .object({
    direction: z.enum(['out', 'in']),
    unit: z.object({ name: z.string().min(1, 'expected the unit\'s name, such as "Sở Du lịch"'), kind: UnitKind }),
    purpose: Purpose,
    plan: z.object({ inPlan: z.boolean(), item: z.string().min(1).optional() }),
    urgent: z.boolean().default(false),
    leader: Member,
    members: z.array(Member),
    countries: z.array(
      z.object({
        country: z.string().min(1, 'expected a country name, such as "Nhật Bản"'),
        days: z
          .number()
          .int('expected a whole number of days')
          .min(1, 'expected at least 1 day in a country (transit is not counted)'),
      }),
    ),
    startDate: PlainDateText,
    endDate: PlainDateText,
    funding: z.array(FundingSource).min(1, 'expected at least one funding source, such as ["state-budget"]'),
    competentAuthorityDecision: z.boolean().optional(),
    inbound: z
      .object({ criteria: z.array(InboundCriterion).min(1, 'expected at least one inbound criterion') })
      .optional(),
  })
  .superRefine((proposal, ctx) => {
    if (
      isPlainDate(proposal.startDate) &&
      isPlainDate(proposal.endDate) &&
      toEpochDay(proposal.endDate) < toEpochDay(proposal.startDate)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: `expected an end date on or after the start date ${proposal.startDate}; got ${proposal.endDate}`,
      });
    }
    if (proposal.direction === 'out' && proposal.countries.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['countries'],
        message:
          'expected at least one country for an outbound delegation, such as [{"country": "Nhật Bản", "days": 3}]',
      });
    }
    if (proposal.direction === 'in' && !proposal.inbound) {
      ctx.addIssue({
        code: 'custom',
        path: ['inbound'],
        message: 'expected the criteria an inbound delegation is chosen by, such as {"criteria": ["anniversary"]}',
      });
    }
    if (proposal.direction === 'out' && proposal.inbound) {
      ctx.addIssue({
        code: 'custom',
        path: ['inbound'],
        message: 'expected no inbound criteria on an outbound delegation; they belong to direction "in"',
      });
    }
    const seen = new Set<string>();
    for (const [index, person] of [proposal.leader, ...proposal.members].entries()) {
      if (seen.has(person.id)) {
        ctx.addIssue({
          code: 'custom',
          path: index === 0 ? ['leader', 'id'] : ['members', index - 1, 'id'],
          message: `expected each person once; "${person.id}" appears twice`,
        });
      }
      seen.add(person.id);
    }
    const countries = new Set<string>();
    for (const [index, { country }] of proposal.countries.entries()) {
      if (countries.has(country))
        ctx.addIssue({
          code: 'custom',
          path: ['countries', index, 'country'],
          message: `expected each country once, with all its days; "${country}" appears twice`,
        });
      countries.add(country);
    }
  });
export type Proposal = z.infer<typeof Proposal>;
/** A proposal as written in a file, before defaults are filled in. */
export type ProposalInput = z.input<typeof Proposal>;

/** Everyone who travels: the leader first, then the members (pure). */
export function travellers(proposal: Proposal): Member[] {
  return [proposal.leader, ...proposal.members];
}
