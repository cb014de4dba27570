import { formatVn, isPlainDate, toPlainDate } from '../calendar/index.js';
import { resolvePeriodDeadline } from '../client/period-deadlines.js';
import type { ProgrammePreflight } from '../client/programme-import.js';
import { closest, foldedKey } from '../directory/names.js';
import { UnitIndex, type Unit } from '../directory/units.js';
import type { ProgrammeText } from './programme-text.js';

/** A form's fields as Hono parses a multipart body. */
export type FormBody = Record<string, string | File | (string | File)[]>;

/** The table formats the API reads. */
export type TableFormat = 'text' | 'csv' | 'xlsx';

/** The value of a text field of the form, or '' (pure). */
export const fieldOf = (form: FormBody, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

/** The format of an uploaded table: the one chosen, else by the file's extension, else plain text (pure). */
export function formatOf(fileName: string, chosen: string): TableFormat {
  if (chosen === 'text' || chosen === 'csv' || chosen === 'xlsx') return chosen;
  const extension = /\.([a-z0-9]+)$/iu.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'csv' ? 'csv' : extension === 'xlsx' ? 'xlsx' : 'text';
}

/** The table as the API takes it: text and CSV as UTF-8 text, an XLSX workbook in base64 (pure). */
export const tableText = (base64: string, format: TableFormat): string =>
  format === 'xlsx' ? base64 : Buffer.from(base64, 'base64').toString('utf8');

/** The names of the correction fields: a task's due date, lead and coordinators, an obligation's due date (pure). */
export const fieldNames = {
  due: (task: string) => `due.${task}`,
  lead: (task: string) => `lead.${task}`,
  coordinator: (task: string, i: number) => `coord.${task}.${i}`,
  obligation: (item: string) => `oblig.${item}`,
};

const dayOf = (instant: string | null): string => (instant ? formatVn(toPlainDate(instant)) : '');

/**
 * The value each correction field shows for a preflight: due dates as dd/mm/yyyy, units by their Vietnamese name
 * (their id when the directory does not know them); agencies naming a group, and recurring obligations, have none (pure).
 */
export function shownValues(preflight: ProgrammePreflight, units: readonly Unit[]): Record<string, string> {
  const name = (id: string | null) => (id === null ? '' : (units.find((u) => u.id === id)?.name ?? id));
  const values: Record<string, string> = {};
  for (const task of preflight.tasks) {
    values[fieldNames.due(task.number)] = dayOf(task.dueAt);
    values[fieldNames.lead(task.number)] = name(task.leadUnit);
    task.coordinators.forEach((a, i) => {
      if (!a.group) values[fieldNames.coordinator(task.number, i)] = name(a.unit);
    });
  }
  for (const o of preflight.obligations) if (o.every === null) values[fieldNames.obligation(o.item)] = dayOf(o.dueAt);
  return values;
}

/** Whether a due date as a person writes it can be read: a real day dd/mm/yyyy or a deadline phrase (pure). */
export function readableDue(text: string): boolean {
  const day = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u.exec(text);
  if (day) return isPlainDate(`${day[3]}-${day[2]!.padStart(2, '0')}-${day[1]!.padStart(2, '0')}`);
  return resolvePeriodDeadline(text).success;
}

/** The unit a typed name or id stands for, or the message to show beside the field (pure). */
export function unitOf(text: string, index: UnitIndex, t: ProgrammeText): { unit: string } | { error: string } {
  if (index.units.length === 0) return { unit: text };
  const found = index.resolve(text);
  if (found.success) return { unit: found.data.id };
  const near = closest(
    foldedKey(text),
    index.units.map((u) => foldedKey(u.name)),
  ).map((key) => index.units.find((u) => foldedKey(u.name) === key)!.name);
  return { error: t.errors.unit(text, near.join(', ')) };
}

/**
 * The corrected preflight the API takes from what the form changed against the table's own reading (`fresh`): a
 * task's due date (dd/mm/yyyy or a phrase, passed as written for the API to resolve), its lead and coordinating units
 * (typed by name, short name or id), an obligation's due date; or the message beside each field that cannot be read.
 * Undefined when nothing was changed (pure).
 */
export function correctionsOf(
  fresh: ProgrammePreflight,
  form: FormBody,
  units: readonly Unit[],
  t: ProgrammeText,
): { edited: Record<string, unknown> | undefined; errors: Record<string, string> } {
  const shown = shownValues(fresh, units);
  const index = new UnitIndex(units);
  const errors: Record<string, string> = {};
  let changed = false;
  const given = (name: string): string | undefined => {
    const value = fieldOf(form, name).trim();
    return name in form && value !== shown[name] ? value : undefined;
  };
  const due = (name: string): string | undefined => {
    const value = given(name);
    if (value === undefined) return undefined;
    if (!readableDue(value)) errors[name] = t.errors.due;
    changed = true;
    return value;
  };
  const tasks = fresh.tasks.map((task) => {
    const edit: Record<string, unknown> = { number: task.number };
    const dueAt = due(fieldNames.due(task.number));
    if (dueAt !== undefined) edit.dueAt = dueAt;
    const lead = given(fieldNames.lead(task.number));
    if (lead !== undefined) {
      changed = true;
      const found = lead === '' ? { error: t.errors.leadRequired } : unitOf(lead, index, t);
      if ('error' in found) errors[fieldNames.lead(task.number)] = found.error;
      else edit.leadUnit = found.unit;
    }
    const coordinators = task.coordinators.map((a, i) => {
      const name = fieldNames.coordinator(task.number, i);
      const typed = a.group ? undefined : given(name);
      if (typed === undefined) return { unit: a.unit };
      changed = true;
      if (typed === '') return { unit: null };
      const found = unitOf(typed, index, t);
      if ('error' in found) errors[name] = found.error;
      return { unit: 'unit' in found ? found.unit : a.unit };
    });
    if (coordinators.some((c, i) => c.unit !== task.coordinators[i]!.unit)) edit.coordinators = coordinators;
    return edit;
  });
  const obligations = fresh.obligations.flatMap((o) => {
    const dueAt = o.every === null ? due(fieldNames.obligation(o.item)) : undefined;
    return dueAt === undefined ? [] : [{ item: o.item, dueAt }];
  });
  return { edited: changed ? { tasks, obligations } : undefined, errors };
}

/** The status a page answers with for an API refusal: the API's own when it is one a page passes on (pure). */
export const statusOf = (response: Response): 403 | 409 | 413 | 422 =>
  ([403, 409, 413] as const).find((s) => s === response.status) ?? 422;
