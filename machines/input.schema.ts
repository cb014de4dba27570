import { z } from 'zod';
import type { CalendarTable } from '../calendar/holidays.js';
import type { ProcessDefinition } from './definition.schema.js';
import type { ProcessContext } from './process.types.js';
import { startContextOf, type Result } from './start-context.js';

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

export type { Result } from './start-context.js';

/** Validates a start input fully against a definition, as the faces do, and builds the machine's first context; pure. */
export function parseStartInput(
  definition: ProcessDefinition,
  raw: unknown,
  startedAt: string,
  calendar: CalendarTable,
): Result<ProcessContext> {
  const parsed = StartInput.safeParse(raw);
  if (!parsed.success)
    return { success: false, error: `invalid input for ${definition.id}:\n${z.prettifyError(parsed.error)}` };
  return startContextOf(definition, parsed.data, startedAt, calendar);
}
