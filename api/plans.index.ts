import * as handlers from './plans.handlers.js';
import * as routes from './plans.routes.js';
import { createRouter } from './router.js';

/** The plan routes: a plan text read into milestones. */
export const plansRouter = createRouter().openapi(routes.importPlan, handlers.importPlan);
