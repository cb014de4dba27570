import { z } from '@hono/zod-openapi';
import { Problem, PROBLEM_TYPE } from './problem.js';

/** A JSON body or answer of a schema, for route contracts (pure). */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A required JSON request body (pure). */
export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
  required: true,
});

const described: Record<number, string> = {
  400: 'Malformed JSON',
  401: 'No credentials, or a bearer token that is unknown, revoked or expired',
  403: 'The authenticated user’s roles do not act here; the detail names the role that does',
  404: 'No such resource, or one the user may not read',
  409: 'The resource cannot take this now (the stage cannot take that event, a duplicate id)',
  413: 'The request body is over its limit (1 MiB)',
  422: 'The request does not match the schema; `issues` names each problem',
  429: 'Too many requests; retry later',
  503: 'Temporal or the store does not answer; the detail names which and where',
};

const problemResponse = (status: number) => ({
  content: { [PROBLEM_TYPE]: { schema: Problem } },
  description: described[status] ?? 'Error',
});

/** Every error a route under /api may answer, as OpenAPI responses (pure). */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    [...new Set([401, 422, 429, 503, ...statuses])].sort().map((s) => [s, problemResponse(s)]),
  ) as Record<number, ReturnType<typeof problemResponse>>;
}

/** The errors of a route that takes a JSON body: malformed JSON and an oversized body besides the common ones (pure). */
export const bodyErrorResponses = (...statuses: number[]) => errorResponses(400, 413, ...statuses);

/** The security requirement of every route under /api: a bearer token or, where the web app adds it, a session. */
export const secured = [{ bearer: [] }];
