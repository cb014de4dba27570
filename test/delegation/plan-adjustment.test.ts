import { describe, expect, it } from 'vitest';
import { checkPlanAdjustment, ruleSets } from '../../delegation/rules.js';

const rules = ruleSets['hanoi-2022']!;
const first = { outbound: 7, inbound: 6, adjustments: 0 };

describe('checkPlanAdjustment', () => {
  it('accepts one adjustment before 15 May 2022 down to 7 outbound and 6 inbound delegations', () => {
    expect(checkPlanAdjustment(first, '2022-05-14', rules)).toEqual([]);
  });

  it('blocks an adjustment on 15 May 2022 or after it', () => {
    for (const date of ['2022-05-15', '2022-06-01']) {
      const findings = checkPlanAdjustment(first, date, rules);
      expect(findings.map((finding) => [finding.rule, finding.severity, finding.facts])).toEqual([
        ['PLAN_ADJUSTMENT', 'block', { adjustmentDate: date, deadline: '2022-05-15' }],
      ]);
    }
  });

  it('blocks a second adjustment', () => {
    const findings = checkPlanAdjustment({ ...first, adjustments: 1 }, '2022-04-01', rules);
    expect(findings.map((finding) => finding.facts)).toEqual([{ adjustment: 2, times: 1 }]);
  });

  it('blocks 8 outbound delegations and 7 inbound ones', () => {
    expect(checkPlanAdjustment({ ...first, outbound: 8 }, '2022-04-01', rules).map((finding) => finding.facts)).toEqual(
      [{ direction: 'out', count: 8, limit: 7 }],
    );
    expect(checkPlanAdjustment({ ...first, inbound: 7 }, '2022-04-01', rules).map((finding) => finding.facts)).toEqual([
      { direction: 'in', count: 7, limit: 6 },
    ]);
  });

  it('lists every broken condition at once, in both languages', () => {
    const findings = checkPlanAdjustment({ outbound: 9, inbound: 8, adjustments: 1 }, '2022-07-01', rules);
    expect(findings).toHaveLength(4);
    expect(findings.every((finding) => finding.rule === 'PLAN_ADJUSTMENT' && finding.severity === 'block')).toBe(true);
    expect(findings[2]!.message).toEqual({
      vi: 'Kế hoạch sau điều chỉnh có 9 đoàn ra, vượt quá 7 đoàn ra',
      en: 'The adjusted plan has 9 outbound delegations, above 7',
    });
  });
});
