import { parseDeadline } from '../calendar/phrases.js';
import { loadCalendarTable } from '../client/calendar-tables.js';
import { decide, status } from '../client/dossiers.js';
import { RequestError } from '../client/errors.js';
import type { DuyetConfig } from '../temporal.config.js';
import { checkActor } from './access.js';
import { readableDossier } from './dossier-access.js';
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
 * Takes a decision as the authenticated user: the face checks that the user's roles act on the event at the
 * dossier's stage (403 naming the role that does), then the workflow's validator decides (409 when the stage
 * cannot take it now). Nothing is recorded on a refusal.
 */
export const postDecision: AppRouteHandler<typeof routes.postDecision> = async (c) => {
  const { client, config } = c.var.deps;
  const { user } = c.var.principal;
  const { id } = c.req.valid('param');
  const body = c.req.valid('json');
  c.set('decision', { workflowId: id, event: body.event, onBehalfOf: body.onBehalfOf ?? null });
  const dossier = await readableDossier(client, user, id);
  if (dossier.execution.status === 'running') {
    const view = await status(client, id);
    checkActor(dossier.registered.compiled.definition, view.state, body, user);
  }
  const decided = await decide(client, config, {
    workflowId: id,
    event: body.event,
    as: user.id,
    onBehalfOf: body.onBehalfOf,
    comment: body.comment,
    milestone: body.milestone,
    dueAt: body.due === undefined ? undefined : resolveDue(config, body.due),
    to: body.to,
  });
  return c.json(decided, 200);
};
