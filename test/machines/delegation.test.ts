import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareDelegation, ruleSetById } from '../../client/delegations.js';
import { delegation } from '../../machines/definitions/delegation.definition.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { createProcess } from '../../machines/create-process.js';
import { calendar } from '../../test-support/review-pipeline.js';

const process = createProcess(delegation);
const rules = ruleSetById('hanoi-2022');
const compliant = JSON.parse(
  readFileSync(new URL('../../examples/delegation-compliant.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const today = '2022-08-01';

/** Starts the process for a proposal and takes the given decisions, each by a user of the awaited role. */
function walk(proposal: Record<string, unknown>, decisions: string[]) {
  const prepared = prepareDelegation(proposal, rules, [], today);
  const context = parseStartInput(process.definition, prepared.input, '2022-08-01T08:00:00+07:00', calendar);
  if (!context.success) throw new Error(context.error);
  let [snapshot] = process.start(context.data);
  const stages: string[] = [snapshot.value as string];
  for (const type of decisions) {
    const role = process.view(snapshot).awaiting!.role;
    const checked = process.check(
      snapshot,
      { type, actor: `${role}.user`, roles: [role] },
      '2022-08-02T08:00:00+07:00',
    );
    if (!checked.success) throw new Error(checked.error);
    [snapshot] = process.apply(snapshot, checked.data);
    stages.push(snapshot.value as string);
  }
  return { stages, view: process.view(snapshot), prepared };
}

const leader = compliant.leader as Record<string, unknown>;

describe('delegation routes', () => {
  it('sends an in-plan trip of a Standing-Board-managed cadre through Foreign Affairs, the Organisation Board and the Standing Board, then awaits the report', () => {
    const { stages, view } = walk(compliant, ['SUBMIT', 'APPROVE', 'APPROVE', 'APPROVE']);
    expect(stages).toEqual([
      'proposal',
      'foreignAffairsReview',
      'organisationBoardAdvice',
      'standingBoardDecision',
      'reporting',
    ]);
    expect(view.awaiting).toMatchObject({ role: 'unit', milestone: 'tripReport', dueAt: '2022-09-28T23:59:59+07:00' });
    expect(view.facts.ruleSet).toEqual({ id: 'hanoi-2022', version: rules.version });
  });

  it('skips the Organisation Board when no traveller is managed by the Standing Board, and completes on the report', () => {
    const proposal = { ...compliant, leader: { ...leader, managedByStandingCommittee: false } };
    const { stages, view } = walk(proposal, ['SUBMIT', 'APPROVE', 'APPROVE', 'FILE_REPORT']);
    expect(stages).toEqual(['proposal', 'foreignAffairsReview', 'standingBoardDecision', 'reporting', 'completed']);
    expect(view.status).toBe('completed');
  });

  it('sends an urgent unplanned trip through the exception step, then to the competent authority', () => {
    const proposal = {
      ...compliant,
      plan: { inPlan: false },
      urgent: true,
      justifications: { PLAN_REQUIRED: 'Lời mời đột xuất của đối tác' },
    };
    const { stages, view } = walk(proposal, ['SUBMIT', 'APPROVE', 'APPROVE']);
    expect(stages).toEqual(['proposal', 'exceptionApproval', 'competentAuthorityDecision', 'reporting']);
    expect(view.facts.exceptions).toEqual([
      expect.objectContaining({ rule: 'PLAN_REQUIRED', justification: 'Lời mời đột xuất của đối tác' }),
    ]);
  });

  it('has an unplanned trip serving international commitments proposed by the Party Committee and decided by the Standing Board', () => {
    const proposal = {
      ...compliant,
      plan: { inPlan: false },
      urgent: true,
      purpose: 'international-commitment',
      justifications: { PLAN_REQUIRED: 'Cam kết quốc tế của Thành phố' },
    };
    const { stages } = walk(proposal, ['SUBMIT', 'APPROVE', 'APPROVE', 'APPROVE']);
    expect(stages).toEqual([
      'proposal',
      'exceptionApproval',
      'partyCommitteeProposal',
      'standingBoardDecision',
      'reporting',
    ]);
  });

  // "Trong đó, đối với những đoàn ... nhằm đảm bảo thực hiện các thỏa thuận, cam kết quốc tế ...": one kind of unplanned trip.
  it('takes the same route for a commitment trip outside the plan that nobody marked urgent', () => {
    const proposal = {
      ...compliant,
      plan: { inPlan: false },
      purpose: 'international-commitment',
      justifications: { PLAN_REQUIRED: 'Cam kết quốc tế của Thành phố' },
    };
    const { stages } = walk(proposal, ['SUBMIT', 'APPROVE', 'APPROVE', 'APPROVE']);
    expect(stages).toEqual([
      'proposal',
      'exceptionApproval',
      'partyCommitteeProposal',
      'standingBoardDecision',
      'reporting',
    ]);
  });

  it('checks an inbound delegation against the criteria, then the Standing Board approves it, with no report due', () => {
    const proposal = { ...compliant, direction: 'in', countries: [], inbound: { criteria: ['anniversary'] } };
    const { stages, view } = walk(proposal, ['SUBMIT', 'APPROVE', 'APPROVE']);
    expect(stages).toEqual(['proposal', 'inboundSelection', 'standingBoardDecision', 'hosted']);
    expect(view.status).toBe('completed');
    expect(view.milestones[0]!.dueAt).toBeNull();
  });

  it('refuses to start a proposal with blocking findings, listing them all', () => {
    const proposal = { ...compliant, funding: ['enterprise'], countries: [{ country: 'Nhật Bản', days: 7 }] };
    expect(() => prepareDelegation(proposal, rules, [], today)).toThrow(
      /FUNDING_SOURCE[\s\S]*DAYS_PER_COUNTRY|DAYS_PER_COUNTRY[\s\S]*FUNDING_SOURCE/,
    );
  });

  it('refuses to start when an exception finding has no justification, naming the rule', () => {
    const proposal = { ...compliant, plan: { inPlan: false }, urgent: true };
    expect(() => prepareDelegation(proposal, rules, [], today)).toThrow(/justification[\s\S]*PLAN_REQUIRED/);
  });
});
