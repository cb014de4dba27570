import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent, secured } from './openapi.js';

/** The authenticated user, as the directory knows them. */
export const Me = z
  .object({
    id: z.string().openapi({ example: 'pham.minh' }),
    name: z.string(),
    email: z.string(),
    roles: z.array(z.string()).openapi({ example: ['pm'] }),
    unit: z.string().optional(),
    via: z.enum(['token', 'session']).openapi({ description: 'how the request authenticated' }),
  })
  .openapi('Me');

/** `GET /api/me`: who the credentials belong to. */
export const getMe = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['Identity'],
  summary: 'Who am I',
  security: secured,
  responses: { 200: jsonContent(Me, 'The authenticated user and their roles'), ...errorResponses() },
});
