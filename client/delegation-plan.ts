import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { ruleSets } from '../delegation/rules.js';
import type { DuyetConfig } from '../temporal.config.js';
import {
  adjustPlanUpdate,
  planQuery,
  planWorkflowId,
  type PlannedDelegation,
  type PlanState,
} from '../workflows/delegation-plan.messages.js';
import type { delegationPlanWorkflow, DelegationPlanInput } from '../workflows/delegation-plan.workflow.js';
import { addressOf } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';
import { checkSize } from './limits.js';
import { loadRuleSets } from './rule-sets.js';

/** One delegation of the plan as a file gives it. */
export const PlannedDelegationSchema = z
  .object({
    item: z.string().min(1, 'expected the item id of the delegation in the plan, such as "DR-01"'),
    direction: z.enum(['out', 'in'], { error: 'expected direction "out" (đoàn ra) or "in" (đoàn vào)' }),
    unit: z.string().min(1, 'expected the unit that sends or receives the delegation'),
    title: z.string().min(1, "expected the delegation's title"),
    countries: z.array(z.string().min(1, 'expected a country name')).min(1, 'expected at least one country'),
    quarter: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'expected a quarter 1, 2, 3 or 4' })
      .optional(),
  })
  .strict() satisfies z.ZodType<PlannedDelegation>;

/** The delegations of a plan, each item id once. */
export const PlanItems = z.array(PlannedDelegationSchema).superRefine((items, ctx) => {
  const ids = items.map((item) => item.item);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'item'],
        message: `expected each item id once; "${id}" is listed twice`,
      });
  });
});

/** The rule set and adjustment window a plan starts with, given explicitly instead of a shipped rule set's. */
export interface PlanRules {
  version: number;
  adjustment: DelegationPlanInput['adjustment'];
}

/** Validates a plan's delegations, or throws RequestError listing each issue with its path. */
export function parsePlanItems(value: unknown, source = 'the plan'): PlannedDelegation[] {
  const parsed = PlanItems.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map(
    (issue) =>
      `  ${issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('') || '(the whole list)'}: ${issue.message}`,
  );
  throw new RequestError(
    `${source} is not a list of planned delegations [{item, direction, unit, title, countries, quarter?}]:\n${issues.join('\n')}`,
  );
}

const knownRuleSets = () => Object.keys(ruleSets).join(', ');

const noPlan = (ruleSetId: string, year: number) =>
  new RequestError(
    `no plan of rule set "${ruleSetId}" for ${year}; expected a plan started with \`duyet delegation plan start --year ${year} --rules ${ruleSetId}\` (shipped rule sets: ${knownRuleSets()})`,
  );

function knownRules(config: DuyetConfig, ruleSetId: string, year: number): PlanRules {
  const available = loadRuleSets(config.ruleSetsDir);
  const rules = available[ruleSetId];
  if (!rules)
    throw new RequestError(`unknown rule set "${ruleSetId}"; expected one of: ${Object.keys(available).join(', ')}`, {
      kind: 'notFound',
    });
  if (rules.year !== year)
    throw new RequestError(
      `rule set "${ruleSetId}" is for ${rules.year}; expected --year ${rules.year}, or a rule set for ${year}`,
    );
  return { version: rules.version, adjustment: rules.planAdjustment };
}

/** Starts the plan of a rule set and year with its delegations; an existing plan throws RequestError. `rules` replaces the rule set's own (shipped or in DUYET_RULE_SETS_DIR). */
export async function startPlan(
  client: Client,
  config: DuyetConfig,
  ruleSetId: string,
  year: number,
  items: PlannedDelegation[],
  rules?: PlanRules,
): Promise<{ workflowId: string }> {
  const { version, adjustment } = rules ?? knownRules(config, ruleSetId, year);
  const workflowId = planWorkflowId(ruleSetId, year);
  checkSize('input', items, "the plan's delegations");
  const exists = `the plan of rule set "${ruleSetId}" for ${year} already exists (${workflowId}); expected \`duyet delegation plan adjust\` to change it`;
  await mapFailures({ address: addressOf(client), exists }, () =>
    client.workflow.start<typeof delegationPlanWorkflow>('delegationPlanWorkflow', {
      workflowId,
      taskQueue: config.temporal.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [{ year, ruleSet: { id: ruleSetId, version }, adjustment, items: parsePlanItems(items) }],
    }),
  );
  return { workflowId };
}

/** Adjusts the plan of a rule set and year; an adjustment the rule set does not allow throws RequestError with the reasons. */
export async function adjustPlan(
  client: Client,
  _config: DuyetConfig,
  ruleSetId: string,
  year: number,
  request: { items: PlannedDelegation[]; by: string; reason: string },
): Promise<PlanState> {
  checkSize('input', request.items, 'the adjusted plan');
  checkSize('comment', request.reason, 'the reason');
  const items = parsePlanItems(request.items, 'the adjusted plan');
  return mapFailures({ address: addressOf(client), notFound: () => noPlan(ruleSetId, year).message }, () =>
    client.workflow
      .getHandle(planWorkflowId(ruleSetId, year))
      .executeUpdate(adjustPlanUpdate, { args: [{ ...request, items }] }),
  );
}

/** The plan of a rule set and year: its delegations and every adjustment made. */
export async function showPlan(
  client: Client,
  _config: DuyetConfig,
  ruleSetId: string,
  year: number,
): Promise<PlanState> {
  return mapFailures({ address: addressOf(client), notFound: () => noPlan(ruleSetId, year).message }, () =>
    client.workflow.getHandle(planWorkflowId(ruleSetId, year)).query(planQuery),
  );
}
