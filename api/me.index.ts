import { createRouter } from './router.js';
import * as handlers from './me.handlers.js';
import * as routes from './me.routes.js';

/** The identity routes. */
export const meRouter = createRouter().openapi(routes.getMe, handlers.me);
