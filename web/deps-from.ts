import { loadCalendarTable } from '../client/calendar-tables.js';
import { loadUnits, type User } from '../directory/directory.js';
import type { Unit } from '../directory/units.js';
import type { DuyetConfig } from '../temporal.config.js';
import type { WebDeps } from './deps.js';

/**
 * The pages' dependencies from the configuration, over the app they are mounted in: `api` is that app's own fetch,
 * so every page reads and decides through the API with the browser's session (`app.route('/', webApp(...))`).
 */
export function webDepsFrom(
  config: DuyetConfig,
  directory: () => readonly User[],
  api: (request: Request) => Promise<Response>,
): WebDeps {
  let units: Unit[] | undefined;
  return {
    api,
    units: () => (units ??= loadUnits(config.unitsFile)),
    calendar: (years) => loadCalendarTable(config.calendarDir, years),
    oidc: config.auth.oidc !== undefined,
    directory,
    now: () => new Date(),
  };
}
