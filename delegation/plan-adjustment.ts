import { formatVn, toEpochDay, type PlainDate } from '../calendar/dates.js';
import type { Finding, RuleSet } from './rule-set.schema.js';

/** A plan as adjusted: its outbound and inbound delegations, and how many adjustments were made before this one. */
export interface PlanAdjustment {
  outbound: number;
  inbound: number;
  adjustments: number;
}

/** Checks an adjustment of the year's plan: made before the deadline, not more often than allowed, down to the maximum counts (pure). */
export function checkPlanAdjustment(plan: PlanAdjustment, adjustmentDate: PlainDate, rules: RuleSet): Finding[] {
  const { deadline, maxOutbound, maxInbound, times } = rules.planAdjustment;
  const findings: Finding[] = [];
  // "thực hiện 01 đợt trước ngày 15/5/2022": before the day, so the deadline itself is already too late.
  if (toEpochDay(adjustmentDate) >= toEpochDay(deadline)) {
    findings.push({
      rule: 'PLAN_ADJUSTMENT',
      severity: 'block',
      message: {
        vi: `Điều chỉnh kế hoạch ngày ${formatVn(adjustmentDate)}, không trước ngày ${formatVn(deadline)} như quy định`,
        en: `The plan is adjusted on ${adjustmentDate}, not before ${deadline} as required`,
      },
      facts: { adjustmentDate, deadline },
    });
  }
  if (plan.adjustments + 1 > times) {
    findings.push({
      rule: 'PLAN_ADJUSTMENT',
      severity: 'block',
      message: {
        vi: `Đây là lần điều chỉnh thứ ${plan.adjustments + 1}, vượt quá ${times} đợt điều chỉnh trong năm ${rules.year}`,
        en: `This is adjustment number ${plan.adjustments + 1}, above ${times} allowed in ${rules.year}`,
      },
      facts: { adjustment: plan.adjustments + 1, times },
    });
  }
  const counts = [
    { direction: 'out', count: plan.outbound, limit: maxOutbound, vi: 'đoàn ra', en: 'outbound' },
    { direction: 'in', count: plan.inbound, limit: maxInbound, vi: 'đoàn vào', en: 'inbound' },
  ] as const;
  for (const { direction, count, limit, vi, en } of counts) {
    if (count <= limit) continue;
    findings.push({
      rule: 'PLAN_ADJUSTMENT',
      severity: 'block',
      message: {
        vi: `Kế hoạch sau điều chỉnh có ${count} ${vi}, vượt quá ${limit} ${vi}`,
        en: `The adjusted plan has ${count} ${en} delegations, above ${limit}`,
      },
      facts: { direction, count, limit },
    });
  }
  return findings;
}
