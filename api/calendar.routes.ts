import { createRoute, z } from '@hono/zod-openapi';
import { bodyErrorResponses, errorResponses, jsonBody, jsonContent, secured } from './openapi.js';
import { strictBody } from './schemas.js';

const tags = ['Calendar'];

const who = 'Any authenticated user: the calendar is public data (statutory and announced holidays).';

/** A named day. */
const Day = z.object({ date: z.string().openapi({ example: '2025-09-02' }), name: z.string() }).openapi('Day');

/** A year in a path, four digits, between 1900 and 2200. */
export const YearParam = z
  .string()
  .regex(/^\d{4}$/, 'expected a year of four digits, such as 2025')
  .transform(Number)
  .pipe(z.number().int().min(1900, 'expected a year from 1900').max(2200, 'expected a year up to 2200'))
  .openapi({ param: { name: 'year', in: 'path' }, example: '2025', type: 'string' });

/** `GET /api/calendar/holidays/{year}`. */
export const getHolidays = createRoute({
  method: 'get',
  path: '/api/calendar/holidays/{year}',
  tags,
  summary: 'The days off of a year',
  description: `The statutory holidays (Tết and Hùng Kings' day from the lunar calendar) and the announced ones. ${who}`,
  security: secured,
  request: { params: z.object({ year: YearParam }) },
  responses: {
    200: jsonContent(z.object({ year: z.number(), days: z.array(Day) }).openapi('Holidays'), 'The days off'),
    ...errorResponses(),
  },
});

/** How many working days to add to which date. */
export const WorkingDaysBody = strictBody({
  from: z
    .string()
    .min(1)
    .max(40)
    .openapi({ description: 'the start, YYYY-MM-DD or dd/mm/yyyy; not counted', example: '29/08/2025' }),
  days: z
    .number()
    .int('expected a whole number of working days')
    .min(-10_000, 'expected at most 10000 working days back')
    .max(10_000, 'expected at most 10000 working days on')
    .openapi({ description: 'working days to add; negative counts back', example: 5 }),
}).openapi('WorkingDaysRequest');

/** `POST /api/calendar/working-days`. */
export const postWorkingDays = createRoute({
  method: 'post',
  path: '/api/calendar/working-days',
  tags,
  summary: 'Add working days to a date',
  description: `The day \`days\` working days after \`from\` (before it when negative), skipping weekends and days off, with the days skipped and a Vietnamese explanation. ${who}`,
  security: secured,
  request: { body: jsonBody(WorkingDaysBody, 'the date and the number of working days') },
  responses: {
    200: jsonContent(
      z
        .object({
          from: z.string(),
          days: z.number(),
          date: z.string().openapi({ example: '2025-09-08' }),
          skipped: z.array(z.object({ date: z.string(), reason: z.string() })),
          explanation: z.string(),
        })
        .openapi('WorkingDays'),
      'Where the count lands, and why',
    ),
    ...bodyErrorResponses(),
  },
});
