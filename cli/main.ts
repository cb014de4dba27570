#!/usr/bin/env node
import { Command, Option } from 'commander';
import { formatVn, toPlainDate } from '../calendar/dates.js';
import { parseDeadline } from '../calendar/phrases.js';
import type { Execution } from '../client/dossier-execution.js';
import { loadCalendarTable } from '../client/calendar-tables.js';
import { decideAudited, list, processById, RequestError, startDossier, status } from '../client/dossiers.js';
import { checkStartRequest } from '../client/start.js';
import { detailOf } from '../client/failures.js';
import { allStartOptions } from '../client/processes.js';
import { recurringIn, toMermaid } from '../machines/diagram.js';
import { loadConfig } from '../temporal.config.js';
import { withClient } from '../client/connect.js';
import { registerCalendarCommands } from './calendar.command.js';
import { registerDelegationCommands } from './delegation.command.js';
import { registerProgrammeCommands } from './programme.command.js';
import { registerTokensCommands } from './tokens.command.js';
import { registerUsersCommands } from './users.command.js';
import { runDemo } from './demo.js';
import { runDev, runWorker } from './dev.js';
import { runServe } from '../api/server.js';
import { loadDirectory } from '../directory/directory.js';
import { actingUser } from './acting-user.js';
import { print, readJson, readText } from './io.js';

/** A due instant from an ISO instant, a date (dd/mm/yyyy) or a deadline phrase ("Cuối tháng 10 năm 2027"). */
function dueArg(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return text;
  const year = new Date().getUTCFullYear();
  const resolved = parseDeadline(text, {
    table: loadCalendarTable(loadConfig().calendarDir, [year, year + 1, year + 2]),
    year,
  });
  if (!resolved.success) throw new RequestError(`--due: ${resolved.error}`);
  return resolved.data.dueAt;
}

/** ` · closed (terminated on dd/mm/yyyy)` for a dossier whose workflow no longer runs. */
const closedNote = (execution: Execution) =>
  execution.status === 'running'
    ? ''
    : ` · closed (${execution.status}${execution.closedAt ? ` on ${formatVn(toPlainDate(execution.closedAt))}` : ''})`;

const program = new Command('duyet')
  .description('Multi-stage approval processes as XState machines, run durably on Temporal')
  .showHelpAfterError()
  .exitOverride();

program
  .command('dev')
  .description(
    'start the store, the embedded Temporal server (SQLite file), a worker and the HTTP API, and say where they are',
  )
  .action(() => runDev(loadConfig()));

program
  .command('demo')
  .description(
    'start the embedded stack, take a demo dossier from drafting to completed through the HTTP API, then (at a terminal) go on serving the web app until Ctrl-C',
  )
  .option('--stay', 'go on serving the web app after the demo dossier, even without a terminal')
  .option('--exit', 'stop after the demo dossier, even at a terminal')
  .action((options: { stay?: boolean; exit?: boolean }) =>
    runDemo(loadConfig(), { stay: options.exit ? false : (options.stay ?? process.stdin.isTTY === true) }),
  );

program
  .command('serve')
  .description('serve the HTTP API on DUYET_HTTP_HOST:DUYET_HTTP_PORT (127.0.0.1:8080); reference at /docs')
  .action(() => runServe(loadConfig()));

program
  .command('worker')
  .description('run a worker against the configured Temporal (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, ...)')
  .action(() => runWorker(loadConfig()));

const start = program
  .command('start')
  .description('start a process for a dossier; prints {"workflowId": ...}')
  .argument('<process>', 'process id, e.g. review-pipeline')
  .requiredOption('--input <file>', 'the dossier as JSON (see examples/)')
  .option('--id <workflowId>', 'workflow id to use; an id used before, running or closed, is refused')
  .option('--plan <file>', 'a plan document whose items give the milestones their due dates');
// Options a process declares for its start, e.g. the delegation's rule set.
for (const option of allStartOptions())
  start.option(
    `--${option.name} <${option.name}>`,
    `with ${option.processes.join(', ')}: ${option.description} (default ${option.default})`,
  );
start.action(async (processId: string, opts: Record<string, string | undefined>) => {
  const { input: inputFile, id, plan, ...options } = opts;
  const request = {
    process: processId,
    input: readJson(inputFile!),
    plan: plan === undefined ? undefined : readText(plan),
    options,
    workflowId: id,
  };
  checkStartRequest(request);
  print(await withClient((client, config) => startDossier(client, config, request)));
});

