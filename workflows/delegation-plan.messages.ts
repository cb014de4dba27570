import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** One delegation of the year's plan: outbound (đoàn ra) or inbound (đoàn vào). */
export interface PlannedDelegation {
  item: string;
  direction: 'out' | 'in';
  unit: string;
  title: string;
  countries: string[];
  quarter?: 1 | 2 | 3 | 4;
}

/** The plan of one rule set and year: its delegations and every adjustment made to it. */
export interface PlanState {
  year: number;
  ruleSet: { id: string; version: number };
  items: PlannedDelegation[];
  adjustments: Array<{
    at: string;
    by: string;
    reason: string;
    before: { outbound: number; inbound: number };
    after: { outbound: number; inbound: number };
  }>;
}

/** Replaces the plan's delegations, refused unless the rule set allows the adjustment; returns the plan as adjusted. */
export const adjustPlanUpdate = defineUpdate<PlanState, [{ items: PlannedDelegation[]; by: string; reason: string }]>(
  'adjustPlan',
);
/** The plan with its delegations and adjustments. */
export const planQuery = defineQuery<PlanState>('plan');
/** The id of the plan workflow of one rule set and year. */
export const planWorkflowId = (ruleSet: string, year: number) => `delegation-plan-${ruleSet}-${year}`;
