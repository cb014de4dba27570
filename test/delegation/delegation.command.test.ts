import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerDelegationCommands } from '../../cli/delegation.command.js';
import type { Finding } from '../../delegation/rules.js';
import { proposalInput, trip } from './fixtures.js';

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'duyet-cli-delegation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => void vi.useRealTimers());

/** Writes a scratch file and returns its path. */
function file(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

let exitCode: number | undefined;

/** Runs `duyet delegation <args>` and returns what it printed; the exit code it set is kept in `exitCode`. */
async function run(...args: string[]): Promise<string> {
  const program = new Command('duyet').exitOverride();
  registerDelegationCommands(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'duyet', 'delegation', ...args]);
  } finally {
    spy.mockRestore();
    exitCode = process.exitCode === undefined ? undefined : Number(process.exitCode);
    process.exitCode = before;
  }
  return out;
}

const findingsOf = (out: string): Finding[] => (JSON.parse(out) as { findings: Finding[] }).findings;

describe('duyet delegation check', () => {
  it('prints the findings of the violations example as JSON', async () => {
    const findings = findingsOf(
      await run('check', example('delegation-violations.json'), '--json', '--today', '2022-09-01'),
    );
    expect(findings.map((finding) => finding.rule)).toEqual([
      'PLAN_REQUIRED',
      'UNIT_TRIP_SUSPENDED',
      'KEY_LEADERS_PER_DELEGATION',
      'DELEGATION_SIZE',
      'DAYS_PER_COUNTRY',
      'COUNTRIES_PER_TRIP',
      'FUNDING_SOURCE',
    ]);
    expect(Object.keys(findings[0]!)).toEqual(['rule', 'severity', 'message', 'facts']);
  });

  it('prints an empty list for the compliant example', async () => {
    expect(
      JSON.parse(await run('check', example('delegation-compliant.json'), '--json', '--rules', 'hanoi-2022')),
    ).toEqual({ ruleSet: { id: 'hanoi-2022', version: 2 }, findings: [], warnings: [] });
    expect(exitCode).toBe(0);
  });

  it('reads the ledger and the day of the check', async () => {
    const args = [
      'check',
      example('delegation-violations.json'),
      '--json',
      '--ledger',
      example('delegation-ledger.json'),
    ];
    const rules = (findings: Finding[]) => findings.map((finding) => finding.rule);
    expect(rules(findingsOf(await run(...args, '--today', '2022-09-01')))).toContain('REPORT_OVERDUE');
    expect(rules(findingsOf(await run(...args, '--today', '2022-08-01')))).not.toContain('REPORT_OVERDUE');
  });

  it('takes today in Asia/Ho_Chi_Minh when no day is given', async () => {
    const proposalFile = file('plain.json', proposalInput());
    const ledgerFile = file('ledger.json', [
      trip('m1', 'DR-2022-06', { endDate: '2022-07-22', reportDueAt: '2022-08-01', reportFiledAt: null }),
    ]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2022-08-01T16:59:00Z'));
    expect(findingsOf(await run('check', proposalFile, '--json', '--ledger', ledgerFile))).toEqual([]);
    vi.setSystemTime(new Date('2022-08-01T17:00:00Z'));
    expect(
      findingsOf(await run('check', proposalFile, '--json', '--ledger', ledgerFile)).map(
        (finding) => finding.facts.daysLate,
      ),
    ).toEqual([1]);
  });

  it('prints one line per finding without --json', async () => {
    const lines = (await run('check', example('delegation-violations.json'))).trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines).toContain(
      'exception DELEGATION_SIZE: Đoàn có 8 người, vượt quá 7 người (trưởng đoàn không là thành viên Thường trực Thành ủy) / The delegation has 8 people, above 7 (the leader is not a member of the Standing Board of the City Party Committee)',
    );
  });

  it('says so in one line when no rule is broken', async () => {
    expect(await run('check', example('delegation-compliant.json'))).toBe(
      'ok: không vi phạm quy định nào của hanoi-2022 / breaks no rule of hanoi-2022\n',
    );
  });
});

