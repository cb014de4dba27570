import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { formatVn, toPlainDate } from '../calendar/index.js';
import { RequestError } from '../client/errors.js';
import { importProgramme, type ProgrammePreflight } from '../client/programme-import.js';
import { correctConclusions } from '../client/conclusions-corrections.js';
import { readConclusions } from '../client/conclusions-plan.js';
import { loadCalendarTable } from '../client/calendar-tables.js';
import { loadUnits } from '../directory/directory.js';
import { loadConfig } from '../temporal.config.js';
import { correctPreflight, type Correction } from '../client/programme-corrections.js';
import { print, readJson, readText, write } from './io.js';
import { applyConclusions, applyPreflight, showTracker, tableText } from './programme-apply.js';

/** A programme table or a notice is a few pages: more is not one. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

interface ImportOptions {
  json?: boolean;
  apply?: boolean;
  units?: string;
  format?: string;
  id?: string;
  title?: string;
  preflight?: string;
  requestChanges?: boolean;
  as?: string;
  by?: string;
}

/** Refuses files too large, before anything is read. */
export function checkImport(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new RequestError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
  if (size > MAX_IMPORT_BYTES)
    throw new RequestError(
      `${file} has ${size} bytes: expected at most ${MAX_IMPORT_BYTES} (one programme or notice)`,
      {
        kind: 'tooLarge',
      },
    );
}

const dateVn = (instant: string | null): string => (instant === null ? '—' : formatVn(toPlainDate(instant)));

