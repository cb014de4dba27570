import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { formatVn, toPlainDate } from '../calendar/index.js';
import { RequestError } from '../client/errors.js';
import { importProgramme, type ProgrammePreflight } from '../client/programme-import.js';
import { importConclusions } from '../client/conclusions-import.js';
import { loadCalendarTable } from '../client/calendar-tables.js';
import { loadUnits } from '../directory/directory.js';
import { loadConfig } from '../temporal.config.js';
import { print, readText, write } from './io.js';

/** A programme table or a notice is a few pages: more is not one. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

interface ImportOptions {
  json?: boolean;
  apply?: boolean;
  units?: string;
  format?: string;
}

/** Refuses `--apply` (the preflight only reads) and files too large, before anything is read. */
export function checkImport(file: string, opts: ImportOptions): void {
  if (opts.apply)
    throw new RequestError(
      '--apply is not yet available: nothing was started. Run without --apply to see the preflight (tasks and problems)',
    );
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
  for (const problem of preflight.problems) write(`problem ${problem.kind}: ${problem.message}`);
  write(`${preflight.tasks.length} tasks, ${preflight.problems.length} problems; nothing started`);
}

/** Adds `programme import FILE`: the preflight of an action programme's table (plain text of a scan, or CSV). */
export function registerProgrammeCommands(program: Command): void {
  program
    .command('programme')
    .description('action programmes: tables of tasks, each with a lead agency and a time')
    .command('import')
    .description(
      'read an action programme table (plain text of its appendix, or CSV with the columns TT, Nội dung công việc, Cơ quan chủ trì, Cơ quan phối hợp, Sản phẩm, Thời gian) and print every task and every problem; starts nothing',
    )
    .argument('<file>', `the table, at most ${MAX_IMPORT_BYTES / 1024} KiB`)
    .option(
      '--json',
      'print JSON: {"tasks": [{number, content, lead, leadUnit, leads, coordinators, product, time, dueAt, reportsDueAt}], "problems": [{kind, task, text, candidates, message}]}',
    )
    .option('--format <format>', 'text or csv (default: csv for a file ending in .csv, else text)')
    .option('--units <file>', 'the unit directory (default: DUYET_UNITS or directory/units.json)')
    .option('--apply', 'start the programme and its tasks (not yet available: refused, nothing starts)')
    .action((file: string, opts: ImportOptions) => {
      checkImport(file, opts);
      const format = opts.format ?? (/\.csv$/iu.test(file) ? 'csv' : 'text');
      if (format !== 'text' && format !== 'csv')
        throw new RequestError(`--format: expected "text" or "csv", got "${format}"`);
      const units = loadUnits(opts.units ?? loadConfig().unitsFile);
      const preflight = importProgramme(readText(file), units, format);
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
    .option('--apply', 'start the tasks (not yet available: refused, nothing starts)')
    .action((file: string, opts: ImportOptions & { year?: string }) => {
      checkImport(file, opts);
      const text = readText(file);
      const years = [...text.matchAll(/năm (\d{4})/gu)].map((m) => Number(m[1])).filter((y) => y >= 1900 && y <= 2200);
      const year = opts.year === undefined ? Math.max(new Date().getUTCFullYear(), ...years) : Number(opts.year);
      if (!Number.isInteger(year) || year < 1900 || year > 2200)
        throw new RequestError(`--year: expected a year between 1900 and 2200, such as 2023; got "${opts.year}"`);
      const config = loadConfig();
      const table = loadCalendarTable(config.calendarDir, [...new Set([...years, year])].sort());
      const items = importConclusions(text, loadUnits(opts.units ?? config.unitsFile), table);
      if (opts.json) return print(items);
      for (const item of items)
        write(
          `${item.number}\t${item.kind}\t${item.agencies.join(', ') || '—'}\thạn / due ${dateVn(item.dueAt)}${item.periodicReport ? '\tbáo cáo định kỳ / periodic report' : ''}`,
        );
    });
}
