import { OpenAPIHono } from '@hono/zod-openapi';
import { validationHook } from './problem.js';
import type { AppEnv } from './types.js';

/** A router whose schema errors are 422 problems naming each zod issue. */
export const createRouter = () => new OpenAPIHono<AppEnv>({ strict: false, defaultHook: validationHook });
