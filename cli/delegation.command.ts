import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { isPlainDate, toPlainDate, type PlainDate } from '../calendar/dates.js';
import { RequestError } from '../client/errors.js';
import { loadRuleSets } from '../client/rule-sets.js';
import { formatIssues, MAX_PROPOSAL_BYTES, parseJsonText, readProposal } from '../delegation/read-proposal.js';
import { checkProposal, deriveLedger, LedgerFile, ruleSetFor, type Finding } from '../delegation/rules.js';
import { loadUnits } from '../directory/directory.js';
import { UnitIndex } from '../directory/units.js';
import { loadConfig } from '../temporal.config.js';
import { registerPlanCommands } from './delegation-plan.command.js';
import { write } from './io.js';

/** The largest ledger file `check --ledger` reads. */
const MAX_LEDGER_BYTES = 16 * 1024 * 1024;

/**
 * Exit codes of `delegation check`: nothing stands in the way, a rule blocks, an exception awaits the decision; apart
 * from the codes of refused requests (client/errors.ts).
 */
export const CHECK_EXIT = { ok: 0, blocked: 10, awaitingDecision: 11 } as const;

/** The exit code for a check's findings: 10 when a rule blocks, 11 when exceptions await the competent authority, else 0 (pure). */
export function checkExitCode(findings: Finding[]): number {
  if (findings.some((finding) => finding.severity === 'block')) return CHECK_EXIT.blocked;
  if (findings.some((finding) => finding.severity === 'exception')) return CHECK_EXIT.awaitingDecision;
  return CHECK_EXIT.ok;
}

/** JSON from a file no larger than `maxBytes`, refused before it is read when it is larger. */
function readJsonFile(file: string, maxBytes: number, what: string): unknown {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxBytes)
      throw new RequestError(`${file} is not ${what}: expected at most ${maxBytes / 1024} KiB; got ${size} bytes`, {
        kind: 'tooLarge',
      });
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof RequestError) throw err;
    throw new RequestError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const parsed = parseJsonText(bytes, maxBytes);
  if (parsed.success) return parsed.data;
  if (parsed.reason === 'json') throw new RequestError(`${file} is not valid JSON (${what}): ${parsed.error}`);
  throw new RequestError(`${file} is not ${what}: ${parsed.error}`, {
    kind: parsed.reason === 'tooLarge' ? 'tooLarge' : 'invalid',
  });
}

/** A proposal file as JSON: at most 256 KiB, UTF-8 with or without a byte-order mark. */
const readProposalFile = (file: string): unknown => readJsonFile(file, MAX_PROPOSAL_BYTES, 'a delegation proposal');

function todayArg(text: string | undefined): PlainDate {
  if (text === undefined) return toPlainDate(Date.now());
  if (!isPlainDate(text))
    throw new RequestError(`--today: expected a date written YYYY-MM-DD, such as 2022-06-15; got "${text}"`);
  return text;
}

interface CheckOptions {
  json?: boolean;
  rules?: string;
  ledger?: string;
  today?: string;
  units?: string;
}

/** Checks one proposal file and prints what it breaks; sets the exit code from the findings. */
function check(file: string, opts: CheckOptions): void {
  const config = loadConfig();
  const today = todayArg(opts.today);
  const units = new UnitIndex(loadUnits(opts.units ?? config.unitsFile));
  const read = readProposal(readProposalFile(file), units);
  if (!read.success) throw new RequestError(`${file} is not a delegation proposal:\n${read.error}`);
  const proposal = read.data;
  const available = loadRuleSets(config.ruleSetsDir);
  const selected = ruleSetFor(available, proposal.startDate, opts.rules);
  if (!selected.success) throw new RequestError(selected.error);
  const rules = selected.data;
  const warnings = [...read.warnings];
  let ledger: ReturnType<typeof deriveLedger>['entries'] = [];
  if (opts.ledger !== undefined) {
    const parsed = LedgerFile.safeParse(readJsonFile(opts.ledger, MAX_LEDGER_BYTES, 'a ledger of approved trips'));
    if (!parsed.success)
      throw new RequestError(`${opts.ledger} is not a ledger of approved trips:\n${formatIssues(parsed.error)}`);
    const derived = deriveLedger(parsed.data, available, rules);
    ledger = derived.entries;
    warnings.push(...derived.warnings.map((warning) => `${opts.ledger}${warning}`));
  }
  const findings = checkProposal(proposal, rules, ledger, today);
  process.exitCode = checkExitCode(findings);
  if (opts.json)
    return write(JSON.stringify({ ruleSet: { id: rules.id, version: rules.version }, findings, warnings }, null, 2));
  for (const warning of warnings) process.stderr.write(`duyet: warning: ${warning}\n`);
  const open = findings.filter((finding) => finding.severity !== 'decided');
  if (open.length === 0)
    write(
      `ok: không vi phạm quy định nào của ${rules.id} / breaks no rule of ${rules.id}${findings.length > 0 ? ' (ngoại lệ đã được cấp có thẩm quyền quyết định / exceptions decided by the competent authority)' : ''}`,
    );
  for (const finding of findings)
    write(`${finding.severity} ${finding.rule}: ${finding.message.vi} / ${finding.message.en}`);
}

/** Adds `delegation check` to the program: a delegation proposal checked against a rule set and the trips already approved. */
export function registerDelegationCommands(program: Command): void {
  const delegation = program
    .command('delegation')
    .description("outbound and inbound delegations under the city's foreign-affairs plan");
  registerPlanCommands(delegation);

  delegation
    .command('check')
    .description(
      'list every rule of the plan that a proposal breaks, and whether it blocks or needs the competent authority; exits 0 only when nothing stands in the way (10: a rule blocks, 11: exceptions await the decision)',
    )
    .argument(
      '<file>',
      `the proposal as JSON, at most ${MAX_PROPOSAL_BYTES / 1024} KiB (see examples/delegation-compliant.json)`,
    )
    .option('--json', 'print JSON: {"ruleSet", "findings": [{rule, severity, message: {vi, en}, facts}], "warnings"}')
    .option('--rules <id>', 'the rule set (default: the one whose period covers the start date)')
    .option(
      '--ledger <file>',
      'the trips already approved, as JSON [{person, delegation, startDate, endDate, reportFiledAt}] (year and reportDueAt are derived)',
    )
    .option('--today <date>', 'the day of the check, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .option('--units <file>', 'the unit directory (default: DUYET_UNITS or directory/units.json)')
    .action((file: string, opts: CheckOptions) => check(file, opts));
}
