import type { Command } from 'commander';
import { withClient } from '../client/connect.js';
import { adjustPlan, parsePlanItems, showPlan, startPlan } from '../client/delegation-plan.js';
import { RequestError } from '../client/errors.js';
import { ruleSets } from '../delegation/rules.js';
import type { PlannedDelegation, PlanState } from '../workflows/delegation-plan.messages.js';
import { loadConfig } from '../temporal.config.js';
import { actingUser } from './acting-user.js';
import { print, readJson, write } from './io.js';

function readItems(file: string): PlannedDelegation[] {
  return parsePlanItems(readJson(file), file);
}

function yearArg(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new RequestError(`--year: expected a year such as 2022; got "${text}"`);
  return Number(text);
}

function describePlan(plan: PlanState): void {
  const out = plan.items.filter((item) => item.direction === 'out').length;
  write(
    `${plan.ruleSet.id} v${plan.ruleSet.version}, ${plan.year}: ${out} đoàn ra / outbound, ${plan.items.length - out} đoàn vào / inbound`,
  );
  for (const item of plan.items)
    write(
      `${item.item}\t${item.direction}\t${item.quarter ? `Q${item.quarter}` : '-'}\t${item.unit}\t${item.title}\t${item.countries.join(', ')}`,
    );
  for (const a of plan.adjustments)
    write(
      `adjusted ${a.at} by ${a.by}: ${a.before.outbound}/${a.before.inbound} → ${a.after.outbound}/${a.after.inbound} (${a.reason})`,
    );
}

/** Adds `plan start`, `plan adjust` and `plan show` under `duyet delegation`: the year's plan of delegations as a workflow. */
export function registerPlanCommands(delegationCommand: Command): void {
  const rulesOption = ['--rules <id>', `the rule set (${Object.keys(ruleSets).join(', ')})`, 'hanoi-2022'] as const;
  const plan = delegationCommand
    .command('plan')
    .description("the year's plan of outbound (đoàn ra) and inbound (đoàn vào) delegations");

  plan
    .command('start')
    .description('start the year\'s plan from its delegations; prints {"workflowId": ...}')
    .requiredOption('--year <year>', "the plan's year, such as 2022")
    .requiredOption(
      '--input <file>',
      'the delegations as JSON [{item, direction, unit, title, countries, quarter?}] (see examples/delegation-plan-2022.json)',
    )
    .option(...rulesOption)
    .action(async (opts: { year: string; input: string; rules: string }) => {
      const year = yearArg(opts.year);
      const items = readItems(opts.input);
      print(await withClient((client, config) => startPlan(client, config, opts.rules, year, items)));
    });

  plan
    .command('adjust')
    .description("replace the plan's delegations, refused unless the rule set allows the adjustment")
    .requiredOption('--year <year>', "the plan's year, such as 2022")
    .requiredOption(
      '--input <file>',
      'the adjusted delegations as JSON (see examples/delegation-plan-2022-adjusted.json)',
    )
    .requiredOption('--as <user>', 'who adjusts the plan')
    .requiredOption('--reason <text>', 'why the plan is adjusted')
    .option(...rulesOption)
    .action(async (opts: { year: string; input: string; as: string; reason: string; rules: string }) => {
      actingUser(loadConfig(), opts.as);
      const year = yearArg(opts.year);
      const items = readItems(opts.input);
      print(
        await withClient((client, config) =>
          adjustPlan(client, config, opts.rules, year, { items, by: opts.as, reason: opts.reason }),
        ),
      );
    });

  plan
    .command('show')
    .description("the plan's delegations and every adjustment made")
    .requiredOption('--year <year>', "the plan's year, such as 2022")
    .option(...rulesOption)
    .option('--json', 'print JSON: {year, ruleSet, items, adjustments}')
    .action(async (opts: { year: string; rules: string; json?: boolean }) => {
      const year = yearArg(opts.year);
      const state = await withClient((client, config) => showPlan(client, config, opts.rules, year));
      if (opts.json) return print(state);
      describePlan(state);
    });
}
