import { describe, expect, it } from 'vitest';
import { MAX_PROPOSAL_BYTES, parseJsonText, readProposal } from '../../delegation/read-proposal.js';
import { deriveLedger, ruleSets, checkProposal } from '../../delegation/rules.js';
import { person, proposalInput, units } from './fixtures.js';

const rules = ruleSets['hanoi-2022']!;
const read = (raw: unknown) => readProposal(raw, units);
const errorOf = (raw: unknown) => {
  const result = read(raw);
  if (result.success) throw new Error('expected the proposal to be refused');
  return result.error;
};

describe('proposal text', () => {
  it('accepts a file saved with a UTF-8 byte-order mark, as Windows Notepad writes it', () => {
    const json = JSON.stringify(proposalInput());
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(json)]);
    const parsed = parseJsonText(withBom);
    expect(parsed.success && read(parsed.data).success).toBe(true);
  });

  it('refuses more than 256 KiB before parsing, saying the limit', () => {
    expect(MAX_PROPOSAL_BYTES).toBe(262_144);
    const big = JSON.stringify({ ...proposalInput(), plan: { inPlan: true, item: 'x'.repeat(MAX_PROPOSAL_BYTES) } });
    expect(parseJsonText(big)).toEqual({
      success: false,
      reason: 'tooLarge',
      error: `expected at most 256 KiB (262144 bytes); got ${new TextEncoder().encode(big).byteLength} bytes`,
    });
  });

  it('refuses text that is not UTF-8, and JSON that does not parse', () => {
    expect(parseJsonText(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      success: false,
      reason: 'encoding',
      error: 'expected UTF-8 text; save the file as UTF-8',
    });
    expect(parseJsonText('{"direction": ').success).toBe(false);
  });

  it('refuses a name past its length without echoing it', () => {
    const error = errorOf({ ...proposalInput(), leader: person('leader', { name: 'N'.repeat(100_000) }) });
    expect(error).toBe('  leader.name: expected at most 200 characters; got 100000');
  });
});

describe('unknown fields', () => {
  // Issue 12: 'unknown fields (a typo such as "urgnet") are dropped silently'.
  it('are refused by name, with the field meant where one is close', () => {
    expect(errorOf({ ...proposalInput(), urgnet: true })).toMatch(
      /^ {2}\(the whole file\): unknown field "urgnet"; did you mean "urgent"\? \(expected only: direction, unit, /,
    );
    expect(errorOf({ ...proposalInput(), members: [{ ...person('a'), keyLeadr: true }] })).toMatch(
      /^ {2}members\[0\]: unknown field "keyLeadr"; did you mean "keyLeader"\?/,
    );
  });
});

describe('the old field name managedByStandingBoard', () => {
  it('is read once as managedByStandingCommittee, with one warning naming both bodies', () => {
    const { managedByStandingCommittee, ...leader } = person('leader', { managedByStandingCommittee: true });
    const old = { ...proposalInput(), leader: { ...leader, managedByStandingBoard: managedByStandingCommittee } };
    const result = read(old);
    expect(result.success && result.data.leader.managedByStandingCommittee).toBe(true);
    expect(result.success && result.warnings).toEqual([
      '"managedByStandingBoard" is the old name of "managedByStandingCommittee" (cán bộ diện Ban Thường vụ Thành ủy quản lý — the Standing Committee, not the Standing Board); read as "managedByStandingCommittee" for 1 person this time: rename the field, a later version will refuse it',
    ]);
  });

  it('is refused beside the new one', () => {
    const both = { ...proposalInput(), leader: { ...person('leader'), managedByStandingBoard: true } };
    expect(errorOf(both)).toMatch(/leader: unknown field "managedByStandingBoard"/);
  });
});

describe('a ledger file', () => {
  // Issue 12: "the ledger trusts reportDueAt and year as written ... so a hand-edited date hides an overdue report".
  it('has its year and report day derived from the trip and the rule set, and says where they were edited', () => {
    const edited = {
      person: 'm1',
      year: 2021,
      delegation: 'DR-2022-06',
      startDate: '2022-07-18',
      endDate: '2022-07-22',
      reportDueAt: '2022-12-31',
      reportFiledAt: null,
    };
    const { entries, warnings } = deriveLedger([edited], ruleSets, rules);
    expect(entries).toEqual([{ ...edited, year: 2022, reportDueAt: '2022-08-01' }]);
    expect(warnings).toEqual([
      '[0].year: 2021 is written, but the trip starts in 2022; 2022 is used',
      '[0].reportDueAt: 2022-12-31 is written, but the report is due 2022-08-01 (10 days after 2022-07-22, hanoi-2022); 2022-08-01 is used',
    ]);
    const read = readProposal(proposalInput(), units);
    const findings = read.success ? checkProposal(read.data, rules, entries, '2022-09-01') : [];
    expect(findings.map((finding) => [finding.rule, finding.facts.reportDueAt])).toEqual([
      ['REPORT_OVERDUE', '2022-08-01'],
    ]);
  });
});
