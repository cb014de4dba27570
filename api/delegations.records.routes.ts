import { createRoute, z } from '@hono/zod-openapi';
import { PlanItems } from '../client/delegation-plan.js';
import { YearParam } from './calendar.routes.js';
import { LedgerEntry, RuleSetId } from './delegations.routes.js';
import { bodyErrorResponses, errorResponses, jsonBody, jsonContent, secured } from './openapi.js';
import { strictBody } from './schemas.js';

const tags = ['Delegations'];

const planPath = '/api/delegations/plans/{ruleSet}/{year}';
const planParams = z.object({
  ruleSet: RuleSetId.openapi({ param: { name: 'ruleSet', in: 'path' } }),
  year: YearParam,
});

const PlannedDelegation = z
  .object({
    item: z.string(),
    direction: z.enum(['out', 'in']),
    unit: z.string(),
    title: z.string(),
    countries: z.array(z.string()),
    quarter: z.number().int().optional(),
  })
  .openapi('PlannedDelegation');

/** The year's plan of delegations and every adjustment made. */
const Plan = z
  .object({
    year: z.number(),
    ruleSet: z.object({ id: z.string(), version: z.number() }),
    items: z.array(PlannedDelegation),
    adjustments: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        reason: z.string(),
        before: z.object({ outbound: z.number(), inbound: z.number() }),
        after: z.object({ outbound: z.number(), inbound: z.number() }),
      }),
    ),
  })
  .openapi('DelegationPlan');

const readers =
  'Who: any role that acts in a delegation approval (unit, foreign-affairs, organisation-board, ' +
  'people-committee-party, standing-board, competent-authority, supervisor).';
const writers = 'Who: the role `foreign-affairs` (Sở Ngoại vụ coordinates the plan); anyone else 403.';

/** `GET /api/delegations/plans/{ruleSet}/{year}`. */
export const getPlan = createRoute({
  method: 'get',
  path: planPath,
  tags,
  summary: 'The year’s plan of delegations',
  description: `The delegations of the plan and every adjustment made. ${readers} 404 when no plan was started.`,
  security: secured,
  request: { params: planParams },
  responses: { 200: jsonContent(Plan, 'The plan'), ...errorResponses(403, 404) },
});

/** `POST /api/delegations/plans/{ruleSet}/{year}`. */
export const startPlan = createRoute({
  method: 'post',
  path: planPath,
  tags,
  summary: 'Start the year’s plan of delegations',
  description: `Starts the plan under the rule set (shipped, or in DUYET_RULE_SETS_DIR) with its adjustment window. ${writers} 409 when the plan exists.`,
  security: secured,
  request: {
    params: planParams,
    body: jsonBody(
      strictBody({ items: PlanItems }).openapi('PlanStart'),
      'the delegations (examples/delegation-plan-2022.json)',
    ),
  },
  responses: {
    201: jsonContent(z.object({ workflowId: z.string() }).openapi('PlanStarted'), 'The plan started'),
    ...bodyErrorResponses(403, 404, 409),
  },
});

/** `POST /api/delegations/plans/{ruleSet}/{year}/adjustments`. */
export const adjustPlan = createRoute({
  method: 'post',
  path: `${planPath}/adjustments`,
  tags,
  summary: 'Adjust the year’s plan',
  description: `Replaces the plan’s delegations, recorded as made by the authenticated user; 409 when the rule set does not allow it (after the deadline, above the counts, once too often), saying why in Vietnamese and English. ${writers}`,
  security: secured,
  request: {
    params: planParams,
    body: jsonBody(
      strictBody({
        items: PlanItems,
        reason: z.string().trim().min(1, 'expected the reason for the adjustment'),
      }).openapi('PlanAdjustment'),
      'the adjusted delegations and why',
    ),
  },
  responses: { 200: jsonContent(Plan, 'The plan after the adjustment'), ...bodyErrorResponses(403, 404, 409) },
});

const ledgers =
  'Who: foreign-affairs, organisation-board, people-committee-party, standing-board, competent-authority and ' +
  'supervisor; not the organising units (role `unit`), since the ledger lists every unit’s travellers: a unit learns ' +
  'what concerns its own people from POST /api/delegations/check. 404 for a rule set that is unknown and has no ledger.';

const ledgerPath = '/api/delegations/ledgers/{ruleSet}/{year}';

/** `GET /api/delegations/ledgers/{ruleSet}/{year}`. */
export const getLedger = createRoute({
  method: 'get',
  path: ledgerPath,
  tags,
  summary: 'The trips approved in a year',
  description: `Every trip approved under the rule set that starts in the year, with its report. ${ledgers}`,
  security: secured,
  request: { params: planParams },
  responses: {
    200: jsonContent(
      z
        .object({
          ruleSet: z.string(),
          year: z.number(),
          tripsPerKeyLeader: z.number().nullable(),
          entries: z.array(LedgerEntry),
        })
        .openapi('Ledger'),
      'The ledger',
    ),
    ...errorResponses(403, 404),
  },
});

/** `GET /api/delegations/ledgers/{ruleSet}/{year}/people/{person}`. */
export const getPersonLedger = createRoute({
  method: 'get',
  path: `${ledgerPath}/people/{person}`,
  tags,
  summary: 'One person’s trips in a year',
  description: `The person’s trips in the year and how many a key leader has left under the rule set. ${ledgers}`,
  security: secured,
  request: {
    params: planParams.extend({
      person: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'person', in: 'path' }, example: 'ngo.thi.thu.trang' }),
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          ruleSet: z.string(),
          year: z.number(),
          person: z.string(),
          tripsPerKeyLeader: z.number().nullable(),
          tripsLeft: z.number().nullable().openapi({ description: 'for a key leader; null when the limit is unknown' }),
          entries: z.array(LedgerEntry),
        })
        .openapi('PersonLedger'),
      'The person’s trips',
    ),
    ...errorResponses(403, 404),
  },
});

/** `GET /api/delegations/rule-sets`. */
export const listRuleSets = createRoute({
  method: 'get',
  path: '/api/delegations/rule-sets',
  tags,
  summary: 'The rule sets delegations are checked against',
  description: `Every known rule set (shipped, or in DUYET_RULE_SETS_DIR) with the period of trips it governs, its limit of trips per key leader and how its plan may be adjusted. ${readers}`,
  security: secured,
  responses: {
    200: jsonContent(
      z
        .object({
          ruleSets: z.array(
            z.object({
              id: z.string(),
              version: z.number(),
              title: z.string(),
              year: z.number(),
              validFrom: z.string(),
              validTo: z.string(),
              tripsPerKeyLeaderPerYear: z.number(),
              planAdjustment: z.object({
                deadline: z.string().openapi({ description: 'adjustments are made before this day, not on it' }),
                maxOutbound: z.number(),
                maxInbound: z.number(),
                times: z.number(),
              }),
            }),
          ),
        })
        .openapi('RuleSets'),
      'The rule sets',
    ),
    ...errorResponses(403),
  },
});
