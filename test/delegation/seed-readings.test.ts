/**
 * Each reading of section 3.1 of the Hanoi 2022 foreign-affairs plan (../shared/seeds/004_508bac88eb965fb7.txt) that
 * a reviewer at the Department of Foreign Affairs would dispute if the checker read it otherwise, tested at its
 * boundary and quoted.
 */
import { describe, expect, it } from 'vitest';
import { checkProposal, ruleSets, type Finding } from '../../delegation/rules.js';
import type { ProposalInput } from '../../delegation/proposal.schema.js';
import { members, person, proposal, proposalInput, ProposalSchema } from './fixtures.js';

const rules = ruleSets['hanoi-2022']!;
const check = (overrides: Partial<ProposalInput>): Finding[] =>
  checkProposal(proposal(overrides), rules, [], '2022-09-01');
const verdicts = (findings: Finding[]) => findings.map((finding) => [finding.rule, finding.severity]);
const problems = (overrides: Partial<ProposalInput>): string[] => {
  const parsed = ProposalSchema.safeParse(proposalInput(overrides));
  if (parsed.success) throw new Error('expected the proposal to be refused');
  return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

/** A troupe of artists of the Thang Long Water Puppet Theatre, none of them a cadre managed by the Standing Committee. */
const troupe = {
  unit: { name: 'Nhà hát Múa rối Thăng Long', kind: 'department' as const },
  leader: person('troupe.leader', { unit: 'Nhà hát Múa rối Thăng Long', position: 'Phó Giám đốc Nhà hát' }),
  members: members(5, { unit: 'Nhà hát Múa rối Thăng Long', position: 'Nghệ sĩ' }),
  purpose: 'performance' as const,
};
const managedLeader = person('director', { keyLeader: true, managedByStandingCommittee: true, position: 'Giám đốc' });

describe('"trừ trường hợp tham dự hoặc tổ chức sự kiện quy mô lớn, ... tham gia biểu diễn nghệ thuật ... (nhưng không quá 05 ngày/nước đối với cán bộ diện Ban Thường vụ Thành ủy quản lý và phải được cấp có thẩm quyền quyết định)"', () => {
  it('lets a troupe of artists stay 4 days at a festival with the competent authority, not blocks it', () => {
    const findings = check({ ...troupe, countries: [{ country: 'Pháp', days: 4 }] });
    expect(verdicts(findings)).toEqual([['DAYS_PER_COUNTRY', 'exception']]);
    expect(
      verdicts(check({ ...troupe, countries: [{ country: 'Pháp', days: 4 }], competentAuthorityDecision: true })),
    ).toEqual([['DAYS_PER_COUNTRY', 'decided']]);
  });

  it('binds the 5-day cap to the cadres managed by the Standing Committee only: 7 days for artists alone is an exception', () => {
    const findings = check({ ...troupe, countries: [{ country: 'Pháp', days: 7 }], endDate: '2022-09-20' });
    expect(findings.map((finding) => [finding.severity, finding.facts])).toEqual([
      ['exception', { country: 'FR', days: 7, limit: 3, eventLimit: 5 }],
    ]);
  });

  it('allows a managed cadre 5 days and not 6, decided or not', () => {
    const withCadre = { ...troupe, leader: managedLeader, endDate: '2022-09-20' };
    expect(verdicts(check({ ...withCadre, countries: [{ country: 'Pháp', days: 5 }] }))).toEqual([
      ['DAYS_PER_COUNTRY', 'exception'],
    ]);
    for (const competentAuthorityDecision of [false, true]) {
      const findings = check({ ...withCadre, countries: [{ country: 'Pháp', days: 6 }], competentAuthorityDecision });
      expect(findings.map((finding) => [finding.severity, finding.facts])).toEqual([
        ['block', { country: 'FR', days: 6, limit: 3, eventLimit: 5, managedByStandingCommittee: ['director'] }],
      ]);
      expect(findings[0]!.message.vi).toContain('cán bộ diện Ban Thường vụ Thành ủy quản lý không quá 5 ngày/nước');
    }
  });

  it('lifts "một chuyến đi không quá 03 nước" for the same purposes with the decision, and only for them', () => {
    const four = ['Pháp', 'Bỉ', 'Đức', 'Hà Lan'].map((country) => ({ country, days: 1 }));
    expect(verdicts(check({ purpose: 'conference', countries: four }))).toEqual([['COUNTRIES_PER_TRIP', 'exception']]);
    expect(verdicts(check({ purpose: 'conference', countries: four, competentAuthorityDecision: true }))).toEqual([
      ['COUNTRIES_PER_TRIP', 'decided'],
    ]);
    expect(verdicts(check({ purpose: 'cooperation', countries: four, competentAuthorityDecision: true }))).toEqual([
      ['COUNTRIES_PER_TRIP', 'block'],
    ]);
  });
});

describe('"Trường hợp phát sinh đoàn ra đột xuất ngoài kế hoạch ... Trong đó, đối với những đoàn ... nhằm đảm bảo thực hiện các thỏa thuận, cam kết quốc tế ... Thường trực Thành ủy xem xét, quyết định"', () => {
  it("sends an unplanned trip for the city's commitments to the Standing Board whether or not it is marked urgent", () => {
    for (const urgent of [false, true]) {
      const [finding, ...rest] = check({ plan: { inPlan: false }, urgent, purpose: 'international-commitment' });
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({
        rule: 'PLAN_REQUIRED',
        severity: 'exception',
        facts: { urgent, internationalCommitment: true, decidedBy: 'city-party-standing-board' },
      });
    }
  });

  it('still blocks an unplanned trip that is neither urgent nor for a commitment, until the competent authority decides it', () => {
    expect(verdicts(check({ plan: { inPlan: false }, urgent: false, purpose: 'cooperation' }))).toEqual([
      ['PLAN_REQUIRED', 'block'],
    ]);
    const decided = { plan: { inPlan: false }, purpose: 'cooperation' as const, competentAuthorityDecision: true };
    expect(verdicts(check(decided))).toEqual([['PLAN_REQUIRED', 'decided']]);
  });
});

describe('"không cử 02 lãnh đạo chủ chốt trở lên của cơ quan, đơn vị tham gia cùng một đoàn", whatever the unit\'s spelling', () => {
  it('counts "Sở Công thương", "Sở Công Thương" and its decomposed Unicode as one unit', () => {
    const findings = check({
      unit: { name: 'Sở Công Thương', kind: 'department' },
      purpose: 'promotion',
      leader: person('giam.doc', { unit: 'Sở Công thương', keyLeader: true }),
      members: [person('pho.giam.doc', { unit: 'Sở Công Thương'.normalize('NFD'), keyLeader: true }), person('m1')],
    });
    expect(findings.map((finding) => [finding.rule, finding.facts])).toEqual([
      ['KEY_LEADERS_PER_DELEGATION', { unit: 'so-cong-thuong', people: ['giam.doc', 'pho.giam.doc'], limit: 1 }],
    ]);
  });

  it('refuses a unit that is not in the directory, and a unit kind the directory contradicts', () => {
    expect(problems({ leader: person('x', { unit: 'Sở Atlantis' }) })[0]).toMatch(
      /^leader\.unit: unknown unit "Sở Atlantis"/,
    );
    expect(problems({ unit: { name: 'Sở Du lịch', kind: 'city-leadership' } })).toEqual([
      'unit.kind: expected "department": the directory lists Sở Du lịch as one; got "city-leadership"',
    ]);
  });
});

describe('"thời gian thăm một nước không quá 03 ngày", counted per country whatever its spelling', () => {
  it('refuses Japan twice as "Nhật Bản" 2 days and "Nhat Ban" 2 days', () => {
    expect(
      problems({
        countries: [
          { country: 'Nhật Bản', days: 2 },
          { country: 'Nhat Ban', days: 2 },
        ],
      }),
    ).toEqual([
      'countries.1.country: expected each country once, with all its days; Nhật Bản (JP) is also countries[0]',
    ]);
  });

  it('refuses a country that does not exist', () => {
    expect(problems({ countries: [{ country: 'Atlantis', days: 2 }] })[0]).toMatch(
      /^countries\.0\.country: unknown country "Atlantis"; expected an ISO 3166 code/,
    );
  });

  it('refuses days that do not fit the trip dates, and a stay past the upper bound', () => {
    expect(
      problems({
        startDate: '2022-09-12',
        endDate: '2022-09-14',
        countries: [
          { country: 'JP', days: 3 },
          { country: 'KR', days: 3 },
          { country: 'CN', days: 3 },
        ],
      }),
    ).toEqual([
      'countries: expected the days in countries to fit the trip: 9 days declared, but 2022-09-12 – 2022-09-14 is 3 days',
    ]);
    expect(problems({ countries: [{ country: 'JP', days: 367 }] })).toContain(
      'countries.0.days: expected at most 366 days in a country',
    );
    expect(ProposalSchema.safeParse(proposalInput({ startDate: '2022-09-12', endDate: '2022-09-14' })).success).toBe(
      true,
    );
  });
});

describe('"(trường hợp ... trình cấp có thẩm quyền xem xét, quyết định)": one decision of the competent authority', () => {
  it('clears every exception of the proposal, and no block', () => {
    const overrides = {
      purpose: 'conference' as const,
      leader: managedLeader,
      members: [person('deputy', { keyLeader: true }), ...members(7)],
      countries: [{ country: 'Pháp', days: 5 }],
      endDate: '2022-09-20',
      funding: ['state-budget' as const, 'enterprise' as const],
    };
    const open = verdicts(check(overrides));
    expect(open).toEqual([
      ['KEY_LEADERS_PER_DELEGATION', 'exception'],
      ['DELEGATION_SIZE', 'exception'],
      ['DAYS_PER_COUNTRY', 'exception'],
      ['FUNDING_SOURCE', 'block'],
    ]);
    expect(verdicts(check({ ...overrides, competentAuthorityDecision: true }))).toEqual([
      ['KEY_LEADERS_PER_DELEGATION', 'decided'],
      ['DELEGATION_SIZE', 'decided'],
      ['DAYS_PER_COUNTRY', 'decided'],
      ['FUNDING_SOURCE', 'block'],
    ]);
  });
});

describe('"không gợi ý doanh nghiệp mời hoặc do các doanh nghiệp nước ngoài mời đích danh; ... các nguồn tài trợ khác"', () => {
  it('blocks a trip an enterprise was asked to invite', () => {
    expect(
      check({ funding: ['state-budget', 'enterprise-invitation-suggested'] }).map((f) => [f.severity, f.facts]),
    ).toEqual([['block', { sources: ['enterprise-invitation-suggested'] }]]);
  });

  it('needs a description for another source, and flags it for the competent authority', () => {
    expect(problems({ funding: ['other'] })[0]).toMatch(/^funding\.0: expected a description for "other"/);
    const findings = check({ funding: [{ source: 'other', description: 'Quỹ hợp tác thành phố kết nghĩa' }] });
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.facts])).toEqual([
      ['FUNDING_OTHER', 'exception', { descriptions: ['Quỹ hợp tác thành phố kết nghĩa'] }],
    ]);
  });
});
