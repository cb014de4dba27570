import type { Command } from 'commander';
import { RequestError } from '../client/errors.js';
import type { z } from 'zod';
import { isPlainDate, toPlainDate, type PlainDate } from '../calendar/dates.js';
import { Proposal } from '../delegation/proposal.schema.js';
import { checkProposal, Ledger, ruleSets, type RuleSet } from '../delegation/rules.js';
import { registerPlanCommands } from './delegation-plan.command.js';
import { readJson, write } from './io.js';

/** A zod issue's path written as in JavaScript: `members[2].keyLeader`, `[0].year`. */
function pathOf(path: PropertyKey[]): string {
  if (path.length === 0) return '(the whole file)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** Validates a file's content with a schema, or throws listing each issue with its path. */
function parseFile<T extends z.ZodType>(schema: T, file: string, what: string): z.output<T> {
  const parsed = schema.safeParse(readJson(file));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `  ${pathOf(issue.path)}: ${issue.message}`);
  throw new RequestError(`${file} is not ${what}:\n${issues.join('\n')}`);
}

function rulesArg(id: string): RuleSet {
  const rules = ruleSets[id];
  if (!rules) throw new RequestError(`unknown rule set "${id}"; expected one of: ${Object.keys(ruleSets).join(', ')}`);
  return rules;
}

function todayArg(text: string | undefined): PlainDate {
  if (text === undefined) return toPlainDate(Date.now());
  if (!isPlainDate(text))
    throw new RequestError(`--today: expected a date written YYYY-MM-DD, such as 2022-06-15; got "${text}"`);
  return text;
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
      'list every rule of the plan that a proposal breaks, and whether it blocks or needs the competent authority',
    )
    .argument('<file>', 'the proposal as JSON (see examples/delegation-compliant.json)')
    .option('--json', 'print JSON: {"findings": [{rule, severity, message: {vi, en}, facts}]}')
    .option('--rules <id>', `the rule set (${Object.keys(ruleSets).join(', ')})`, 'hanoi-2022')
    .option(
      '--ledger <file>',
      'the trips already approved, as JSON [{person, year, delegation, startDate, endDate, reportDueAt, reportFiledAt}]',
    )
    .option('--today <date>', 'the day of the check, YYYY-MM-DD (default: today in Asia/Ho_Chi_Minh)')
    .action((file: string, opts: { json?: boolean; rules: string; ledger?: string; today?: string }) => {
      const rules = rulesArg(opts.rules);
      const today = todayArg(opts.today);
      const proposal = parseFile(Proposal, file, 'a delegation proposal');
      const ledger = opts.ledger === undefined ? [] : parseFile(Ledger, opts.ledger, 'a ledger of approved trips');
      const findings = checkProposal(proposal, rules, ledger, today);
      if (opts.json) return write(JSON.stringify({ findings }, null, 2));
      if (findings.length === 0)
        return write(`ok: không vi phạm quy định nào của ${rules.id} / breaks no rule of ${rules.id}`);
      for (const finding of findings)
        write(`${finding.severity} ${finding.rule}: ${finding.message.vi} / ${finding.message.en}`);
    });
}
