import { formatVn, toPlainDate } from '../calendar/index.js';
import type { ConclusionItem } from '../client/conclusions-import.js';
import { UnitIndex, type Unit } from '../directory/units.js';
import type { ConclusionsText } from './conclusions-text.js';
import { fieldOf, readableDue, unitOf, type FormBody } from './programme-import-form.js';
import type { ProgrammeText } from './programme-text.js';

/** The names of a notice's correction fields: an item's due date, lead, coordinators, and task or note (pure). */
export const noticeFields = {
  due: (item: string) => `due.${item}`,
  lead: (item: string) => `lead.${item}`,
  coordinators: (item: string) => `coord.${item}`,
  kind: (item: string) => `kind.${item}`,
};

/** The units of an item the directory knows: the others are groups ("các bộ, ngành") kept as written. */
const knownUnits = (item: ConclusionItem, units: readonly Unit[]) =>
  item.agencies.filter((a) => units.some((u) => u.id === a));

/** The value each field of a notice shows: due dates dd/mm/yyyy, units by their Vietnamese name (pure). */
export function noticeValues(items: readonly ConclusionItem[], units: readonly Unit[]): Record<string, string> {
  const name = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const values: Record<string, string> = {};
  for (const item of items) {
    const known = knownUnits(item, units);
    values[noticeFields.due(item.number)] = item.dueAt ? formatVn(toPlainDate(item.dueAt)) : '';
    values[noticeFields.lead(item.number)] = known[0] ? name(known[0]) : '';
    values[noticeFields.coordinators(item.number)] = known.slice(1).map(name).join(', ');
    values[noticeFields.kind(item.number)] = item.kind;
  }
  return values;
}

/**
 * The corrections the API takes from what the form changed against the notice's own reading (`fresh`): an item's
 * due date (dd/mm/yyyy or a phrase, passed as written for the API to resolve), its lead and coordinating units (typed
 * by name, short name or id, coordinators separated by commas), whether it is a task or a note; or the message
 * beside each field that cannot be read. Undefined when nothing was changed (pure).
 */
export function noticeCorrectionsOf(
  fresh: readonly ConclusionItem[],
  form: FormBody,
  units: readonly Unit[],
  t: ProgrammeText,
  tc: ConclusionsText,
): { corrections: Array<Record<string, unknown>> | undefined; errors: Record<string, string> } {
  const shown = noticeValues(fresh, units);
  const index = new UnitIndex(units);
  const errors: Record<string, string> = {};
  const given = (name: string): string | undefined => {
    const value = fieldOf(form, name).trim();
    return name in form && value !== shown[name] ? value : undefined;
  };
  const corrections = fresh.flatMap((item) => {
    const edit: Record<string, unknown> = { number: item.number };
    const f = (field: keyof typeof noticeFields) => noticeFields[field](item.number);
    const kind = given(f('kind'));
    if (kind === 'task' || kind === 'note') edit.kind = kind;
    const due = given(f('due'));
    if (due !== undefined) {
      if (due === '') edit.dueAt = null;
      else if (readableDue(due)) edit.dueAt = due;
      else errors[f('due')] = t.errors.due;
    }
    const lead = given(f('lead'));
    const coordinators = given(f('coordinators'));
    if (lead !== undefined || coordinators !== undefined) {
      const read = (text: string, field: string): string | undefined => {
        const found = unitOf(text, index, t);
        if ('unit' in found) return found.unit;
        errors[field] ??= found.error;
        return undefined;
      };
      const leadText = lead ?? shown[f('lead')]!;
      const leadUnit = leadText === '' ? undefined : read(leadText, f('lead'));
      const others = (coordinators ?? shown[f('coordinators')]!)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => read(s, f('coordinators')));
      const groups = item.agencies.filter((a) => !units.some((u) => u.id === a));
      if (leadText === '' && (kind ?? item.kind) === 'task') errors[f('lead')] = tc.leadRequired;
      edit.agencies = [...new Set([leadUnit, ...others, ...groups].filter((a): a is string => a !== undefined))];
    }
    return Object.keys(edit).length > 1 ? [edit] : [];
  });
  return { corrections: corrections.length > 0 ? corrections : undefined, errors };
}
