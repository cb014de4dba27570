import * as handlers from './files.handlers.js';
import * as routes from './files.routes.js';
import { createRouter } from './router.js';

/** The file routes of a dossier: upload, list and download. */
export const filesRouter = createRouter()
  .openapi(routes.uploadFile, handlers.uploadFile)
  .openapi(routes.listFiles, handlers.listFiles)
  .openapi(routes.downloadFile, handlers.downloadFile);
