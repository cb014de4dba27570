import { addDays, type PlainDate } from '../calendar/dates.js';
import { hanoi2022 } from './rule-sets/hanoi-2022.js';
import { RuleSet } from './rule-set.schema.js';

export { checkProposal, keyLeaderIds } from './check-proposal.js';
export { checkPlanAdjustment, type PlanAdjustment } from './plan-adjustment.js';
export { Ledger, LedgerEntry, RuleSet, type Finding, type RuleId } from './rule-set.schema.js';

/** The known rule sets by id, each validated when this module loads. */
export const ruleSets: Record<string, RuleSet> = Object.fromEntries(
  [hanoi2022].map((rules) => [rules.id, RuleSet.parse(rules)]),
);

/** The last day to file the written report on a trip: its end plus the rule set's days (pure). */
export function reportDueDate(endDate: PlainDate, rules: RuleSet): PlainDate {
  return addDays(endDate, rules.reportDueDays);
}
