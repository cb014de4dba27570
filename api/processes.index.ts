import * as handlers from './processes.handlers.js';
import * as routes from './processes.routes.js';
import { createRouter } from './router.js';

/** The process routes: the shipped definitions, their start schemas and diagrams. */
export const processesRouter = createRouter()
  .openapi(routes.listProcesses, handlers.listProcesses)
  .openapi(routes.getProcess, handlers.getProcess);
