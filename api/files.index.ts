import * as batch from './files.batch.handlers.js';
import * as handlers from './files.handlers.js';
import * as routes from './files.routes.js';
import { createRouter } from './router.js';

/** The file routes of a dossier: upload (one, or several all or none), list and download. */
export const filesRouter = createRouter()
  .openapi(routes.uploadFile, handlers.uploadFile)
  .openapi(routes.uploadFiles, batch.uploadFiles)
  .openapi(routes.listFiles, handlers.listFiles)
  .openapi(routes.downloadFile, handlers.downloadFile);
