import * as decisions from './decisions.handlers.js';
import * as handlers from './dossiers.handlers.js';
import * as routes from './dossiers.routes.js';
import { createRouter } from './router.js';

/** The dossier routes: list, start, status and decisions. */
export const dossiersRouter = createRouter()
  .openapi(routes.listDossiers, handlers.listDossiers)
  .openapi(routes.startDossier, handlers.startDossier)
  .openapi(routes.getDossier, handlers.getDossier)
  .openapi(routes.postDecision, decisions.postDecision);
