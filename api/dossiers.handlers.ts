import { createHash, randomUUID } from 'node:crypto';
import { describeDossier } from '../client/dossier-execution.js';
import { listPage, startDossier as start, status } from '../client/dossiers.js';
import { RequestError } from '../client/errors.js';
import { claimIdempotencyKey, releaseIdempotencyKey } from '../store/index.js';
import { readableDossier, readableProcesses } from './dossier-access.js';
import type * as routes from './dossiers.routes.js';
import type { AppRouteHandler } from './types.js';

/** Starts a dossier as the authenticated user; an idempotency key seen before with the same body returns its dossier. */
export const startDossier: AppRouteHandler<typeof routes.startDossier> = async (c) => {
  const { client, config, db } = c.var.deps;
  const { user } = c.var.principal;
  const body = c.req.valid('json');
  const key = c.req.valid('header')['idempotency-key'];
  const request = {
    process: body.process,
    input: body.input,
    plan: body.plan,
    options: body.options ?? {},
    starter: user,
  };
  if (key === undefined) return c.json(await start(client, config, request), 201);

  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const claimed = await claimIdempotencyKey(db, {
    userId: user.id,
    key,
    requestHash,
    workflowId: `${body.process}-${randomUUID()}`,
  });
  if (!claimed.success && claimed.error.kind === 'different')
    throw new RequestError(
      `the Idempotency-Key "${key}" already started dossier "${claimed.error.workflowId}" with another body; use a new key for a new start`,
      { kind: 'conflict' },
    );
  const workflowId = claimed.success ? claimed.data.workflowId : claimed.error.workflowId;
  try {
    return c.json(await start(client, config, { ...request, workflowId }), 201);
  } catch (err) {
    // A retry of a start that went through: the dossier exists, so answer with it.
    if (err instanceof RequestError && err.kind === 'conflict') {
      const existing = await describeDossier(client, workflowId).catch(() => undefined);
      if (existing?.process === body.process) return c.json({ workflowId }, 201);
    }
    if (claimed.success) await releaseIdempotencyKey(db, user.id, key);
    throw err;
  }
};

/** A dossier's status, for a user who may read it. */
export const getDossier: AppRouteHandler<typeof routes.getDossier> = async (c) => {
  const { id } = c.req.valid('param');
  await readableDossier(c.var.deps.client, c.var.principal.user, id);
  return c.json(await status(c.var.deps.client, id), 200);
};

/** One page of the dossiers a user may read, filtered: the page after `cursor`, or page number `page`. */
export const listDossiers: AppRouteHandler<typeof routes.listDossiers> = async (c) => {
  const query = c.req.valid('query');
  const { user } = c.var.principal;
  const filter = {
    stage: query.stage,
    process: query.process,
    status: query.status,
    overdue: query.overdue,
    processes: readableProcesses(user),
    awaiting: query.awaiting === 'me' ? { roles: user.roles, userId: user.id } : undefined,
  };
  const page = await listPage(c.var.deps.client, filter, {
    pageSize: query.pageSize,
    cursor: query.cursor,
    offset: (query.page - 1) * query.pageSize,
    reader: user.id,
  });
  return c.json(
    {
      items: page.items,
      page: query.page,
      pageSize: query.pageSize,
      hasMore: page.cursor !== null,
      nextCursor: page.cursor,
    },
    200,
  );
};
