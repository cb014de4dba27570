import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { toPlainDate } from '../calendar/dates.js';
import { checkPlanAdjustment } from '../delegation/plan-adjustment.js';
import type { RuleSet } from '../delegation/rule-set.schema.js';
import { adjustPlanUpdate, planQuery, type PlanState, type PlannedDelegation } from './delegation-plan.messages.js';
import { setCheckedUpdate } from './updates.js';

/** What starts (or continues) the plan of one rule set and year; the adjustment rules are resolved once, at start. */
export interface DelegationPlanInput {
  year: number;
  ruleSet: { id: string; version: number };
  adjustment: { deadline: string; maxOutbound: number; maxInbound: number; times: number };
  items: PlannedDelegation[];
  /** The plan carried over by continueAsNew; when present, items is ignored. */
  state?: PlanState;
}

type AdjustRequest = { items: PlannedDelegation[]; by: string; reason: string };

/** Keeps the year's plan of outbound and inbound delegations, allowing only the adjustments its rule set permits. */
export async function delegationPlanWorkflow(input: DelegationPlanInput): Promise<void> {
  let state: PlanState = input.state ?? {
    year: input.year,
    ruleSet: input.ruleSet,
    items: [...input.items],
    adjustments: [],
  };
  // checkPlanAdjustment reads only the year and the adjustment window of a rule set.
  const rules = { year: input.year, planAdjustment: input.adjustment } satisfies Pick<
    RuleSet,
    'year' | 'planAdjustment'
  > as RuleSet;

  /** The adjustment, if the rule set allows it now; else the refusal that says what was expected. */
  const checkAdjust = (request: AdjustRequest): AdjustRequest => {
    const invalid = invalidAdjust(request);
    if (invalid) throw ApplicationFailure.nonRetryable(invalid, 'InvalidRequest');
    const after = countsOf(request.items);
    const findings = checkPlanAdjustment(
      { ...after, adjustments: state.adjustments.length },
      toPlainDate(Date.now()),
      rules,
    );
    if (findings.length === 0) return request;
    const messages = findings.map((finding) => `${finding.message.vi} / ${finding.message.en}`);
    throw ApplicationFailure.nonRetryable(`PLAN_ADJUSTMENT: ${messages.join('; ')}`, 'PlanAdjustmentRefused');
  };

  setHandler(planQuery, () => state);
  setCheckedUpdate(adjustPlanUpdate, {
    check: checkAdjust,
    apply: (request) => {
      const adjustment = {
        at: new Date(Date.now()).toISOString(),
        by: request.by,
        reason: request.reason,
        before: countsOf(state.items),
        after: countsOf(request.items),
      };
      state = { ...state, items: [...request.items], adjustments: [...state.adjustments, adjustment] };
      return state;
    },
  });

  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof delegationPlanWorkflow>({ ...input, state });
}

function countsOf(items: PlannedDelegation[]): { outbound: number; inbound: number } {
  return {
    outbound: items.filter((item) => item.direction === 'out').length,
    inbound: items.filter((item) => item.direction === 'in').length,
  };
}

/** What is wrong with the shape of an adjustment, or null when nothing is. */
function invalidAdjust(request: AdjustRequest): string | null {
  if (!request.by) return 'expected who adjusts the plan (--as USER)';
  if (!request.reason) return 'expected the reason for the adjustment';
  if (!Array.isArray(request.items)) return "expected the adjusted plan's delegations as a list";
  const bad = request.items.find((item) => !item.item || (item.direction !== 'out' && item.direction !== 'in'));
  if (bad) return `expected each delegation with an item id and direction "out" or "in"; got ${JSON.stringify(bad)}`;
  const ids = request.items.map((item) => item.item);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) return `expected each item id once in the adjusted plan; "${twice}" is listed twice`;
  return null;
}