program
  .command('decide')
  .description('take a decision (SUBMIT, APPROVE, REQUEST_REVISION, REJECT, WITHDRAW, MARK_MILESTONE) as a user')
  .argument('<workflowId>')
  .argument('<event>')
  .requiredOption('--as <user>', 'the id of the user deciding, from the directory')
  .option('--on-behalf-of <body>', 'the collective body whose decision this records, e.g. standing-government')
  .option('--comment <text>', 'comment kept with the decision')
  .option('--milestone <id>', 'with MARK_MILESTONE or EXTEND: the milestone')
  .option(
    '--due <when>',
    'with EXTEND, or a decision that moves a milestone (APPROVE_CHANGE): the new due date, as an ISO instant, dd/mm/yyyy or a phrase ("Cuối tháng 10 năm 2027")',
  )
  .option('--to <user>', 'with REASSIGN: the user the stage goes to')
  .option(
    '--file <sha256>',
    'a stored file the decision carries (a product on SUBMIT), by the SHA-256 its upload answered; repeat for more',
    (value: string, files: string[] = []) => [...files, value],
  )
  .option(
    '--set <fact=text>',
    'with a decision that changes facts (a task\'s APPROVE_CHANGE): a new value, e.g. --set product="Nghị quyết"; repeat for more',
    (value: string, facts: Record<string, string> = {}) => {
      const at = value.indexOf('=');
      if (at < 1) throw new RequestError(`--set: expected fact=text (e.g. product="Nghị quyết"), got "${value}"`);
      return { ...facts, [value.slice(0, at)]: value.slice(at + 1) };
    },
  )
  .action(
    async (
      workflowId: string,
      event: string,
      opts: {
        as: string;
        onBehalfOf?: string;
        comment?: string;
        milestone?: string;
        due?: string;
        to?: string;
        file?: string[];
        set?: Record<string, string>;
      },
    ) => {
      const { due, file, set, ...rest } = opts;
      actingUser(loadConfig(), rest.as);
      const request = {
        workflowId,
        event,
        ...rest,
        ...(due ? { dueAt: dueArg(due) } : {}),
        ...(file ? { files: file } : {}),
        ...(set ? { facts: set } : {}),
      };
      const view = await withClient((client, config) => decideAudited(client, config, request));
      print({
        workflowId,
        state: view.state,
        status: view.status,
        draftVersion: view.draftVersion,
        awaiting: view.awaiting,
      });
    },
  );

program
  .command('status')
  .description('show where a dossier is, who is awaited and every decision')
  .argument('<workflowId>')
  .option('--json', 'print JSON')
  .action(async (workflowId: string, opts: { json?: boolean }) => {
    const view = await withClient((client) => status(client, workflowId));
    if (opts.json) return print(view);
    process.stdout.write(
      [
        `${view.workflowId} · ${view.process} v${view.version} · ${view.status}${closedNote(view.execution)}`,
        `${view.subject}`,
        `stage: ${view.state} (${view.stageTitle.vi}) · draft ${view.draftVersion}`,
        `awaiting: ${view.awaiting ? `${view.awaiting.role}${view.awaiting.dueAt ? ` until ${view.awaiting.dueAt}` : ''}` : '—'}`,
        ...view.history.map(
          (h) =>
            `  ${h.at} ${h.actor}${h.onBehalfOf ? ` for ${h.onBehalfOf}` : ''}: ${h.event} ${h.from} → ${h.to}${h.comment ? ` «${h.comment}»` : ''}`,
        ),
      ].join('\n') + '\n',
    );
  });

program
  .command('list')
  .description('list dossiers from Temporal visibility')
  .option('--stage <stage>')
  .option('--process <process>')
  .option('--overdue', 'only running dossiers whose awaited stage is past due')
  .option('--json', 'print JSON')
  .action(async (opts: { stage?: string; process?: string; overdue?: boolean; json?: boolean }) => {
    const rows = await withClient((client) => list(client, opts));
    if (opts.json) return print(rows);
    for (const r of rows) {
      process.stdout.write(
        `${r.workflowId}\t${r.process}\t${r.stage}\t${r.status}\t${r.awaitedRole ?? '—'}\t${r.dueAt ?? '—'}\tlevel ${r.escalationLevel}\n`,
      );
    }
  });

program
  .command('diagram')
  .description('print the process as a Mermaid stateDiagram-v2, generated from its machine')
  .argument('<process>')
  .action((processId: string) => {
    const { compiled } = processById(processId);
    process.stdout.write(toMermaid(compiled.machine, recurringIn(compiled.definition)));
  });

program
  .command('users')
  .description('list the user directory')
  .addOption(new Option('--json', 'print JSON'))
  .action((opts: { json?: boolean }) => {
    const users = loadDirectory(loadConfig().directoryFile);
    if (opts.json) return print(users);
    for (const u of users) process.stdout.write(`${u.id}\t${u.name}\t${u.roles.join(',')}\t${u.email}\n`);
  });

registerCalendarCommands(program, () => loadConfig().calendarDir);
registerDelegationCommands(program);
registerProgrammeCommands(program);
registerUsersCommands(program);
registerTokensCommands(program);

// A reader that stops early (`duyet users | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main() {
  await program.parseAsync(process.argv);
}

main().catch((err: unknown) => {
  const code = (err as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(0);
  if (typeof code === 'string' && code.startsWith('commander.')) process.exit(2);
  // An unexpected failure also says what the server said, when it came from Temporal.
  const detail = err instanceof RequestError ? undefined : detailOf(err);
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`duyet: ${message}${detail && detail !== message ? ` (${detail})` : ''}\n`);
  // A refusal exits with its kind's code (README, "Exit codes"); anything else is unexpected.
  process.exit(err instanceof RequestError ? err.exitCode : 1);
});
