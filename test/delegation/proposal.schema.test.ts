import { describe, expect, it } from 'vitest';
import { Ledger } from '../../delegation/rules.js';
import { person, proposalInput, ProposalSchema as Proposal, trip } from './fixtures.js';

/** The messages of a failed parse, each after its path. */
function problems(input: unknown): string[] {
  const parsed = Proposal.safeParse(input);
  if (parsed.success) throw new Error('expected the proposal to be refused');
  return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const valid = () => ({ ...proposalInput() }) as Record<string, unknown>;

/** A copy of an object without one of its keys. */
function without<T extends object>(object: T, key: keyof T): Partial<T> {
  const copy: Partial<T> = { ...object };
  delete copy[key];
  return copy;
}

describe('Proposal', () => {
  it('takes a trip as not urgent unless it says so', () => {
    expect(Proposal.parse(without(valid(), 'urgent')).urgent).toBe(false);
  });

  it('refuses an end date before the start date', () => {
    expect(problems({ ...valid(), startDate: '2022-09-12', endDate: '2022-09-11' })).toEqual([
      'endDate: expected an end date on or after the start date 2022-09-12; got 2022-09-11',
    ]);
  });

  it('refuses a day that does not exist', () => {
    expect(problems({ ...valid(), startDate: '2022-02-30' })).toEqual([
      'startDate: expected a date written YYYY-MM-DD, such as 2022-06-15; got "2022-02-30"',
    ]);
  });

  it('needs a country for an outbound trip and none for an inbound one', () => {
    expect(problems({ ...valid(), countries: [] })).toEqual([
      'countries: expected at least one country for an outbound delegation, such as [{"country": "Nhật Bản", "days": 3}]',
    ]);
    expect(
      Proposal.safeParse({ ...valid(), direction: 'in', countries: [], inbound: { criteria: ['leader-invitation'] } })
        .success,
    ).toBe(true);
  });

  it('needs a funding source', () => {
    expect(problems({ ...valid(), funding: [] })).toEqual([
      'funding: expected at least one funding source, such as ["state-budget"]',
    ]);
  });

  it('names the purposes it expects', () => {
    expect(problems({ ...valid(), purpose: 'tourism' })[0]).toMatch(/^purpose: .*expected one of .*"visit".*"other"/);
  });

  it('refuses a person listed twice and a country listed twice', () => {
    const twice = {
      ...valid(),
      members: [person('a'), person('a')],
      countries: [
        { country: 'Pháp', days: 1 },
        { country: 'Pháp', days: 2 },
      ],
    };
    expect(problems(twice)).toEqual([
      'members.1.id: expected each person once; "a" appears twice',
      'countries.1.country: expected each country once, with all its days; Pháp (FR) is also countries[0]',
    ]);
  });

  it('keeps inbound criteria for inbound delegations', () => {
    expect(problems({ ...valid(), inbound: { criteria: ['anniversary'] } })).toEqual([
      'inbound: expected no inbound criteria on an outbound delegation; they belong to direction "in"',
    ]);
    expect(
      Proposal.parse({ ...valid(), direction: 'in', inbound: { criteria: ['anniversary', 'city-hosted-event'] } })
        .inbound?.criteria,
    ).toHaveLength(2);
  });

  it('refuses a member without the flags the rules need', () => {
    expect(problems({ ...valid(), members: [without(person('x'), 'keyLeader')] })).toEqual([
      'members.0.keyLeader: Invalid input: expected boolean, received undefined',
    ]);
  });
});

describe('Ledger', () => {
  it('accepts trips with filed and unfiled reports', () => {
    expect(Ledger.parse([trip('a', 'X'), trip('b', 'Y', { reportFiledAt: null })])).toHaveLength(2);
  });

  it('says what a missing filing day should be', () => {
    const parsed = Ledger.safeParse([without(trip('a', 'X'), 'reportFiledAt')]);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
      'expected the day the report was filed, YYYY-MM-DD, or null while it is not filed',
    ]);
  });
});

describe('inbound proposals', () => {
  it('need the criteria the delegation is chosen by', () => {
    const inbound = { ...valid(), direction: 'in', countries: [] };
    const refused = Proposal.safeParse(inbound);
    expect(refused.success).toBe(false);
    expect(!refused.success && refused.error.issues[0]!.message).toContain(
      'expected the criteria an inbound delegation is chosen by',
    );
    expect(Proposal.safeParse({ ...inbound, inbound: { criteria: ['anniversary'] } }).success).toBe(true);
  });
});
