import * as handlers from './delegations.handlers.js';
import * as records from './delegations.records.handlers.js';
import * as recordRoutes from './delegations.records.routes.js';
import * as routes from './delegations.routes.js';
import { createRouter } from './router.js';

/** The delegation routes: the check, the start, the year's plan and the ledger of trips. */
export const delegationsRouter = createRouter()
  .openapi(routes.checkDelegation, handlers.checkDelegation)
  .openapi(routes.startDelegation, handlers.startDelegation)
  .openapi(recordRoutes.listRuleSets, records.listRuleSets)
  .openapi(recordRoutes.getPlan, records.getPlan)
  .openapi(recordRoutes.startPlan, records.startPlan)
  .openapi(recordRoutes.adjustPlan, records.adjustPlan)
  .openapi(recordRoutes.getLedger, records.getLedger)
  .openapi(recordRoutes.getPersonLedger, records.getPersonLedger);