describe('duyet delegation check with bad input', () => {
  it('lists the known rule sets for an unknown one', async () => {
    await expect(run('check', example('delegation-compliant.json'), '--rules', 'hanoi-2023')).rejects.toThrow(
      'unknown rule set "hanoi-2023"; expected one of: hanoi-2022: 01/01/2022 – 31/12/2022',
    );
  });

  it('names a file it cannot read', async () => {
    await expect(run('check', join(scratch, 'missing.json'))).rejects.toThrow(/cannot read .*missing\.json: ENOENT/);
  });

  it('names a file that is not JSON', async () => {
    await expect(run('check', file('broken.json', '{"direction": '))).rejects.toThrow(
      /broken\.json is not valid JSON \(a delegation proposal\): expected JSON: /,
    );
  });

  it('names the path of each schema error', async () => {
    const bad = file('bad.json', {
      ...proposalInput(),
      members: [{ ...proposalInput().leader, id: 'x', keyLeader: 'yes' }],
      funding: [],
    });
    await expect(run('check', bad)).rejects.toThrow(
      /bad\.json is not a delegation proposal:\n {2}members\[0\]\.keyLeader: .*expected boolean.*\n {2}funding: expected at least one funding source/,
    );
  });

  it('names the path of a ledger error', async () => {
    await expect(
      run(
        'check',
        example('delegation-compliant.json'),
        '--ledger',
        file('bad-ledger.json', [{ ...trip('a', 'X'), endDate: '2022-13-01' }]),
      ),
    ).rejects.toThrow(
      /bad-ledger\.json is not a ledger of approved trips:\n {2}\[0\]\.endDate: expected a date written YYYY-MM-DD/,
    );
  });

  it('refuses a day of the check that is not a date', async () => {
    await expect(run('check', example('delegation-compliant.json'), '--today', '01/09/2022')).rejects.toThrow(
      '--today: expected a date written YYYY-MM-DD, such as 2022-06-15; got "01/09/2022"',
    );
  });
});

describe('duyet delegation check exit codes and files as people save them', () => {
  it('never exits 0 on a proposal a rule forbids: 10 when a rule blocks, 11 while exceptions await the decision', async () => {
    await run('check', example('delegation-violations.json'), '--json');
    expect(exitCode).toBe(10);
    const artists = file('artists.json', {
      ...proposalInput({ purpose: 'performance', countries: [{ country: 'Pháp', days: 4 }] }),
    });
    expect(findingsOf(await run('check', artists, '--json')).map((f) => f.severity)).toEqual(['exception']);
    expect(exitCode).toBe(11);
  });

  it("exits 0 on a proposal the rules allow with the competent authority's decision", async () => {
    const decided = file('decided.json', {
      ...proposalInput({ purpose: 'performance', countries: [{ country: 'Pháp', days: 4 }] }),
      competentAuthorityDecision: true,
    });
    const out = await run('check', decided);
    expect(exitCode).toBe(0);
    expect(out).toMatch(/^ok: .*exceptions decided by the competent authority\)\ndecided DAYS_PER_COUNTRY: /);
  });

  it('reads a file saved with a byte-order mark', async () => {
    const bom = file('bom.json', '\uFEFF' + JSON.stringify(proposalInput()));
    expect(findingsOf(await run('check', bom, '--json'))).toEqual([]);
  });

  it('refuses a file past 256 KiB without reading it', async () => {
    const big = file('big.json', ' '.repeat(256 * 1024 + 1));
    await expect(run('check', big)).rejects.toThrow(
      /big\.json is not a delegation proposal: expected at most 256 KiB; got 262145 bytes/,
    );
  });

  it('refuses a trip of a year no rule set covers', async () => {
    const later = file('2023.json', proposalInput({ startDate: '2023-03-06', endDate: '2023-03-10' }));
    await expect(run('check', later)).rejects.toThrow(/^no rule set governs a trip starting on 06\/03\/2023/);
  });

  it('reads the previous format with a warning on standard error', async () => {
    const legacy = fileURLToPath(new URL('./legacy/delegation-compliant.json', import.meta.url));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run('check', legacy)).toMatch(/^ok: /);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^duyet: warning: "managedByStandingBoard" is the old name/);
    } finally {
      stderr.mockRestore();
    }
  });

  it('derives the report day of a ledger entry rather than trusting an edited one', async () => {
    const ledgerFile = file('edited-ledger.json', [
      {
        ...trip('m1', 'DR-2022-06', { startDate: '2022-07-18', endDate: '2022-07-22', reportFiledAt: null }),
        reportDueAt: '2022-12-31',
      },
    ]);
    const out = JSON.parse(
      await run(
        'check',
        file('plain2.json', proposalInput()),
        '--json',
        '--ledger',
        ledgerFile,
        '--today',
        '2022-09-01',
      ),
    ) as { findings: Finding[]; warnings: string[] };
    expect(out.findings.map((f) => [f.rule, f.facts.reportDueAt])).toEqual([['REPORT_OVERDUE', '2022-08-01']]);
    expect(out.warnings[0]).toMatch(/edited-ledger\.json\[0\]\.reportDueAt: 2022-12-31 is written/);
  });
});
