import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { formatVn, toPlainDate } from '../calendar/index.js';
import { RequestError } from '../client/errors.js';
import { importProgramme, type ProgrammePreflight } from '../client/programme-import.js';
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
}
