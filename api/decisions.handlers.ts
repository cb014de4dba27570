import { parseDeadline } from '../calendar/phrases.js';
import { loadCalendarTable } from '../client/calendar-tables.js';
import { decide } from '../client/dossiers.js';
import { RequestError } from '../client/errors.js';
import type { DuyetConfig } from '../temporal.config.js';
import { readableDossier } from './dossier-access.js';
import { fileStoreOf } from './files.handlers.js';
import type * as routes from './dossiers.routes.js';
import type { AppRouteHandler } from './types.js';

/** A due instant from an ISO instant with offset, a date (dd/mm/yyyy) or a deadline phrase; refused naming the forms. */
export function resolveDue(config: DuyetConfig, text: string, now: Date = new Date()): string {
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return text;
  const year = now.getUTCFullYear();
  const resolved = parseDeadline(text, {
    table: loadCalendarTable(config.calendarDir, [year, year + 1, year + 2]),
    year,
  });
  if (!resolved.success)
    throw new RequestError(`due: ${resolved.error}; expected an ISO instant, dd/mm/yyyy or a deadline phrase`);
  return resolved.data.dueAt;
}

/**
 * Takes a decision as the authenticated user, on a dossier they may read (else 404): the workflow's validator
 * decides, refusing a user whose roles do not act on the event at the stage (403 naming the role that does) and an
 * event the stage cannot take now (409). Nothing is recorded on a refusal; the app audits it once.
 */
export const postDecision: AppRouteHandler<typeof routes.postDecision> = async (c) => {
  const { client, config } = c.var.deps;
  const { user } = c.var.principal;
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  c.set('decision', { workflowId: id, event: body.event, onBehalfOf: body.onBehalfOf ?? null });
  const dossier = await readableDossier(client, user, id);
  const decided = await decide(client, config, {
    workflowId: id,
    dossier,
    event: body.event,
    as: user.id,
    onBehalfOf: body.onBehalfOf,
    comment: body.comment,
    milestone: body.milestone,
    dueAt: body.due === undefined ? undefined : resolveDue(config, body.due),
    to: body.to,
    files: body.files,
    facts: body.facts,
    fileStore: fileStoreOf(c.var.deps),
  });
  return c.json(decided, 200);
};
