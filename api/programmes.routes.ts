import { createRoute, z } from '@hono/zod-openapi';
import { bodyErrorResponses, errorResponses, jsonBody, jsonContent, secured } from './openapi.js';
import { strictBody } from './schemas.js';

const tags = ['Programmes'];
const ProgrammeId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/u, 'expected a programme id such as "nq31-2014"')
  .openapi({ example: 'nq31-2014' });

/** The preflight of the same table as answered before, with due dates and units corrected. */
const Corrected = z
  .looseObject({ tasks: z.array(z.looseObject({})) })
  .optional()
  .openapi({
    description:
      "the preflight of this table as answered, with tasks' dueAt (ISO instant, dd/mm/yyyy or a phrase), leadUnit or coordinators' unit, and obligations' dueAt corrected; anything else changed is refused",
  });

/** A programme table as uploaded: its text (CSV or the plain text of a scan), or an XLSX workbook in base64. */
export const TableBody = strictBody({
  text: z.string().min(1).openapi({ description: 'the table: plain text, CSV, or an XLSX workbook in base64' }),
  format: z.enum(['text', 'csv', 'xlsx']).default('text'),
  preflight: Corrected,
}).openapi('ProgrammeTable');

/** A programme table and the id and title the programme starts under. */
export const ApplyBody = strictBody({
  id: ProgrammeId,
  title: z.string().trim().min(1).max(500).optional(),
  text: z.string().min(1),
  format: z.enum(['text', 'csv', 'xlsx']).default('text'),
  preflight: Corrected,
}).openapi('ProgrammeApply');

const Loose = (name: string) => z.looseObject({}).openapi(name);

/** One programme as visibility lists it. */
const ListedProgramme = z
  .object({
    id: z.string(),
    status: z.string().nullable(),
    dueAt: z.string().nullable().openapi({ description: 'the due instant of the milestone the programme awaits' }),
    startedAt: z.string(),
  })
  .openapi('ListedProgramme');

/** `GET /api/programmes`: the programmes, newest first. */
export const list = createRoute({
  method: 'get',
  path: '/api/programmes',
  tags,
  summary: 'List programmes',
  description:
    'From Temporal visibility, newest first, one page at a time; any signed-in user (a secretariat to track them, an agency to find what it owes).',
  security: secured,
  request: {
    query: z.object({
      cursor: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,4096}$/, 'expected the nextCursor of an earlier page of this list')
        .optional(),
      pageSize: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ items: z.array(ListedProgramme), nextCursor: z.string().nullable() }).openapi('ProgrammeList'),
      'One page of programmes',
    ),
    ...errorResponses(),
  },
});

/** `POST /api/programmes/preflight`: every task and every problem; starts nothing. */
export const preflight = createRoute({
  method: 'post',
  path: '/api/programmes/preflight',
  tags,
  summary: 'Read a programme table: its tasks and problems, starting nothing',
  security: secured,
  request: { body: jsonBody(TableBody, 'the table') },
  responses: {
    200: jsonContent(Loose('ProgrammePreflight'), '{tasks, obligations, problems}, and {corrections} when corrected'),
    ...bodyErrorResponses(403),
  },
});

/** `POST /api/programmes`: starts the programme and its tasks, once. */
export const apply = createRoute({
  method: 'post',
  path: '/api/programmes',
  tags,
  summary: 'Start a programme and its tasks',
  description:
    'Tasks start under the ids ID.NUMBER: the same table again starts nothing, a changed one starts the tasks it adds ' +
    'and reports what differs; a table with problems (a task without lead or time, a number missing) starts nothing (422).',
  security: secured,
  request: { body: jsonBody(ApplyBody, 'the programme id and its table') },
  responses: {
    201: jsonContent(Loose('ProgrammeApplied'), '{programme, tasks}: what was started, found unchanged or changed'),
    ...bodyErrorResponses(403),
  },
});

/** `GET /api/programmes/{id}`: the tracker. */
export const tracker = createRoute({
  method: 'get',
  path: '/api/programmes/{id}',
  tags,
  summary: 'A programme’s tracker: every task, and per agency what it owes',
  security: secured,
  request: { params: z.object({ id: ProgrammeId }) },
  responses: { 200: jsonContent(Loose('ProgrammeTracker'), 'the tracker'), ...errorResponses(404) },
});

/** `GET /api/programmes/{id}/owed`: what the user's agencies owe. */
export const owed = createRoute({
  method: 'get',
  path: '/api/programmes/{id}/owed',
  tags,
  summary: 'What my agency owes in a programme',
  description:
    'The agencies of the signed-in user (their memberships), or the one `unit` names for a secretariat user.',
  security: secured,
  request: {
    params: z.object({ id: ProgrammeId }),
    query: z.object({ unit: z.string().optional().openapi({ example: 'bo-ngoai-giao' }) }),
  },
  responses: { 200: jsonContent(Loose('AgencyDues'), '{agencies: [{unit, owes, late}]}'), ...errorResponses(403, 404) },
});
