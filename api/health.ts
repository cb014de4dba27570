import { createRoute, z } from '@hono/zod-openapi';
import { addressOf } from '../client/dossier-execution.js';
import { jsonContent } from './openapi.js';
import { Problem, problem, PROBLEM_TYPE } from './problem.js';
import { createRouter } from './router.js';
import type { ApiDeps } from './types.js';

/** How long each part has to answer a health check. */
const HEALTH_TIMEOUT_MS = 2_000;

const within = <T>(promise: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${HEALTH_TIMEOUT_MS / 1000} s`)),
        HEALTH_TIMEOUT_MS,
      ).unref(),
    ),
  ]);

/** Which parts do not answer: Temporal (a system-info call) and the store (`SELECT 1`), each with why. */
export async function unhealthyParts(deps: ApiDeps): Promise<string[]> {
  const temporal = within(deps.client.workflowService.getSystemInfo({}), 'Temporal').then(
    () => null,
    (err: Error) => `Temporal at ${addressOf(deps.client)} (${err.message})`,
  );
  const store = within(deps.db.query('SELECT 1'), 'the store').then(
    () => null,
    (err: Error) => `the store (${err.message})`,
  );
  return (await Promise.all([temporal, store])).filter((p): p is string => p !== null);
}

const getHealth = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Service'],
  summary: 'Whether Temporal and the store answer',
  responses: {
    200: jsonContent(z.object({ temporal: z.literal('ok'), store: z.literal('ok') }).openapi('Health'), 'Both answer'),
    503: { content: { [PROBLEM_TYPE]: { schema: Problem } }, description: 'The detail names what does not answer' },
  },
});

/** `GET /healthz`, without credentials: 200 when Temporal and the store answer, 503 naming what does not. */
export const healthRouter = createRouter().openapi(getHealth, async (c) => {
  const down = await unhealthyParts(c.var.deps);
  if (down.length > 0)
    return problem(
      c,
      503,
      `not answering: ${down.join('; ')}; start the embedded parts with "duyet dev" or check TEMPORAL_ADDRESS and DUYET_DATABASE_URL`,
    ) as never;
  return c.json({ temporal: 'ok' as const, store: 'ok' as const }, 200);
});