/** The preflight as lines: one per task, then one per problem. */
function printPreflight(preflight: ProgrammePreflight): void {
  for (const task of preflight.tasks) {
    const reports =
      task.reportsDueAt.length > 0 ? ` · báo cáo / reports ${task.reportsDueAt.map(dateVn).join(', ')}` : '';
    write(
      `${task.number}\t${task.leadUnit ?? '?'}\t${task.time}\thạn / due ${dateVn(task.dueAt)}${reports}\t${task.content}`,
    );
  }
  for (const o of preflight.obligations)
    write(
      `mục / item ${o.item}\t${o.milestone ?? '—'}\t${o.every ? `định kỳ / every ${o.every}` : `hạn / due ${dateVn(o.dueAt)}`}\t${o.phrase ?? ''}`,
    );
  for (const c of (preflight as { corrections?: Correction[] }).corrections ?? [])
    write(
      `sửa / corrected ${c.task ?? `mục / item ${c.item}`} ${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
    );
  for (const problem of preflight.problems) write(`problem ${problem.kind}: ${problem.message}`);
  write(`${preflight.tasks.length} tasks, ${preflight.problems.length} problems; nothing started`);
}

/** Adds `programme import FILE`: the preflight of an action programme's table (plain text of a scan, or CSV). */
export function registerProgrammeCommands(program: Command): void {
  const programme = program
    .command('programme')
    .description('action programmes: tables of tasks, each with a lead agency and a time');
  programme
    .command('status')
    .description(
      'the tracker of a programme: every task with its lead, coordinators, due date, status, last report and lateness; per agency what it owes and what is late',
    )
    .argument('<id>', 'the programme id `programme import --apply` printed')
    .option(
      '--json',
      'print JSON: {id, subject, status, obligations, tasks: [{number, lead, coordinators, dueAt, status, lastReport, daysLate, owed}], agencies: [{unit, owes, late}]}',
    )
    .option('--csv <file>', 'also write the tasks as CSV (UTF-8)')
    .option('--xlsx <file>', 'also write the tasks and the agencies as an XLSX workbook')
    .option(
      '--detail',
      'read every task for its reports owed and its last report (one query per task); by default the tasks are listed by one visibility query, with the product owed',
    )
    .option('--unit <unit>', 'read the tasks this agency leads in detail')
    .action((id: string, opts: { json?: boolean; csv?: string; xlsx?: string; detail?: boolean; unit?: string }) =>
      showTracker(id, opts),
    );
  programme
    .command('import')
    .description(
      'read an action programme table (plain text of its appendix, CSV or XLSX with the columns TT, Nội dung công việc, Cơ quan chủ trì, Cơ quan phối hợp, Sản phẩm, Thời gian) and print every task and every problem; starts nothing without --apply',
    )
    .argument('<file>', `the table, at most ${MAX_IMPORT_BYTES / 1024} KiB`)
    .option(
      '--json',
      'print JSON: {"tasks": [{number, content, lead, leadUnit, leads, coordinators, product, time, dueAt, reportsDueAt}], "obligations": [{item, text, milestone, phrase, dueAt, explanation, every}], "problems": [{kind, task, text, candidates, message}]}',
    )
    .option('--format <format>', 'text, csv or xlsx (default: by the file name ending .csv or .xlsx, else text)')
    .option('--units <file>', 'the unit directory (default: DUYET_UNITS or directory/units.json)')
    .option(
      '--apply',
      'start the programme and its tasks (ids: the programme id, then ".1.1" …); a second import starts nothing twice and reports what changed; a table with problems starts nothing',
    )
    .option('--id <id>', 'the programme id (default: made from the file name)')
    .option('--title <title>', 'the programme title (default: "Chương trình <id>")')
    .option(
      '--preflight <file>',
      "the preflight of this table as --json printed it, with tasks' dueAt, leadUnit or coordinators' unit (and obligations' dueAt) corrected; checked against the table, a bad edit starts nothing",
    )
    .option(
      '--request-changes',
      'with --apply on a changed file: file the change request (REQUEST_CHANGE) of each changed task as --as; without it the changes are only reported, and no running task is altered either way',
    )
    .option('--as <user>', 'with --request-changes: the user filing the requests (the lead agency’s focal point)')
    .option(
      '--by <user>',
      'with --apply: the secretariat user, from the directory, who adds the tasks a changed file adds to the programme (ADD_TASKS; default: the built-in importer, "duyet-import")',
    )
    .action(async (file: string, opts: ImportOptions) => {
      checkImport(file);
      const format = opts.format ?? (/\.csv$/iu.test(file) ? 'csv' : /\.xlsx$/iu.test(file) ? 'xlsx' : 'text');
      if (format !== 'text' && format !== 'csv' && format !== 'xlsx')
        throw new RequestError(`--format: expected "text", "csv" or "xlsx", got "${format}"`);
      const units = loadUnits(opts.units ?? loadConfig().unitsFile);
      const read = importProgramme(await tableText(file, format), units, format === 'text' ? 'text' : 'csv');
      if (opts.preflight !== undefined) checkImport(opts.preflight);
      const preflight = opts.preflight === undefined ? read : correctPreflight(read, readJson(opts.preflight), units);
      if (opts.apply) return applyPreflight(file, preflight, opts);
      if (opts.json) print(preflight);
      else printPreflight(preflight);
    });

  program
    .command('conclusions')
    .description("notices of a leader's conclusions: numbered items that assign work to agencies")
    .command('import')
    .description(
      'read a notice of conclusions (plain text) and print its items and lettered sub-items: the agencies each assigns, the deadline phrase and due instant, periodic reports, and items that assign nothing (notes); starts nothing',
    )
    .argument('<file>', `the notice, at most ${MAX_IMPORT_BYTES / 1024} KiB`)
    .option('--json', 'print JSON: [{number, text, agencies, deadlineText, dueAt, periodicReport, kind}]')
    .option('--year <year>', 'the year of the notice, for its calendar (default: the latest year its deadlines name)')
    .option('--units <file>', 'the unit directory (default: DUYET_UNITS or directory/units.json)')
    .option(
      '--apply',
      'start the tasks that name a known agency and a deadline, under the notice id then the item number; the others are listed as not started',
    )
    .option('--id <id>', 'the notice id (default: made from the file name)')
    .option('--title <title>', 'the title (default: "Thông báo kết luận <id>")')
    .option(
      '--preflight <file>',
      'the items of this notice as --json printed them (all, or only the corrected ones), with dueAt (dd/mm/yyyy, a phrase or an instant), agencies (unit ids, the lead first) or kind ("task" or "note") corrected; checked against the notice, a bad edit starts nothing',
    )
    .action(async (file: string, opts: ImportOptions & { year?: string }) => {
      checkImport(file);
      const text = readText(file);
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && (!Number.isInteger(year) || year < 1900 || year > 2200))
        throw new RequestError(`--year: expected a year between 1900 and 2200, such as 2023; got "${opts.year}"`);
      const config = loadConfig();
      const units = loadUnits(opts.units ?? config.unitsFile);
      const read = readConclusions(text, units, (years) => loadCalendarTable(config.calendarDir, years), year);
      // Corrections are judged against the notice read afresh; any fault refuses them all before anything starts.
      const items = opts.preflight ? correctConclusions(read, readJson(opts.preflight), units).items : read;
      if (opts.apply) return applyConclusions(file, items, opts);
      if (opts.json) return print(items);
      for (const item of items)
        write(
          `${item.number}\t${item.kind}\t${item.agencies.join(', ') || '—'}\thạn / due ${dateVn(item.dueAt)}${item.periodicReport ? '\tbáo cáo định kỳ / periodic report' : ''}`,
        );
    });
}
