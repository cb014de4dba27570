import { createRoute, z } from '@hono/zod-openapi';
import { bodyErrorResponses, jsonBody, jsonContent, secured } from './openapi.js';
import { strictBody } from './schemas.js';

const tags = ['Programmes'];

/** Corrections to a notice's items: per item by its number, its due date, its units (lead first) and task or note. */
const Corrections = z
  .array(
    z.looseObject({
      number: z.string().openapi({ example: '1' }),
      dueAt: z.string().nullable().optional().openapi({ description: 'an ISO instant, a day dd/mm/yyyy or a phrase' }),
      agencies: z.array(z.string()).optional().openapi({ description: 'unit ids of the directory, the lead first' }),
      kind: z.enum(['task', 'note']).optional(),
    }),
  )
  .max(500)
  .optional()
  .openapi({
    description:
      'corrections judged against the notice read afresh; any fault refuses them all (422) and starts nothing',
  });

/** A notice of conclusions as uploaded: its plain text, and the corrections made to its items. */
export const NoticeBody = strictBody({
  text: z.string().min(1).openapi({ description: 'the notice of conclusions, plain text' }),
  corrections: Corrections,
}).openapi('ConclusionsNotice');

/** A notice of conclusions and the id and title its tasks start under. */
export const NoticeApplyBody = strictBody({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/u, 'expected a programme id such as "tb-301-2023"')
    .openapi({ example: 'tb-301-2023' }),
  title: z.string().trim().min(1).max(500).optional(),
  text: z.string().min(1),
  corrections: Corrections,
}).openapi('ConclusionsApply');

const Skipped = z
  .object({ number: z.string(), why: z.enum(['note', 'no-agency', 'no-deadline']), reason: z.string() })
  .openapi('ConclusionSkipped');

/** `POST /api/programmes/conclusions/preflight`: the notice's items, which would start and which not; starts nothing. */
export const preflight = createRoute({
  method: 'post',
  path: '/api/programmes/conclusions/preflight',
  tags,
  summary: 'Read a notice of conclusions: its items, what would start and what not, starting nothing',
  security: secured,
  request: { body: jsonBody(NoticeBody, 'the notice') },
  responses: {
    200: jsonContent(
      z
        .object({
          items: z.array(z.looseObject({})),
          starts: z.array(z.string()).openapi({ description: 'the numbers of the items that would start as tasks' }),
          skipped: z.array(Skipped),
          corrections: z.array(z.looseObject({})).openapi({ description: '{item, field, before, after}' }),
        })
        .openapi('ConclusionsPreflight'),
      '{items: [{number, text, agencies, deadlineText, dueAt, periodicReport, kind}], starts, skipped, corrections}',
    ),
    ...bodyErrorResponses(403, 422),
  },
});

/** `POST /api/programmes/conclusions`: starts the notice's tasks, once. */
export const apply = createRoute({
  method: 'post',
  path: '/api/programmes/conclusions',
  tags,
  summary: 'Start the tasks of a notice of conclusions',
  description:
    'The items that name an agency of the directory and a deadline start as tasks ID.NUMBER under a programme ID: the same notice again starts nothing; a notice with nothing to start is refused (422).',
  security: secured,
  request: { body: jsonBody(NoticeApplyBody, 'the id and the notice') },
  responses: {
    201: jsonContent(
      z.looseObject({ skipped: z.array(Skipped) }).openapi('ConclusionsApplied'),
      '{programme, tasks, skipped}: what was started, found unchanged or changed, and the items not started',
    ),
    ...bodyErrorResponses(403),
  },
});
