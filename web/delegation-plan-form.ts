import type { RecordsText } from './delegation-records-text.js';
import type { PlanItem } from './pages/delegation-check.js';
import type { FieldErrors, FormBody } from './start-form.js';

/** One entry of the adjustment form as typed: countries as one comma-separated line, and whether it is removed. */
export interface PlanRow {
  item: string;
  direction: 'out' | 'in';
  unit: string;
  title: string;
  countries: string;
  quarter: string;
  remove: boolean;
}

/** The adjustment form: its entries and the reason. */
export interface PlanFields {
  rows: PlanRow[];
  reason: string;
}

/** The most entries the form takes: a city's plan holds a few dozen delegations. */
const MAX_ROWS = 200;

const blankRow = (): PlanRow => ({
  item: '',
  direction: 'out',
  unit: '',
  title: '',
  countries: '',
  quarter: '',
  remove: false,
});

/** The form filled with the plan's entries and one blank entry to add (pure). */
export function planFieldsOf(items: readonly PlanItem[]): PlanFields {
  const rows = items.map((i) => ({
    item: i.item,
    direction: i.direction,
    unit: i.unit,
    title: i.title,
    countries: i.countries.join(', '),
    quarter: i.quarter === undefined ? '' : String(i.quarter),
    remove: false,
  }));
  return { rows: [...rows, blankRow()], reason: '' };
}

const text = (form: FormBody, name: string): string => {
  const value = form[name];
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
};

/** The form as the browser sent it; `add` appends a blank entry (pure). */
export function planFieldsFrom(form: FormBody, add = false): PlanFields {
  const count = Math.min(MAX_ROWS, Math.max(0, Math.trunc(Number(text(form, 'rows'))) || 0));
  const rows = Array.from({ length: count }, (_, i): PlanRow => {
    const field = (key: string) => text(form, `rows.${i}.${key}`).trim();
    return {
      item: field('item'),
      direction: field('direction') === 'in' ? 'in' : 'out',
      unit: field('unit'),
      title: field('title'),
      countries: field('countries'),
      quarter: ['1', '2', '3', '4'].includes(field('quarter')) ? field('quarter') : '',
      remove: field('remove') === '1',
    };
  });
  return { rows: add && rows.length < MAX_ROWS ? [...rows, blankRow()] : rows, reason: text(form, 'reason').trim() };
}

const isBlank = (r: PlanRow) => !r.item && !r.unit && !r.title && !r.countries && !r.quarter;

/**
 * The plan's entries from the form: removed and blank entries left out, each kept entry checked; on success also
 * which form row each entry came from, so the API's issues land beside their fields (pure).
 */
export function planItemsOf(
  fields: PlanFields,
  t: RecordsText,
): { success: true; items: PlanItem[]; rowOf: number[] } | { success: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const items: PlanItem[] = [];
  const rowOf: number[] = [];
  const seen = new Map<string, number>();
  fields.rows.forEach((r, i) => {
    if (r.remove || isBlank(r)) return;
    const countries = r.countries
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!r.item) errors[`rows.${i}.item`] = t.needItem;
    else if (seen.has(r.item)) errors[`rows.${i}.item`] = t.twice(r.item);
    else seen.set(r.item, i);
    if (!r.unit) errors[`rows.${i}.unit`] = t.needUnit;
    if (!r.title) errors[`rows.${i}.title`] = t.needTitle;
    if (countries.length === 0) errors[`rows.${i}.countries`] = t.needCountries;
    items.push({
      item: r.item,
      direction: r.direction,
      unit: r.unit,
      title: r.title,
      countries,
      ...(r.quarter ? { quarter: Number(r.quarter) } : {}),
    });
    rowOf.push(i);
  });
  if (!fields.reason) errors.reason = t.needReason;
  return Object.keys(errors).length > 0 ? { success: false, errors } : { success: true, items, rowOf };
}

/** The API's issues beside the form's fields (`items.3.title` → the row it came from), the rest as a list (pure). */
export function planIssueErrors(
  issues: Array<{ path: string; message: string }>,
  rowOf: number[],
): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const { path, message } of issues) {
    const [head, index, key] = path.split('.');
    const row = rowOf[Number(index)];
    if (head === 'items' && row !== undefined && key) fields[`rows.${row}.${key}`] ??= message;
    else if (path === 'reason') fields.reason ??= message;
    else other.push(`${path}: ${message}`);
  }
  return { fields, other };
}
