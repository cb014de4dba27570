import { holidaysIn, readDate, workingDaysFrom } from '../client/calendar.js';
import type * as routes from './calendar.routes.js';
import type { AppRouteHandler } from './types.js';

/** The days off of a year, from the holiday folder the config names. */
export const getHolidays: AppRouteHandler<typeof routes.getHolidays> = (c) => {
  const { year } = c.req.valid('param');
  return c.json({ year, days: holidaysIn(c.var.deps.config.calendarDir, year) }, 200);
};

/** Adds working days to a date, with the days skipped and why. */
export const postWorkingDays: AppRouteHandler<typeof routes.postWorkingDays> = (c) => {
  const body = c.req.valid('json');
  const from = readDate(body.from);
  return c.json({ from, days: body.days, ...workingDaysFrom(c.var.deps.config.calendarDir, from, body.days) }, 200);
};
