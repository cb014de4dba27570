import { describe, expect, it } from 'vitest';
import {
  checkProposal,
  keyLeaderIds,
  reportDueDate,
  ruleSets,
  type Finding,
  type LedgerEntry,
} from '../../delegation/rules.js';
import type { Proposal } from '../../delegation/proposal.schema.js';
import { members, person, proposal, trip } from './fixtures.js';

const rules = ruleSets['hanoi-2022']!;
const today = '2022-09-01';

const check = (p: Proposal, ledger: LedgerEntry[] = [], on = today): Finding[] => checkProposal(p, rules, ledger, on);
const verdicts = (findings: Finding[]) => findings.map((finding) => [finding.rule, finding.severity]);

describe('a proposal that keeps every rule', () => {
  it('has no findings', () => {
    expect(check(proposal())).toEqual([]);
  });

  it('has no findings when it is inbound, whatever the outbound rules say', () => {
    const inbound = proposal({
      direction: 'in',
      plan: { inPlan: false },
      members: members(12),
      countries: [],
      funding: ['sponsorship'],
      inbound: { criteria: ['anniversary'] },
    });
    expect(check(inbound)).toEqual([]);
  });
});

describe('PLAN_REQUIRED', () => {
  it('blocks an outbound trip outside the plan that is not urgent', () => {
    expect(verdicts(check(proposal({ plan: { inPlan: false } })))).toEqual([['PLAN_REQUIRED', 'block']]);
  });

  it('sends an urgent trip outside the plan to the competent authority', () => {
    const [finding] = check(proposal({ plan: { inPlan: false }, urgent: true }));
    expect(finding).toMatchObject({
      rule: 'PLAN_REQUIRED',
      severity: 'exception',
      facts: { decidedBy: 'competent-authority' },
    });
    expect(finding!.message.vi).toContain('cấp có thẩm quyền xem xét, quyết định');
  });

  it('sends an urgent trip for an international commitment to the Standing Board of the City Party Committee', () => {
    const [finding] = check(proposal({ plan: { inPlan: false }, urgent: true, purpose: 'international-commitment' }));
    expect(finding).toMatchObject({ severity: 'exception', facts: { decidedBy: 'city-party-standing-board' } });
    expect(finding!.message.vi).toContain('Thường trực Thành ủy xem xét, quyết định');
  });
});

describe('UNIT_TRIP_SUSPENDED', () => {
  it.each([
    ['Sở Du lịch', 'so-du-lich', 'department', 'study'],
    ['Quận Hoàn Kiếm', 'quan-hoan-kiem', 'district', 'visit'],
    ['Thành đoàn Hà Nội', 'thanh-doan', 'socio-political-organisation', 'friendship-exchange'],
    ['Sở KH&ĐT', 'so-ke-hoach-va-dau-tu', 'department', 'experience-exchange'],
  ] as const)('blocks a separate trip of %s (%s, a %s) for %s', (name, id, kind, purpose) => {
    const findings = check(proposal({ unit: { name, kind }, purpose }));
    expect(verdicts(findings)).toEqual([['UNIT_TRIP_SUSPENDED', 'block']]);
    expect(findings[0]!.facts).toEqual({ unit: id, unitKind: kind, purpose, year: 2022 });
  });

  it('lets the city leadership go for study and a department go for cooperation', () => {
    expect(check(proposal({ unit: { name: 'UBND Thành phố', kind: 'city-leadership' }, purpose: 'study' }))).toEqual(
      [],
    );
    expect(check(proposal({ purpose: 'cooperation' }))).toEqual([]);
  });
});

