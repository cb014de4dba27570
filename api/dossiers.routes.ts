import { createRoute, z } from '@hono/zod-openapi';
import { bodyErrorResponses, errorResponses, jsonBody, jsonContent, secured } from './openapi.js';
import { DecidedView, DossierId, DossierView, ListedDossier, strictBody } from './schemas.js';

const tags = ['Dossiers'];

/** What starts a dossier: a process, its input, optionally a plan text and the options the process declares. */
export const StartBody = strictBody({
  process: z.string().min(1).openapi({ example: 'review-pipeline' }),
  input: z.unknown().openapi({ description: 'the start input the process’s schema takes (see examples/)' }),
  plan: z.string().optional().openapi({ description: 'a plan document whose items give the milestones due dates' }),
  options: z
    .record(z.string(), z.string())
    .optional()
    .openapi({ description: 'start options the process declares, e.g. {"rules": "hanoi-2025"} for a delegation' }),
}).openapi('StartDossier');

/** `POST /api/dossiers`. */
export const startDossier = createRoute({
  method: 'post',
  path: '/api/dossiers',
  tags,
  summary: 'Start a dossier',
  description:
    'Validates the input and starts the process. With an `Idempotency-Key` header, a retried start with the same ' +
    'key and body returns the same dossier; the same key with another body is a 409.',
  security: secured,
  request: {
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: 'a key of the caller’s choosing' }),
    }),
    body: jsonBody(StartBody, 'the process and its input'),
  },
  responses: {
    201: jsonContent(
      z.looseObject({ workflowId: z.string() }).openapi('Started'),
      'The dossier started (or the one the idempotency key started before)',
    ),
    ...bodyErrorResponses(403, 404, 409),
  },
});

/** `GET /api/dossiers/{id}`. */
export const getDossier = createRoute({
  method: 'get',
  path: '/api/dossiers/{id}',
  tags,
  summary: 'A dossier’s status',
  security: secured,
  request: { params: z.object({ id: DossierId }) },
  responses: {
    200: jsonContent(DossierView, 'Where the dossier is, who is awaited, every decision'),
    ...errorResponses(404, 409),
  },
});

/** The filters and paging of a dossier list. */
export const ListQuery = z.object({
  awaiting: z.literal('me').optional().openapi({ description: 'only dossiers awaiting one of my roles, or me' }),
  stage: z.string().min(1).optional(),
  process: z.string().min(1).optional(),
  status: z.enum(['running', 'completed', 'rejected', 'withdrawn']).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: 'only running dossiers whose awaited stage is past due' }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4096}$/, 'expected the nextCursor of an earlier page of this list')
    .optional()
    .openapi({ description: 'the nextCursor of the page before: reads the page after it, page is then ignored' }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

/** `GET /api/dossiers`. */
export const listDossiers = createRoute({
  method: 'get',
  path: '/api/dossiers',
  tags,
  summary: 'List dossiers',
  description: 'From Temporal visibility, newest first; only processes the user may read.',
  security: secured,
  request: { query: ListQuery },
  responses: {
    200: jsonContent(
      z
        .object({
          items: z.array(ListedDossier),
          page: z.number(),
          pageSize: z.number(),
          hasMore: z.boolean(),
          nextCursor: z
            .string()
            .nullable()
            .openapi({ description: 'reads the next page as ?cursor=; null at the end' }),
        })
        .openapi('DossierList'),
      'One page of dossiers',
    ),
    ...errorResponses(),
  },
});

/** A decision as the API takes it; the actor is the authenticated user. */
export const DecisionBody = strictBody({
  event: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/, 'expected an UPPER_SNAKE event name such as "APPROVE"')
    .openapi({ example: 'APPROVE' }),
  comment: z.string().optional(),
  files: z
    .array(z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 an upload answered (64 lowercase hex digits)'))
    .max(20)
    .optional()
    .openapi({ description: 'stored files the decision carries (a product on SUBMIT), each checked to exist' }),
  onBehalfOf: z.string().min(1).optional().openapi({ description: 'the role a recording user decides for' }),
  milestone: z.string().min(1).optional().openapi({ description: 'MARK_MILESTONE, EXTEND: the milestone' }),
  due: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'EXTEND: the new due instant (ISO 8601, dd/mm/yyyy or a phrase)' }),
  to: z.string().min(1).optional().openapi({ description: 'REASSIGN: the user the stage goes to' }),
  facts: z
    .record(
      z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'expected a fact id such as "content"'),
      z.string().max(4000, 'expected at most 4000 characters'),
    )
    .optional()
    .openapi({
      description:
        "a decision that changes facts (a task's APPROVE_CHANGE): their new values, e.g. content, product, time",
      example: { product: 'Nghị quyết của Chính phủ' },
    }),
}).openapi('Decision');

/** `POST /api/dossiers/{id}/decisions`. */
export const postDecision = createRoute({
  method: 'post',
  path: '/api/dossiers/{id}/decisions',
  tags,
  summary: 'Take a decision',
  description:
    'Taken as the authenticated user. 403 when the user’s roles do not act on the event at this stage (the detail ' +
    'names the role that does); 409 when the stage cannot take the event now. Nothing is recorded on a refusal.',
  security: secured,
  request: { params: z.object({ id: DossierId }), body: jsonBody(DecisionBody, 'the decision') },
  responses: {
    200: jsonContent(DecidedView, 'Where the dossier is after the decision'),
    ...bodyErrorResponses(403, 404, 409),
  },
});
