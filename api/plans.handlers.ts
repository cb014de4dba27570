import { importPlanText } from '../client/calendar.js';
import { checkSize } from '../client/limits.js';
import type * as routes from './plans.routes.js';
import type { AppRouteHandler } from './types.js';

/** Reads a plan text's milestones with their due instants. */
export const importPlan: AppRouteHandler<typeof routes.importPlan> = (c) => {
  const { text } = c.req.valid('json');
  checkSize('planText', text, 'the plan text');
  return c.json({ milestones: importPlanText(c.var.deps.config.calendarDir, text) }, 200);
};