describe('KEY_LEADER_TRIPS_PER_YEAR', () => {
  it('allows the second trip of a key leader in a year', () => {
    expect(check(proposal(), [trip('leader', 'DR-2022-01')])).toEqual([]);
  });

  it('sends the third trip of a key leader to the competent authority, naming the trips so far', () => {
    const findings = check(proposal(), [trip('leader', 'DR-2022-01'), trip('leader', 'DR-2022-02')]);
    expect(verdicts(findings)).toEqual([['KEY_LEADER_TRIPS_PER_YEAR', 'exception']]);
    expect(findings[0]!.facts).toEqual({
      person: 'leader',
      year: 2022,
      tripsSoFar: 2,
      limit: 2,
      delegations: ['DR-2022-01', 'DR-2022-02'],
    });
    expect(findings[0]!.message.vi).toContain('lần thứ 3, vượt quá 2 lần/năm');
  });

  it("counts only the trips of the proposal's year", () => {
    expect(check(proposal(), [trip('leader', 'DR-2021-01', { year: 2021 }), trip('leader', 'DR-2022-01')])).toEqual([]);
  });

  it('counts a trip listed twice once', () => {
    expect(check(proposal(), [trip('leader', 'DR-2022-01'), trip('leader', 'DR-2022-01')])).toEqual([]);
  });

  it('checks key leaders among the members too, and not the other members', () => {
    const p = proposal({ members: [person('deputy', { keyLeader: true, unit: 'Sở Ngoại vụ' }), ...members(2)] });
    const ledger = [trip('deputy', 'A'), trip('deputy', 'B'), trip('m1', 'A'), trip('m1', 'B')];
    expect(check(p, ledger).map((finding) => finding.facts.person)).toEqual(['deputy']);
  });
});

describe('KEY_LEADERS_PER_DELEGATION', () => {
  it('sends two key leaders of one unit to the competent authority', () => {
    const findings = check(proposal({ members: [person('deputy', { keyLeader: true }), ...members(2)] }));
    expect(verdicts(findings)).toEqual([['KEY_LEADERS_PER_DELEGATION', 'exception']]);
    expect(findings[0]!.facts).toEqual({ unit: 'so-du-lich', people: ['leader', 'deputy'], limit: 1 });
  });

  it('allows key leaders of different units in one delegation', () => {
    expect(check(proposal({ members: [person('deputy', { keyLeader: true, unit: 'Sở Ngoại vụ' })] }))).toEqual([]);
  });
});

describe('DELEGATION_SIZE', () => {
  it('allows 7 people under a leader who is not on the Standing Board', () => {
    expect(check(proposal({ members: members(6) }))).toEqual([]);
  });

  it('sends 8 people under a leader who is not on the Standing Board to the competent authority', () => {
    const findings = check(proposal({ members: members(7) }));
    expect(verdicts(findings)).toEqual([['DELEGATION_SIZE', 'exception']]);
    expect(findings[0]!.facts).toEqual({ size: 8, limit: 7, standingBoardLeader: false });
    expect(findings[0]!.message.vi).toContain('Đoàn có 8 người, vượt quá 7 người');
  });

  it('allows 10 people under a Standing Board leader and not 11', () => {
    const leader = person('chair', {
      keyLeader: true,
      standingBoardMember: true,
      managedByStandingCommittee: true,
      unit: 'Thành ủy Hà Nội',
    });
    expect(check(proposal({ leader, members: members(9) }))).toEqual([]);
    const findings = check(proposal({ leader, members: members(10) }));
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.facts])).toEqual([
      ['DELEGATION_SIZE', 'exception', { size: 11, limit: 10, standingBoardLeader: true }],
    ]);
  });

  it('keeps the limit at 7 when a Standing Board member travels but does not lead', () => {
    const findings = check(proposal({ members: [person('chair', { standingBoardMember: true }), ...members(6)] }));
    expect(findings.map((finding) => finding.facts)).toEqual([{ size: 8, limit: 7, standingBoardLeader: false }]);
  });
});

