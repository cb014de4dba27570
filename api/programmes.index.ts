import * as handlers from './programmes.handlers.js';
import * as routes from './programmes.routes.js';
import { createRouter } from './router.js';

/** The programme routes: the list, the import's preflight and apply, the tracker, an agency's dues. */
export const programmesRouter = createRouter()
  .openapi(routes.list, handlers.list)
  .openapi(routes.preflight, handlers.preflight)
  .openapi(routes.apply, handlers.apply)
  .openapi(routes.tracker, handlers.tracker)
  .openapi(routes.owed, handlers.owed);
