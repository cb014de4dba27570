import { describe, expect, it } from 'vitest';
import { hanoi2022 } from '../../delegation/rule-sets/hanoi-2022.js';
import { covers, RuleSet, ruleSetFor, ruleSets } from '../../delegation/rules.js';

describe('the period of a rule set ("Nguyên tắc tổ chức đoàn ra - đoàn vào năm 2022")', () => {
  it('governs the trips that start in 2022, from the first day to the last', () => {
    const rules = ruleSets['hanoi-2022']!;
    expect(['2021-12-31', '2022-01-01', '2022-12-31', '2023-01-01'].map((day) => covers(rules, day))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(ruleSetFor(ruleSets, '2022-06-01')).toEqual({ success: true, data: rules });
  });

  // Issue 12: "a department's study trip in 2023 is refused "in 2022"".
  it('refuses a trip of 2023, naming the periods covered and how to add a rule set', () => {
    const refused = ruleSetFor(ruleSets, '2023-03-10');
    expect(refused.success).toBe(false);
    expect(!refused.success && refused.error).toBe(
      'no rule set governs a trip starting on 10/03/2023: the rule sets cover hanoi-2022: 01/01/2022 – 31/12/2022; to check trips of 2023, add the rule set of that period: a JSON file with the fields of delegation/rule-sets/hanoi-2022.ts (id, version, validFrom, validTo, the limits) in the folder named by DUYET_RULE_SETS_DIR, or a module in delegation/rule-sets/ registered in delegation/rules.ts',
    );
    const named = ruleSetFor(ruleSets, '2023-03-10', 'hanoi-2022');
    expect(!named.success && named.error).toMatch(
      /^rule set hanoi-2022: 01\/01\/2022 – 31\/12\/2022 does not govern a trip starting on 10\/03\/2023/,
    );
  });

  it('picks the rule set of the trip among several, and refuses a rule set whose period ends before it starts', () => {
    const next = { ...hanoi2022, id: 'hanoi-2023', validFrom: '2023-01-01', validTo: '2023-12-31' };
    const both = { ...ruleSets, [next.id]: RuleSet.parse(next) };
    expect(ruleSetFor(both, '2023-03-10')).toMatchObject({ success: true, data: { id: 'hanoi-2023' } });
    expect(RuleSet.safeParse({ ...next, validTo: '2022-12-31' }).error?.issues[0]?.message).toBe(
      'expected validTo on or after validFrom',
    );
  });
});
