import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hanoi2022 } from '../delegation/rule-sets/hanoi-2022.js';

/** The id of the test rule set: the 2022 rules, for trips from 2023 on. */
export const laterRuleSet = 'hanoi-2022-later';

/**
 * A rule-sets folder (DUYET_RULE_SETS_DIR) holding the 2022 rules under {@link laterRuleSet} (or the id given) for
 * trips from 2023 on, so tests on a real clock can approve trips after today: the shipped rule set governs 2022 only.
 * A test file whose ledgers must not meet another file's (ledger workflow ids are per rule set and year) passes its
 * own id.
 */
export function laterRuleSetsDir(id: string = laterRuleSet): string {
  const dir = mkdtempSync(join(tmpdir(), 'duyet-rule-sets-'));
  const rules = { ...hanoi2022, id, validFrom: '2023-01-01', validTo: '2099-12-31' };
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(rules, null, 2));
  return dir;
}

/**
 * A rule-sets folder holding the 2022 rules under the id given for trips in one year, with the plan's adjustment
 * window moved to 15 May of that year: a test on a real clock that uses next year has its own plan and ledgers.
 */
export function yearRuleSetsDir(id: string, year: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'duyet-web-rules-'));
  const rules = {
    ...hanoi2022,
    id,
    year,
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    planAdjustment: { ...hanoi2022.planAdjustment, deadline: `${year}-05-15` },
  };
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(rules));
  return dir;
}
