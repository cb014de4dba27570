import { createRoute, z } from '@hono/zod-openapi';
import { bodyErrorResponses, jsonBody, jsonContent, secured } from './openapi.js';
import { strictBody } from './schemas.js';

/** A plan document as text. */
export const PlanImportBody = strictBody({
  text: z.string().min(1, 'expected the plan’s text').openapi({
    description:
      'the plan as text, with numbered items under "II. NỘI DUNG VÀ TIẾN ĐỘ CÔNG VIỆC" and a deadline for each ("- Thời gian: Trước ngày 15 tháng 9 năm 2023"); at most 256 KiB',
  }),
}).openapi('PlanImportRequest');

/** One item of a plan with its deadline resolved. */
const PlanMilestone = z
  .object({
    number: z.number().int(),
    title: z.string(),
    deadlineText: z.string().openapi({ example: 'Trước ngày 15 tháng 9 năm 2023' }),
    dueAt: z.string().openapi({ description: 'the last instant still on time', example: '2023-09-14T23:59:59+07:00' }),
    lead: z.string().nullable(),
  })
  .openapi('PlanMilestone');

/** `POST /api/plans/import`. */
export const importPlan = createRoute({
  method: 'post',
  path: '/api/plans/import',
  tags: ['Plans'],
  summary: 'Read a plan’s milestones',
  description:
    'Reads the numbered items of a plan and resolves each deadline as written ("trước ngày D", "trong tháng M", ' +
    '"đầu / giữa / cuối tháng M") to a due instant in Asia/Ho_Chi_Minh; nothing is started or kept. 422 names the ' +
    'item whose deadline cannot be read; 413 for a text over 256 KiB. Any authenticated user.',
  security: secured,
  request: { body: jsonBody(PlanImportBody, 'the plan text') },
  responses: {
    200: jsonContent(z.object({ milestones: z.array(PlanMilestone) }).openapi('PlanImport'), 'The plan’s items'),
    ...bodyErrorResponses(),
  },
});
