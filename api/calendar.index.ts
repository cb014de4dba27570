import * as handlers from './calendar.handlers.js';
import * as routes from './calendar.routes.js';
import { createRouter } from './router.js';

/** The calendar routes: the days off of a year and working-day arithmetic. */
export const calendarRouter = createRouter()
  .openapi(routes.getHolidays, handlers.getHolidays)
  .openapi(routes.postWorkingDays, handlers.postWorkingDays);
