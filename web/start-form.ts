import { parseDeadline, toPlainDate, type CalendarTable } from '../calendar/index.js';
import { sniffDraft } from '../client/draft-files.js';
import { importPlan, type PlanMilestone } from '../client/plan-import.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import { formatDate } from './format.js';
import type { StartText } from './start-text.js';

/** What the start form holds, as typed: every value a string, so a refused form comes back as it was sent. */
export interface StartFields {
  subject: string;
  documents: Array<{ kind: string; title: string; draft: string }>;
  /** Due dates by milestone id, as written (dd/mm/yyyy, a phrase or an ISO instant). */
  dues: Record<string, string>;
  plan: string;
}

/** A message beside each field that is wrong, by the field's name. */
export type FieldErrors = Record<string, string>;

/** A form body as Hono parses it. */
export type FormBody = Record<string, string | File | (string | File)[]>;

const text = (form: FormBody, name: string): string => (typeof form[name] === 'string' ? (form[name] as string) : '');

/** The draft files of a form, by document kind: only fields holding a non-empty file (pure). */
export function draftFilesOf(form: FormBody, kinds: readonly string[]): Array<{ kind: string; file: File }> {
  return kinds.flatMap((kind) => {
    const value = form[`file.${kind}`];
    return value instanceof File && value.size > 0 ? [{ kind, file: value }] : [];
  });
}

/** The milestones a start form asks dates for: those not counted from a stage (pure). */
export const datedMilestones = (definition: ProcessDefinition) => definition.milestones.filter((m) => !m.duration);

/** The form's fields, with the definition's documents in order and their titles as defaults (pure). */
export function startFieldsOf(definition: ProcessDefinition, form: FormBody, lang: 'vi' | 'en'): StartFields {
  const first = String(definition.revision?.firstDraft ?? 1);
  const sent = Object.keys(form).length > 0;
  return {
    subject: text(form, 'subject'),
    documents: (definition.documents ?? []).map((d) => ({
      kind: d.kind,
      title: sent ? text(form, `doc.${d.kind}.title`) : d.title[lang],
      draft: (sent ? text(form, `doc.${d.kind}.draft`) : '') || first,
    })),
    dues: Object.fromEntries(datedMilestones(definition).map((m) => [m.id, text(form, `due.${m.id}`)])),
    plan: text(form, 'plan'),
  };
}

/** The years a plan text names, with the ones around now, for its calendar table (pure). */
export const yearsOfPlan = (plan: string, now: Date): number[] => {
  const year = now.getUTCFullYear();
  const named = [...plan.matchAll(/năm\s+(\d{4})/g)].map((m) => Number(m[1]));
  return [...new Set([...named, year - 1, year, year + 1, year + 2])].sort();
};

/**
 * Reads a plan's items and fills each milestone that names a plan item with that item's due date (dd/mm/yyyy);
 * a plan that cannot be read, or lacks an item a milestone names, comes back as an error beside the plan (pure).
 */
export function applyPlan(
  definition: ProcessDefinition,
  fields: StartFields,
  table: CalendarTable,
  t: StartText,
): { fields: StartFields; items: PlanMilestone[]; errors: FieldErrors } {
  const imported = importPlan(fields.plan, table);
  if (!imported.success) return { fields, items: [], errors: { plan: t.badPlan(imported.error) } };
  const dues = { ...fields.dues };
  const errors: FieldErrors = {};
  for (const milestone of datedMilestones(definition)) {
    if (milestone.planItem === undefined) continue;
    const item = imported.data.find((i) => i.number === milestone.planItem);
    if (item) dues[milestone.id] = formatDate(item.dueAt);
    else errors[`due.${milestone.id}`] = t.noPlanItem(milestone.planItem);
  }
  return { fields: { ...fields, dues }, items: imported.data, errors };
}

/** A due instant from an ISO instant with offset, dd/mm/yyyy or a deadline phrase (pure). */
function dueOf(written: string, table: CalendarTable, now: Date) {
  if (/^\d{4}-\d{2}-\d{2}T/.test(written) && !Number.isNaN(Date.parse(written)))
    return { success: true as const, data: written };
  const resolved = parseDeadline(written, { table, year: Number(toPlainDate(now.getTime()).slice(0, 4)) });
  return resolved.success ? { success: true as const, data: resolved.data.dueAt } : resolved;
}

/**
 * The start input of a filled form, or a message beside each wrong field: the subject, each document's title and
 * draft number, each due date, each draft file's type and size (judged by content); nothing is sent unless all pass.
 */
export async function startInputOf(
  definition: ProcessDefinition,
  fields: StartFields,
  files: Array<{ kind: string; file: File }>,
  table: CalendarTable,
  now: Date,
  t: StartText,
): Promise<{ success: true; input: unknown } | { success: false; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  if (fields.subject.trim() === '') errors.subject = t.noSubject;
  const documents: Array<{ kind: string; title: string; draft: number }> = [];
  for (const [i, doc] of fields.documents.entries()) {
    const required = definition.documents?.[i]?.required ?? true;
    if (doc.title.trim() === '') {
      if (required) errors[`doc.${doc.kind}.title`] = t.noTitle;
      continue;
    }
    const draft = Number(doc.draft);
    if (!/^\d+$/.test(doc.draft.trim()) || draft < 1) errors[`doc.${doc.kind}.draft`] = t.badDraft(doc.draft);
    documents.push({ kind: doc.kind, title: doc.title.trim(), draft });
  }
  const milestones: Record<string, string> = {};
  for (const [id, written] of Object.entries(fields.dues)) {
    if (written.trim() === '') continue;
    const due = dueOf(written.trim(), table, now);
    if (due.success) milestones[id] = due.data;
    else errors[`due.${id}`] = t.badDue(due.error);
  }
  for (const { kind, file } of files) {
    const type = sniffDraft(new Uint8Array(await file.arrayBuffer()));
    if (!type.success) errors[`file.${kind}`] = t.badFile(type.error);
    else if (!documents.some((d) => d.kind === kind)) errors[`file.${kind}`] = t.fileWithoutDocument;
  }
  if (Object.keys(errors).length > 0) return { success: false, errors };
  return { success: true, input: { subject: fields.subject.trim(), documents, milestones } };
}
