import { z } from 'zod';
import type { CalendarTable } from '../calendar/holidays.js';
import { rungsFor } from './clock.js';
import type { ProcessDefinition } from './definition.schema.js';
import type { ProcessContext } from './process.types.js';

const Instant = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 instant with offset, e.g. "2023-09-30T17:00:00+07:00"',
});

/** What a secretariat supplies to start a process: the dossier, its documents and milestone due dates. */
export const StartInput = z.strictObject({
  subject: z.string().trim().min(1, 'expected the dossier subject, e.g. the report title'),
  documents: z
    .array(
      z.strictObject({
        kind: z.string().min(1),
        title: z.string().trim().min(1),
        draft: z.number().int().positive().optional(),
        uri: z.string().min(1).optional(),
      }),
    )
    .default([]),
  /** The draft number of the dossier as it starts; defaults to the definition's first draft. */
  draftVersion: z.number().int().positive().optional(),
  /** Due instants by milestone id. */
  milestones: z.record(z.string(), Instant).default({}),
  /** Facts the definition's conditions read, e.g. a delegation's direction. */
  facts: z.record(z.string(), z.unknown()).default({}),
});
/** A validated start input. */
export type StartInput = z.infer<typeof StartInput>;

/** The outcome of a check a caller must handle, shaped like zod's safeParse. */
export type Result<T> = { success: true; data: T } | { success: false; error: string };

/** Validates a start input against a definition and builds the machine's first context; pure. */
export function parseStartInput(
  definition: ProcessDefinition,
  raw: unknown,
  startedAt: string,
  calendar: CalendarTable,
): Result<ProcessContext> {
  const parsed = StartInput.safeParse(raw);
  if (!parsed.success)
    return { success: false, error: `invalid input for ${definition.id}:\n${z.prettifyError(parsed.error)}` };
  const input = parsed.data;
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
  if (problems.length > 0)
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
      milestones: definition.milestones.map((m) => {
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
      }),
      history: [],
      escalations: [],
      assignee: null,
      calendar,
      startedAt,
    },
  };
}
