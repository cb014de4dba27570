import { addDays, formatVn, toEpochDay, type PlainDate } from '../calendar/dates.js';
import { hanoi2022 } from './rule-sets/hanoi-2022.js';
import { RuleSet, type LedgerEntry, type LedgerFileEntry } from './rule-set.schema.js';

export { checkProposal, keyLeaderIds } from './check-proposal.js';
export { ledgerWorkflowId } from './ledger-id.js';
export { checkPlanAdjustment, type PlanAdjustment } from './plan-adjustment.js';
export {
  Ledger,
  LedgerEntry,
  LedgerFile,
  LedgerFileEntry,
  RuleSet,
  type Finding,
  type RuleId,
} from './rule-set.schema.js';

/** The known rule sets by id, each validated when this module loads. */
export const ruleSets: Record<string, RuleSet> = Object.fromEntries(
  [hanoi2022].map((rules) => [rules.id, RuleSet.parse(rules)]),
);

/** The last day to file the written report on a trip: its end plus the rule set's days (pure). */
export function reportDueDate(endDate: PlainDate, rules: RuleSet): PlainDate {
  return addDays(endDate, rules.reportDueDays);
}

/** Whether a rule set governs a trip starting on this day (pure). */
export function covers(rules: RuleSet, startDate: PlainDate): boolean {
  const day = toEpochDay(startDate);
  return toEpochDay(rules.validFrom) <= day && day <= toEpochDay(rules.validTo);
}

const period = (rules: RuleSet) => `${rules.id}: ${formatVn(rules.validFrom)} – ${formatVn(rules.validTo)}`;
const HOW_TO_ADD =
  'add the rule set of that period: a JSON file with the fields of delegation/rule-sets/hanoi-2022.ts (id, version, validFrom, validTo, the limits) in the folder named by DUYET_RULE_SETS_DIR, or a module in delegation/rule-sets/ registered in delegation/rules.ts';

/**
 * The rule set that governs a trip starting on `startDate`: the one named, which must cover that day, or else the
 * only one whose period covers it; a day no rule set covers is refused naming the periods there are and how to
 * add one (pure).
 */
export function ruleSetFor(
  available: Record<string, RuleSet>,
  startDate: PlainDate,
  id?: string,
): { success: true; data: RuleSet } | { success: false; error: string } {
  const all = Object.values(available);
  const known = all.map(period).join('; ');
  if (id !== undefined) {
    const named = available[id];
    if (!named) return { success: false, error: `unknown rule set "${id}"; expected one of: ${known}` };
    if (covers(named, startDate)) return { success: true, data: named };
    return {
      success: false,
      error: `rule set ${period(named)} does not govern a trip starting on ${formatVn(startDate)}; expected a trip in its period, or the rule set of ${startDate.slice(0, 4)} (${HOW_TO_ADD})`,
    };
  }
  const covering = all.filter((rules) => covers(rules, startDate));
  if (covering.length === 1) return { success: true, data: covering[0]! };
  if (covering.length > 1)
    return {
      success: false,
      error: `several rule sets govern a trip starting on ${formatVn(startDate)} (${covering.map(period).join('; ')}); name one with --rules`,
    };
  return {
    success: false,
    error: `no rule set governs a trip starting on ${formatVn(startDate)}: the rule sets cover ${known}; to check trips of ${startDate.slice(0, 4)}, ${HOW_TO_ADD}`,
  };
}

/**
 * Ledger entries with `year` and `reportDueAt` derived from the trip (its start year; its end plus the days of the
 * rule set governing it, or of `fallback`) rather than taken as written; each written value that disagrees is
 * reported so a hand-edited date cannot hide an overdue report (pure).
 */
export function deriveLedger(
  entries: readonly LedgerFileEntry[],
  available: Record<string, RuleSet>,
  fallback: RuleSet,
): { entries: LedgerEntry[]; warnings: string[] } {
  const warnings: string[] = [];
  const derived = entries.map((entry, index): LedgerEntry => {
    const rules = Object.values(available).find((candidate) => covers(candidate, entry.startDate)) ?? fallback;
    const year = Number(entry.startDate.slice(0, 4));
    const reportDueAt = reportDueDate(entry.endDate, rules);
    if (entry.year !== undefined && entry.year !== year)
      warnings.push(`[${index}].year: ${entry.year} is written, but the trip starts in ${year}; ${year} is used`);
    if (entry.reportDueAt !== undefined && entry.reportDueAt !== reportDueAt)
      warnings.push(
        `[${index}].reportDueAt: ${entry.reportDueAt} is written, but the report is due ${reportDueAt} (${rules.reportDueDays} days after ${entry.endDate}, ${rules.id}); ${reportDueAt} is used`,
      );
    return { ...entry, year, reportDueAt };
  });
  return { entries: derived, warnings };
}
