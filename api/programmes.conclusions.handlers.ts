import { loadCalendarTable } from '../client/calendar-tables.js';
import { correctConclusions } from '../client/conclusions-corrections.js';
import { planOfConclusions, readConclusions, sortConclusions } from '../client/conclusions-plan.js';
import { applyProgramme } from '../client/programme-apply.js';
import { loadUnits } from '../directory/directory.js';
import type { DuyetConfig } from '../temporal.config.js';
import { requireSecretariat } from './programmes.handlers.js';
import type * as routes from './programmes.conclusions.routes.js';
import type { AppRouteHandler } from './types.js';

/**
 * The items of a notice, read against the configured units and calendar, with the corrections judged against that
 * fresh reading (nothing the caller read before is trusted beyond the corrected fields).
 */
function itemsOf(config: DuyetConfig, text: string, corrections: unknown[] | undefined) {
  const units = loadUnits(config.unitsFile);
  const fresh = readConclusions(text, units, (years) => loadCalendarTable(config.calendarDir, years));
  return corrections === undefined ? { items: fresh, corrections: [] } : correctConclusions(fresh, corrections, units);
}

/** Reads a notice and answers with its items, the ones that would start and the others with why. */
export const preflight: AppRouteHandler<typeof routes.preflight> = async (c) => {
  requireSecretariat(c.var.principal.user);
  const body = c.req.valid('json');
  const { items, corrections } = itemsOf(c.var.deps.config, body.text, body.corrections);
  const { tasks, skipped } = sortConclusions('preflight', items);
  return c.json(
    { items: items as never[], starts: tasks.map((t) => t.number), skipped, corrections: corrections as never[] },
    200,
  );
};

/** Starts the tasks of a notice, as corrected; a notice with nothing to start starts nothing (422). */
export const apply: AppRouteHandler<typeof routes.apply> = async (c) => {
  requireSecretariat(c.var.principal.user);
  const { client, config } = c.var.deps;
  const body = c.req.valid('json');
  const { items } = itemsOf(config, body.text, body.corrections);
  const { plan, skipped } = planOfConclusions(body.id, body.title ?? `Thông báo kết luận ${body.id}`, items);
  return c.json({ ...(await applyProgramme(client, config, plan)), skipped } as never, 201);
};
