import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { withClient } from '../client/connect.js';
import { decideAudited } from '../client/decide.js';
import { actingUser } from './acting-user.js';
import type { ConclusionItem } from '../client/conclusions-import.js';
import { planOfConclusions } from '../client/conclusions-plan.js';
import { RequestError } from '../client/errors.js';
import {
  applyProgramme,
  planOfPreflight,
  programmeIdOf,
  type Applied,
  type Importer,
} from '../client/programme-apply.js';
import { findUser, loadDirectory } from '../directory/directory.js';
import { loadConfig, type DuyetConfig } from '../temporal.config.js';
import { trackerCsv, trackerXlsx, xlsxTableAsCsv } from '../client/programme-export.js';
import type { ProgrammePreflight } from '../client/programme-import.js';
import { programmeTracker, type ProgrammeTracker } from '../client/programme-tracker.js';
import { formatVn, toPlainDate } from '../calendar/index.js';
import { print, readText, write } from './io.js';

/** The text of a programme table: the file as it is, or the first sheet of an XLSX workbook as CSV. */
export async function tableText(file: string, format: string): Promise<string> {
  if (format !== 'xlsx') return readText(file);
  try {
    return await xlsxTableAsCsv(readFileSync(file));
  } catch (err) {
    throw new RequestError(`${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** Prints what `--apply` did: one line per task, and a count of each outcome. */
function printApplied(result: { programme: Applied; tasks: Applied[] }, json: boolean | undefined): void {
  if (json) return print(result);
  write(`${result.programme.workflowId}\t${result.programme.outcome}`);
  for (const task of result.tasks) {
    const changes = (task.changes ?? []).map(
      (c) => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
    );
    write(`${task.workflowId}\t${task.outcome}${changes.length > 0 ? `\t${changes.join('; ')}` : ''}`);
    const request = task.changeRequest;
    if (request) {
      const then = `${request.then.event} by ${request.then.by}${request.then.dueAt ? ` --due ${request.then.dueAt}` : ''}${Object.entries(
        request.then.facts,
      )
        .map(([fact, text]) => ` --set ${fact}=${JSON.stringify(text)}`)
        .join('')}`;
      write(
        request.filed
          ? `\tđã gửi đề nghị điều chỉnh / change requested; then ${then}`
          : `\tcần đề nghị điều chỉnh / needs a change request: duyet decide ${task.workflowId} REQUEST_CHANGE --as <${request.by}> --comment "…", then ${then}${request.refusal ? ` (not filed: ${request.refusal})` : ''}`,
      );
    }
  }
  const counts = new Map<string, number>();
  for (const task of result.tasks) counts.set(task.outcome, (counts.get(task.outcome) ?? 0) + 1);
  write([...counts].map(([outcome, n]) => `${n} ${outcome}`).join(', '));
}

/**
 * Starts the programme a preflight describes, under the id given or made from the file's name; with
 * `requestChanges`, files the change request of each changed task as the `--as` user (the lead's focal point); the
 * tasks a changed file adds join the programme as the `--by` user (a secretariat member), else as the built-in importer.
 */
export async function applyPreflight(
  file: string,
  preflight: ProgrammePreflight,
  opts: { id?: string; title?: string; json?: boolean; requestChanges?: boolean; as?: string; by?: string },
): Promise<void> {
  const id = programmeIdOf(opts.id ?? basename(file));
  if (opts.requestChanges && !opts.as)
    throw new RequestError(
      '--request-changes files each change request as a user: give --as <user>, the lead agency’s focal point',
    );
  const plan = planOfPreflight(id, opts.title ?? `Chương trình ${id}`, preflight);
  // Checked before anything is sent, so an unknown user starts nothing.
  const importer = opts.by ? importerOf(loadConfig(), opts.by) : undefined;
  const applied = await withClient((client, config) => {
    const fileChange = opts.requestChanges
      ? async (workflowId: string, comment: string) => {
          await decideAudited(client, config, {
            workflowId,
            event: 'REQUEST_CHANGE',
            as: actingUser(config, opts.as!),
            comment,
          });
        }
      : undefined;
    return applyProgramme(client, config, plan, fileChange, importer);
  });
  printApplied(applied, opts.json);
}

/** The directory user `--by` names, as the importer whose roles the programme checks; unknown users are refused. */
function importerOf(config: DuyetConfig, id: string): Importer {
  try {
    const user = findUser(loadDirectory(config.directoryFile), actingUser(config, id));
    return { id: user.id, roles: user.roles };
  } catch (err) {
    if (err instanceof RequestError) throw err;
    throw new RequestError(`--by: ${(err as Error).message}`, { cause: err });
  }
}

/** Starts the tasks of a notice of conclusions, and prints them with the items not started. */
export async function applyConclusions(
  file: string,
  items: ConclusionItem[],
  opts: { id?: string; title?: string; json?: boolean },
): Promise<void> {
  const id = programmeIdOf(opts.id ?? basename(file));
  const { plan, skipped } = planOfConclusions(id, opts.title ?? `Thông báo kết luận ${id}`, items);
  const result = await withClient((client, config) => applyProgramme(client, config, plan));
  if (opts.json) return print({ ...result, skipped });
  printApplied(result, false);
  for (const s of skipped) write(`${s.number}\tnot started\t${s.reason}`);
}

const dateVn = (instant: string | null) => (instant ? formatVn(toPlainDate(instant)) : '—');

/** Prints a tracker: one line per task, then per agency what it owes and how much is late. */
function printTracker(tracker: ProgrammeTracker): void {
  write(`${tracker.id}\t${tracker.subject}\t${tracker.status}`);
  for (const t of tracker.tasks)
    write(
      `${t.number}\t${t.lead}\t${t.status}\thạn / due ${dateVn(t.dueAt)}\t${t.daysLate > 0 ? `chậm ${t.daysLate} ngày / ${t.daysLate} days late` : 'đúng hạn / on time'}`,
    );
  for (const a of tracker.agencies) write(`${a.unit}\tcòn nợ / owes ${a.owes.length}\tchậm / late ${a.late}`);
}

/** `programme status ID`: the tracker as lines or JSON, and written as CSV or XLSX when asked. */
export async function showTracker(
  id: string,
  opts: { json?: boolean; csv?: string; xlsx?: string; detail?: boolean; unit?: string },
): Promise<void> {
  const detail = (entry: { lead: string }) =>
    Boolean(opts.detail) || (opts.unit !== undefined && entry.lead === opts.unit);
  const tracker = await withClient((client) => programmeTracker(client, id, undefined, detail));
  if (opts.csv) writeFileSync(opts.csv, trackerCsv(tracker));
  if (opts.xlsx) writeFileSync(opts.xlsx, await trackerXlsx(tracker));
  if (opts.json) print(tracker);
  else printTracker(tracker);
}
