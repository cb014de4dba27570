import { closest } from '../directory/names.js';
import type { Unit } from '../directory/units.js';
import type { ConclusionItem } from './conclusions-import.js';
import { RequestError } from './errors.js';
import { dueOf } from './programme-corrections.js';

/** One field of a notice's item a correction changed, as the notice read it and as corrected. */
export interface ItemCorrection {
  item: string;
  field: 'dueAt' | 'agencies' | 'kind';
  before: unknown;
  after: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What an item may be: a task to start, or a note that assigns nothing. */
const KINDS: ReadonlyArray<ConclusionItem['kind']> = ['task', 'note'];

/** Fields a correction may not change: they are the notice's own words, corrected in the notice. */
const FIXED = ['text', 'deadlineText', 'periodicReport'] as const;

/**
 * Applies corrections to the items of a notice as read afresh (`fresh`): `edited` is a list of items (all of them, as
 * `conclusions import --json` printed them and then edited, or only the corrected ones), each by its `number`, with
 * its `dueAt` (an ISO instant, a day dd/mm/yyyy or a deadline phrase), its `agencies` (unit ids of the directory, the
 * lead first, then the coordinators) and its `kind` ("task" or "note"). An item not in the notice, given twice, a
 * unit not in the directory, a due date that cannot be read, or a changed text refuses the whole edit, listing every
 * fault (pure).
 */
export function correctConclusions(
  fresh: readonly ConclusionItem[],
  edited: unknown,
  units: readonly Unit[],
): { items: ConclusionItem[]; corrections: ItemCorrection[] } {
  const list = isRecord(edited) && Array.isArray(edited.items) ? edited.items : edited;
  if (!Array.isArray(list))
    throw new RequestError(
      'the corrections must be a list of items, each with its "number" and the fields corrected: [{"number": "1", "dueAt": "08/09/2023", "agencies": ["bo-ngoai-giao"], "kind": "task"}]',
    );
  const faults: string[] = [];
  const ids = new Set(units.map((u) => u.id));
  const byNumber = new Map<string, Record<string, unknown>>();
  for (const [i, e] of list.entries()) {
    if (!isRecord(e) || typeof e.number !== 'string') faults.push(`items[${i}]: expected an item with its "number"`);
    else if (byNumber.has(e.number)) faults.push(`item ${e.number}: given twice`);
    else if (!fresh.some((item) => item.number === e.number))
      faults.push(
        `item ${e.number}: no such item in the notice; expected one of ${fresh.map((x) => x.number).join(', ')}`,
      );
    else byNumber.set(e.number, e);
  }
  const corrections: ItemCorrection[] = [];
  const items = fresh.map((item): ConclusionItem => {
    const e = byNumber.get(item.number);
    if (!e) return item;
    for (const field of FIXED)
      if (e[field] !== undefined && e[field] !== item[field])
        faults.push(
          `item ${item.number}: ${field}: differs from the notice; only dueAt, agencies and kind are corrected here`,
        );
    let next = item;
    if (e.kind !== undefined && e.kind !== item.kind) {
      if (!KINDS.includes(e.kind as ConclusionItem['kind']))
        faults.push(`item ${item.number}: kind: expected "task" or "note", got ${JSON.stringify(e.kind)}`);
      else {
        corrections.push({ item: item.number, field: 'kind', before: item.kind, after: e.kind });
        next = { ...next, kind: e.kind as ConclusionItem['kind'] };
      }
    }
    if (e.dueAt !== undefined && e.dueAt !== item.dueAt) {
      const due = e.dueAt === null ? { dueAt: null } : dueOf(e.dueAt, `item ${item.number}: dueAt`);
      if ('error' in due) faults.push(due.error);
      else if (due.dueAt !== item.dueAt) {
        corrections.push({ item: item.number, field: 'dueAt', before: item.dueAt, after: due.dueAt });
        next = { ...next, dueAt: due.dueAt };
      }
    }
    if (e.agencies !== undefined) {
      const given = e.agencies;
      if (!Array.isArray(given))
        faults.push(`item ${item.number}: agencies: expected a list of unit ids, the lead first ("bo-ngoai-giao")`);
      else if (JSON.stringify(given) !== JSON.stringify(item.agencies)) {
        // Units of the directory, or the groups the notice itself names ("các bộ, ngành"), kept as read.
        const bad = given.filter((a) => typeof a !== 'string' || (!ids.has(a) && !item.agencies.includes(a)));
        for (const a of bad) {
          const near = typeof a === 'string' ? closest(a, [...ids], 3) : [];
          faults.push(
            `item ${item.number}: agencies: "${String(a)}" is no unit of the directory${near.length > 0 ? `; nearest: ${near.join(', ')}` : ''}`,
          );
        }
        if (new Set(given).size !== given.length) faults.push(`item ${item.number}: agencies: a unit is given twice`);
        else if (bad.length === 0) {
          corrections.push({ item: item.number, field: 'agencies', before: item.agencies, after: given });
          next = { ...next, agencies: given as string[] };
        }
      }
    }
    if (next.kind !== 'note' && next !== item && next.agencies.filter((a) => ids.has(a)).length === 0)
      faults.push(`item ${item.number}: agencies: a task needs a lead unit of the directory; or make the item a note`);
    return next;
  });
  if (faults.length > 0)
    throw new RequestError(
      `nothing was started: the corrections have ${faults.length} fault(s):\n${faults.map((f) => `✖ ${f}`).join('\n')}`,
    );
  return { items, corrections };
}
