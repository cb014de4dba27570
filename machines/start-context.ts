import type { CalendarTable } from '../calendar/holidays.js';
import { rungsFor } from './clock.js';
import type { ProcessDefinition } from './definition.schema.js';
import { isoInstant } from './decision.js';
import type { MilestoneState, ProcessContext } from './process.types.js';
import { startSeries } from './recurrence.js';
import { checkUnitFacts } from './units.js';

/** The outcome of a check a caller must handle, shaped like zod's safeParse. */
export type Result<T> = { success: true; data: T } | { success: false; error: string };

/** A start input whose fields were checked, with its defaults filled in. */
export interface StartInput {
  subject: string;
  documents: Array<{ kind: string; title: string; draft?: number | undefined; uri?: string | undefined }>;
  draftVersion?: number | undefined;
  milestones: Record<string, string>;
  facts: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isPositiveInt = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
const filled = (value: unknown) => typeof value === 'string' && value.length > 0;
const startKeys = new Set(['subject', 'documents', 'draftVersion', 'milestones', 'facts']);
const documentKeys = new Set(['kind', 'title', 'draft', 'uri']);

/**
 * Checks a start input field by field as a hand-written validator does (the faces check it with the zod schema
 * first, `StartInput` in input.schema.ts, whose result this equals on valid input): the input with trimmed text
 * and defaults, or every field that is wrong with what was expected.
 */
export function checkStartInput(raw: unknown): Result<StartInput> {
  if (!isRecord(raw)) return { success: false, error: 'expected the start input as an object with a subject' };
  const problems: string[] = [];
  const expect = (ok: boolean, field: string, what: string) => {
    if (!ok) problems.push(`✖ ${what}\n  → at ${field}`);
  };
  for (const key of Object.keys(raw)) expect(startKeys.has(key), key, `unrecognized key: "${key}"`);
  const subject = typeof raw.subject === 'string' ? raw.subject.trim() : '';
  expect(subject.length > 0, 'subject', 'expected the dossier subject, e.g. the report title');
  const documents = raw.documents ?? [];
  const docs: StartInput['documents'] = [];
  if (!Array.isArray(documents)) expect(false, 'documents', 'expected a list of documents');
  else
    documents.forEach((doc: unknown, i) => {
      const at = `documents.${i}`;
      if (!isRecord(doc)) return expect(false, at, 'expected a document { kind, title, draft?, uri? }');
      for (const key of Object.keys(doc)) expect(documentKeys.has(key), `${at}.${key}`, `unrecognized key: "${key}"`);
      const title = typeof doc.title === 'string' ? doc.title.trim() : '';
      expect(filled(doc.kind), `${at}.kind`, 'expected the document kind');
      expect(title.length > 0, `${at}.title`, 'expected the document title');
      expect(doc.draft === undefined || isPositiveInt(doc.draft), `${at}.draft`, 'expected a positive draft number');
      expect(doc.uri === undefined || filled(doc.uri), `${at}.uri`, 'expected the document uri');
      docs.push({ ...(doc as StartInput['documents'][number]), title });
    });
  expect(
    raw.draftVersion === undefined || isPositiveInt(raw.draftVersion),
    'draftVersion',
    'expected a positive draft number',
  );
  const milestones = raw.milestones ?? {};
  if (!isRecord(milestones)) expect(false, 'milestones', 'expected due instants by milestone id');
  else
    for (const [id, due] of Object.entries(milestones))
      expect(
        typeof due === 'string' && isoInstant.test(due) && !Number.isNaN(Date.parse(due)),
        `milestones.${id}`,
        'expected an ISO 8601 instant with offset, e.g. "2023-09-30T17:00:00+07:00"',
      );
  const facts = raw.facts ?? {};
  expect(isRecord(facts), 'facts', 'expected the facts as an object');
  if (problems.length > 0) return { success: false, error: problems.join('\n') };
  return {
    success: true,
    data: {
      subject,
      documents: docs,
      ...(raw.draftVersion === undefined ? {} : { draftVersion: raw.draftVersion as number }),
      milestones: milestones as Record<string, string>,
      facts: facts as Record<string, unknown>,
    },
  };
}

/** Checks a validated start input against a definition and builds the machine's first context; pure. */
export function startContextOf(
  definition: ProcessDefinition,
  input: StartInput,
  startedAt: string,
  calendar: CalendarTable,
): Result<ProcessContext> {
  const problems: string[] = [];
  const kinds = definition.documents.map((d) => d.kind);
  for (const doc of input.documents) {
    if (!kinds.includes(doc.kind)) problems.push(`document kind "${doc.kind}" is not one of: ${kinds.join(', ')}`);
  }
  for (const kind of definition.documents.filter((d) => d.required)) {
    if (!input.documents.some((d) => d.kind === kind.kind))
      problems.push(`the dossier needs a "${kind.kind}" document (${kind.title.en})`);
  }
  const milestoneIds = definition.milestones.map((m) => m.id);
  for (const id of Object.keys(input.milestones)) {
    if (!milestoneIds.includes(id)) problems.push(`milestone "${id}" is not one of: ${milestoneIds.join(', ')}`);
  }
  const units = checkUnitFacts(definition, input.facts);
  if (!units.success) problems.push(units.error);
  const series = startSeries(definition, input.milestones, startedAt, calendar);
  if (!series.success) problems.push(series.error);
  if (problems.length > 0 || !series.success)
    return {
      success: false,
      error: `invalid input for ${definition.id}:\n${problems.map((p) => `✖ ${p}`).join('\n')}`,
    };

  const firstDraft = input.draftVersion ?? definition.revision?.firstDraft ?? 1;
  const stageOf = (milestone: string) =>
    Object.entries(definition.stages).find(([, s]) => s.milestone === milestone)?.[0] ?? null;
  return {
    success: true,
    data: {
      subject: input.subject,
      facts: input.facts,
      documents: input.documents.map((d) => ({
        kind: d.kind,
        title: d.title,
        draft: d.draft ?? firstDraft,
        uri: d.uri ?? null,
      })),
      draftVersion: firstDraft,
      returnTo: null,
      milestones: definition.milestones
        .filter((m) => !m.recurs)
        .map((m): MilestoneState => {
          const dueAt = input.milestones[m.id] ?? null;
          return {
            id: m.id,
            title: m.title,
            stage: stageOf(m.id),
            lead: m.lead ?? null,
            dueAt,
            status: 'pending' as const,
            at: null,
            completedAt: null,
            pausedAt: null,
            remainingWorkingDays: null,
            rungs: dueAt ? rungsFor(m, dueAt, calendar) : [],
          };
        })
        .concat(series.data),
      history: [],
      escalations: [],
      assignee: null,
      calendar,
      startedAt,
    },
  };
}

/** The machine's first context from a start input the workflow received, checked without building a schema. */
export function startContext(
  definition: ProcessDefinition,
  raw: unknown,
  startedAt: string,
  calendar: CalendarTable,
): Result<ProcessContext> {
  const input = checkStartInput(raw);
  if (!input.success) return { success: false, error: `invalid input for ${definition.id}:\n${input.error}` };
  return startContextOf(definition, input.data, startedAt, calendar);
}
