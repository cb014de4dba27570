import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readProposal } from '../../delegation/read-proposal.js';
import { hanoi2022 } from '../../delegation/rule-sets/hanoi-2022.js';
import { checkProposal, Ledger, RuleSet, ruleSets } from '../../delegation/rules.js';
import { units } from './fixtures.js';

const example = (name: string, folder = '../../examples/'): unknown =>
  JSON.parse(readFileSync(new URL(`${folder}${name}`, import.meta.url), 'utf8'));
/** A proposal file read against the shipped unit directory, refused loudly when it is not one. */
function proposalOf(raw: unknown) {
  const read = readProposal(raw, units);
  if (!read.success) throw new Error(read.error);
  return read;
}
const rules = ruleSets['hanoi-2022']!;
const ledger = Ledger.parse(example('delegation-ledger.json'));
const today = '2022-09-01';

describe('the hanoi-2022 rule set', () => {
  it('is valid data, registered under its id', () => {
    expect(RuleSet.parse(hanoi2022)).toEqual(hanoi2022);
    expect(Object.keys(ruleSets)).toEqual(['hanoi-2022']);
    expect(rules).toMatchObject({
      version: 2,
      year: 2022,
      validFrom: '2022-01-01',
      validTo: '2022-12-31',
      maxSize: 7,
      maxSizeWithStandingBoardLeader: 10,
      planAdjustment: { deadline: '2022-05-15' },
    });
  });

  it('refuses a rule set whose event limit is below the ordinary one, saying what was expected', () => {
    const parsed = RuleSet.safeParse({ ...hanoi2022, maxDaysPerCountryForEvents: 2 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      'expected maxDaysPerCountryForEvents to be at least maxDaysPerCountry',
    );
  });
});

describe('examples/delegation-compliant.json', () => {
  it('breaks no rule, with or without the example ledger', () => {
    const { data: proposal, warnings } = proposalOf(example('delegation-compliant.json'));
    expect(warnings).toEqual([]);
    expect(checkProposal(proposal, rules, [], today)).toEqual([]);
    expect(checkProposal(proposal, rules, ledger, today)).toEqual([]);
  });
});

describe('examples/delegation-violations.json', () => {
  const proposal = proposalOf(example('delegation-violations.json')).data;
  const verdicts = (findings: ReturnType<typeof checkProposal>) =>
    findings.map((finding) => [finding.rule, finding.severity]);

  it('breaks exactly these rules on its own', () => {
    expect(verdicts(checkProposal(proposal, rules, [], today))).toEqual([
      ['PLAN_REQUIRED', 'exception'],
      ['UNIT_TRIP_SUSPENDED', 'block'],
      ['KEY_LEADERS_PER_DELEGATION', 'exception'],
      ['DELEGATION_SIZE', 'exception'],
      ['DAYS_PER_COUNTRY', 'block'],
      ['COUNTRIES_PER_TRIP', 'block'],
      ['FUNDING_SOURCE', 'block'],
    ]);
  });

  it('also breaks the trips-per-year and report rules against the example ledger', () => {
    const findings = checkProposal(proposal, rules, ledger, today);
    expect(verdicts(findings)).toEqual([
      ['PLAN_REQUIRED', 'exception'],
      ['UNIT_TRIP_SUSPENDED', 'block'],
      ['KEY_LEADER_TRIPS_PER_YEAR', 'exception'],
      ['KEY_LEADERS_PER_DELEGATION', 'exception'],
      ['DELEGATION_SIZE', 'exception'],
      ['DAYS_PER_COUNTRY', 'block'],
      ['COUNTRIES_PER_TRIP', 'block'],
      ['FUNDING_SOURCE', 'block'],
      ['REPORT_OVERDUE', 'block'],
    ]);
    expect(findings.find((finding) => finding.rule === 'KEY_LEADER_TRIPS_PER_YEAR')!.facts).toMatchObject({
      person: 'nguyen.van.hung',
      tripsSoFar: 2,
    });
    expect(findings.find((finding) => finding.rule === 'REPORT_OVERDUE')!.facts).toMatchObject({
      person: 'tran.thi.lan',
      reportDueAt: '2022-08-01',
    });
  });

  it('names the numbers in both languages', () => {
    const size = checkProposal(proposal, rules, [], today).find((finding) => finding.rule === 'DELEGATION_SIZE')!;
    expect(size.message).toEqual({
      vi: 'Đoàn có 8 người, vượt quá 7 người (trưởng đoàn không là thành viên Thường trực Thành ủy)',
      en: 'The delegation has 8 people, above 7 (the leader is not a member of the Standing Board of the City Party Committee)',
    });
  });
});

describe('the proposal files of the previous format (managedByStandingBoard, country names)', () => {
  it('are still read, with a warning, and give the same findings as the current examples', () => {
    for (const name of ['delegation-compliant.json', 'delegation-violations.json']) {
      const old = proposalOf(example(name, './legacy/'));
      expect(old.warnings).toHaveLength(1);
      expect(old.data).toEqual(proposalOf(example(name)).data);
    }
  });
});