describe('DAYS_PER_COUNTRY', () => {
  it('allows 3 days in a country and blocks 4 for a trip that is not an event, decided or not', () => {
    expect(check(proposal({ purpose: 'cooperation', countries: [{ country: 'Pháp', days: 3 }] }))).toEqual([]);
    for (const competentAuthorityDecision of [false, true]) {
      const findings = check(
        proposal({ purpose: 'cooperation', countries: [{ country: 'Pháp', days: 4 }], competentAuthorityDecision }),
      );
      expect(findings.map((finding) => [finding.rule, finding.severity, finding.facts])).toEqual([
        ['DAYS_PER_COUNTRY', 'block', { country: 'FR', days: 4, limit: 3 }],
      ]);
    }
  });

  it('gives one finding per country over the limit', () => {
    const findings = check(
      proposal({
        purpose: 'cooperation',
        countries: [
          { country: 'Pháp', days: 4 },
          { country: 'Bỉ', days: 2 },
          { country: 'Đức', days: 5 },
        ],
        endDate: '2022-09-24',
      }),
    );
    expect(findings.map((finding) => finding.facts.country)).toEqual(['FR', 'DE']);
  });
});

describe('COUNTRIES_PER_TRIP', () => {
  const country = (name: string) => ({ country: name, days: 1 });

  it('allows 3 countries and blocks 4 for a trip that is not an event', () => {
    expect(check(proposal({ purpose: 'cooperation', countries: ['Pháp', 'Bỉ', 'Đức'].map(country) }))).toEqual([]);
    const findings = check(
      proposal({ purpose: 'cooperation', countries: ['Pháp', 'Bỉ', 'Đức', 'Hà Lan'].map(country) }),
    );
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.facts])).toEqual([
      ['COUNTRIES_PER_TRIP', 'block', { countries: 4, limit: 3, codes: ['FR', 'BE', 'DE', 'NL'] }],
    ]);
  });
});

describe('FUNDING_SOURCE', () => {
  it.each(['enterprise', 'foreign-enterprise-invitation', 'foreign-loan', 'sponsorship'] as const)(
    'blocks funding by %s',
    (source) => {
      const findings = check(proposal({ funding: ['state-budget', source] }));
      expect(findings.map((finding) => [finding.rule, finding.severity, finding.facts])).toEqual([
        ['FUNDING_SOURCE', 'block', { sources: [source] }],
      ]);
    },
  );

  it("allows the state budget, the unit's budget and the host", () => {
    expect(check(proposal({ funding: ['state-budget', 'unit-budget', 'host'] }))).toEqual([]);
  });
});

describe('REPORT_OVERDUE', () => {
  const unfiled = (reportDueAt: string) => trip('m2', 'DR-2022-04', { reportDueAt, reportFiledAt: null });

  it('blocks a traveller whose report was due before today and is not filed', () => {
    const findings = check(proposal(), [unfiled('2022-08-31')]);
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.facts])).toEqual([
      ['REPORT_OVERDUE', 'block', { person: 'm2', delegation: 'DR-2022-04', reportDueAt: '2022-08-31', daysLate: 1 }],
    ]);
    expect(findings[0]!.message.vi).toContain('hạn 31/08/2022');
  });

  it('waits for a report due today or later', () => {
    expect(check(proposal(), [unfiled('2022-09-01'), unfiled('2022-09-05')])).toEqual([]);
  });

  it('accepts a report that was filed, even late', () => {
    expect(
      check(proposal(), [trip('m2', 'DR-2022-04', { reportDueAt: '2022-05-01', reportFiledAt: '2022-05-20' })]),
    ).toEqual([]);
  });

  it('ignores overdue reports of people who do not travel', () => {
    expect(
      check(proposal(), [trip('someone.else', 'DR-2022-04', { reportDueAt: '2022-05-01', reportFiledAt: null })]),
    ).toEqual([]);
  });
});

describe('keyLeaderIds and reportDueDate', () => {
  it('lists the key leaders, the leader first', () => {
    expect(keyLeaderIds(proposal({ members: [person('a'), person('b', { keyLeader: true })] }))).toEqual([
      'leader',
      'b',
    ]);
  });

  it('puts the report 10 calendar days after the trip ends, across a year end', () => {
    expect(reportDueDate('2022-09-16', rules)).toBe('2022-09-26');
    expect(reportDueDate('2022-12-25', rules)).toBe('2023-01-04');
  });
});
