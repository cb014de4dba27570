import * as conclusions from './programmes.conclusions.handlers.js';
import * as conclusionRoutes from './programmes.conclusions.routes.js';
import * as handlers from './programmes.handlers.js';
import * as routes from './programmes.routes.js';
import { createRouter } from './router.js';

/** The programme routes: the list, the import's preflight and apply (of a table, of a notice of conclusions), the tracker, an agency's dues. */
export const programmesRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.preflight, handlers.preflight)
  .openapi(routes.apply, handlers.apply)
  .openapi(conclusionRoutes.preflight, conclusions.preflight)
  .openapi(conclusionRoutes.apply, conclusions.apply)
  .openapi(routes.tracker, handlers.tracker)
  .openapi(routes.owed, handlers.owed);
