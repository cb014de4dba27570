import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { httpStatuses, RequestError, type RequestErrorKind } from '../client/errors.js';

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_TYPE = 'application/problem+json';

/** One zod issue as a problem carries it: where (the dotted path) and what was expected. */
export const ProblemIssue = z
  .object({ path: z.string(), code: z.string(), message: z.string() })
  .openapi('ProblemIssue');

/** An error answer: RFC 9457 problem details, with the zod issues of a refused body or query. */
export const Problem = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Forbidden' }),
    status: z.number().int().openapi({ example: 403 }),
    detail: z.string(),
    instance: z.string().optional(),
    kind: z.string().optional().openapi({ description: 'duyet’s kind of refusal, e.g. forbidden, conflict' }),
    issues: z.array(ProblemIssue).optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The kind each HTTP status stands for, the inverse of the faces' table (pure). */
const kindOf = (status: number): RequestErrorKind | undefined =>
  (Object.entries(httpStatuses) as Array<[RequestErrorKind, number]>).find(([, s]) => s === status)?.[0];

/** Answers with an RFC 9457 problem document of that status, saying what was expected in `detail`. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const body = {
    type: 'about:blank',
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: c.req.path,
    ...(kindOf(status) ? { kind: kindOf(status) } : {}),
    ...extra,
  };
  return c.body(JSON.stringify(body), status, { 'content-type': PROBLEM_TYPE });
}

/** The zod issues of a failed parse, with dotted paths (pure). */
export const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    code: issue.code,
    message: issue.message,
  }));

/** The hook every route's validation goes through: a schema error is a 422 problem naming each issue. */
export function validationHook(result: { success: boolean; error?: z.ZodError; target?: string }, c: Context) {
  if (result.success || !result.error) return undefined;
  const issues = issuesOf(result.error);
  const where = result.target === 'json' ? 'the request body' : `the ${result.target ?? 'request'}`;
  return problem(
    c,
    422,
    `${where} does not match the schema: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}

/** Turns anything a handler throws into a problem: a RequestError by its kind, an HTTP error by its status, else 500. */
export function toProblem(err: unknown, c: Context): Response {
  if (err instanceof RequestError) {
    // A refusal found by a schema the client ran (a delegation proposal) carries its zod issues too.
    const issues = err.cause instanceof z.ZodError ? { issues: issuesOf(err.cause) } : {};
    return problem(c, err.httpStatus as ContentfulStatusCode, err.message, issues);
  }
  if (err instanceof HTTPException) {
    const detail =
      err.status === 400 && /JSON/i.test(err.message)
        ? `malformed JSON in the request body (${err.message}); expected a JSON document`
        : err.message || (titles[err.status] ?? 'error');
    return problem(c, err.status, detail);
  }
  if (isStoreDown(err))
    return problem(
      c,
      503,
      `the store is not reachable (${(err as Error).message}); start it with "duyet dev" or check DUYET_DATABASE_URL`,
    );
  console.error('duyet api: unexpected error', err);
  return problem(c, 500, 'an unexpected error happened on the server; it has been logged');
}

/** True when an error says the store's connection failed (pure). */
export function isStoreDown(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P03') return true;
  return (
    err instanceof Error &&
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(err.message)
  );
}
