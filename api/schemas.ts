import { z } from '@hono/zod-openapi';

/** Fields that would name who acts: the actor is always the authenticated user, so a body naming one is refused. */
export const actorFields = ['actor', 'as', 'user', 'userId', 'actorId', 'by', 'roles'] as const;

/** The message of an unknown field in a body: an actor field says why it is refused, others list what is expected (pure). */
export function unknownFieldError(expected: string[]) {
  return (issue: { code?: string; keys?: string[] }) => {
    if (issue.code !== 'unrecognized_keys' || !issue.keys) return undefined;
    const named = issue.keys.filter((k) => (actorFields as readonly string[]).includes(k));
    if (named.length > 0)
      return `the actor is always the authenticated user; remove ${named.map((k) => `"${k}"`).join(', ')} from the body`;
    return `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; expected only: ${expected.join(', ')}`;
  };
}

/** A JSON object body that refuses unknown fields, actor fields with their own message (pure). */
export function strictBody<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: unknownFieldError(Object.keys(shape)) });
}

/** A workflow id in a path. */
export const DossierId = z
  .string()
  .min(1)
  .max(256)
  .openapi({ param: { name: 'id', in: 'path' }, example: 'review-pipeline-3f1c9a0e' });

/** Two-language text of a definition. */
export const Localized = z.object({ vi: z.string(), en: z.string() }).openapi('Localized');

/** Who is awaited at a running dossier's stage, and until when. */
export const Awaiting = z
  .object({
    role: z.string(),
    assignee: z.string().nullable(),
    milestone: z.string().nullable(),
    dueAt: z.string().nullable(),
    escalationLevel: z.number(),
  })
  .nullable()
  .openapi('Awaiting');

/** Where a dossier is right after a decision. */
export const DecidedView = z
  .object({
    workflowId: z.string(),
    state: z.string(),
    status: z.enum(['running', 'completed', 'rejected', 'withdrawn']),
    draftVersion: z.number(),
    awaiting: Awaiting,
  })
  .openapi('Decided');

/** A dossier as `duyet status --json` prints it: where it is, who is awaited, every decision. */
export const DossierView = z
  .looseObject({
    workflowId: z.string(),
    process: z.string(),
    version: z.number(),
    subject: z.string(),
    status: z.enum(['running', 'completed', 'rejected', 'withdrawn']),
    state: z.string(),
    stageTitle: Localized,
    draftVersion: z.number(),
    awaiting: Awaiting,
    allowed: z.array(z.string()),
    history: z.array(z.record(z.string(), z.unknown())),
    milestones: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('DossierView');

/** One row of a dossier list, from Temporal visibility. */
export const ListedDossier = z
  .object({
    workflowId: z.string(),
    process: z.string().nullable(),
    stage: z.string().nullable(),
    status: z.string().nullable(),
    awaitedRole: z.string().nullable(),
    assignee: z.string().nullable(),
    dueAt: z.string().nullable(),
    escalationLevel: z.number(),
    startedAt: z.string(),
  })
  .openapi('ListedDossier');
