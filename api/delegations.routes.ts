import { createRoute, z } from '@hono/zod-openapi';
import { actorFields } from './schemas.js';
import { bodyErrorResponses, jsonBody, jsonContent, secured } from './openapi.js';

const tags = ['Delegations'];

/** A rule set id, in a path or a query. */
export const RuleSetId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case rule set id, such as "hanoi-2022"')
  .max(100)
  .openapi({ example: 'hanoi-2022' });

/**
 * A delegation proposal as the body: a JSON object, read against the unit directory by the handler so each issue
 * comes back with its path; a field naming an actor is refused, the actor being the authenticated user.
 */
export const ProposalBody = z
  .record(z.string(), z.unknown())
  .superRefine((body, ctx) => {
    const named = actorFields.filter((field) => field in body);
    if (named.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: [named[0]!],
        message: `the actor is always the authenticated user; remove ${named.map((k) => `"${k}"`).join(', ')} from the body`,
      });
  })
  .openapi('DelegationProposal', {
    description:
      'A delegation proposal (examples/delegation-compliant.json); its JSON Schema is the `inputSchema` of GET /api/processes/delegation. At most 256 KiB.',
  });

/** One rule a proposal breaks. */
export const Finding = z
  .object({
    rule: z.string().openapi({ example: 'DAYS_PER_COUNTRY' }),
    severity: z.enum(['block', 'exception', 'decided']).openapi({
      description:
        '`block`: cannot be approved as proposed; `exception`: needs the competent authority’s decision (and a justification); `decided`: an exception already decided',
    }),
    message: z.object({ vi: z.string(), en: z.string() }),
    facts: z.record(z.string(), z.unknown()),
  })
  .openapi('Finding');

/** One trip of one person in the ledger, as the ledger routes and the check's travellers list it. */
export const LedgerEntry = z
  .object({
    person: z.string(),
    year: z.number(),
    delegation: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    reportDueAt: z.string(),
    reportFiledAt: z.string().nullable(),
  })
  .openapi('LedgerEntry');

/** A traveller of a checked proposal and their trips of the trip's year in the ledger. */
const TravellerTrips = z
  .object({
    person: z.string(),
    name: z.string(),
    keyLeader: z.boolean(),
    year: z.number(),
    trips: z.array(LedgerEntry),
    tripsLeft: z.number().nullable().openapi({
      description: 'for a key leader, the trips left this year before this one; null for others',
    }),
  })
  .openapi('TravellerTrips');

const rulesQuery = RuleSetId.optional().openapi({
  description: 'the rule set; default the one whose period covers the trip’s start date',
});

/** `POST /api/delegations/check`. */
export const checkDelegation = createRoute({
  method: 'post',
  path: '/api/delegations/check',
  tags,
  summary: 'Check a proposal against the rules',
  description:
    'Lists every rule of the year’s plan the proposal breaks, in Vietnamese and English, with its severity and facts, ' +
    'counting the trips the ledger holds for the same people, and lists those trips per person; nothing is started ' +
    'or recorded. Who: any role that acts ' +
    'in a delegation approval (unit, foreign-affairs, organisation-board, people-committee-party, standing-board, ' +
    'competent-authority, supervisor); anyone else 403.',
  security: secured,
  request: {
    query: z.object({
      rules: rulesQuery,
      today: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD, such as 2022-06-15')
        .optional()
        .openapi({ description: 'the day of the check (reports overdue by then count); default today' }),
    }),
    body: jsonBody(ProposalBody, 'the proposal'),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          ruleSet: z.object({ id: z.string(), version: z.number(), title: z.string() }),
          outcome: z.enum(['ok', 'blocked', 'awaitingDecision']).openapi({
            description:
              '`blocked` when a rule blocks, `awaitingDecision` when exceptions await the competent authority',
          }),
          findings: z.array(Finding),
          warnings: z.array(z.string()),
          travellers: z.array(TravellerTrips).openapi({
            description:
              'each person of the proposal with the trips the ledger holds for them in the trip’s year: what a unit sees of the ledger',
          }),
        })
        .openapi('DelegationCheck'),
      'What the proposal breaks',
    ),
    ...bodyErrorResponses(403, 404),
  },
});

/** `POST /api/delegations`. */
export const startDelegation = createRoute({
  method: 'post',
  path: '/api/delegations',
  tags,
  summary: 'Start a delegation dossier',
  description:
    'Checks the proposal as /api/delegations/check does and starts the `delegation` process; a blocking finding, or ' +
    'an exception without a justification under `justifications`, is a 422 listing them and nothing starts. Who: a ' +
    'user of the role `unit` (the first stage’s), for a unit the directory lists among the user’s `units`; ' +
    'anyone else 403.',
  security: secured,
  request: { query: z.object({ rules: rulesQuery }), body: jsonBody(ProposalBody, 'the proposal') },
  responses: {
    201: jsonContent(
      z.object({ workflowId: z.string(), findings: z.array(Finding) }).openapi('DelegationStarted'),
      'The dossier started, with the exceptions it goes through',
    ),
    ...bodyErrorResponses(403, 404),
  },
});
