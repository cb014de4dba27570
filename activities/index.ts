import { createLedgerActivities, type LedgerDeps } from './ledger.activities.js';
import { createNotifyActivities, type NotifyDeps } from './notify.activities.js';

export type { AcceptedMessage, Delivery, DeliveryLog, Notification, NotifyDeps } from './notify.activities.js';
export { storeDeliveryLog } from './delivery-log.js';
/** Records an activity heartbeat in the running attempt (Temporal's), what the worker gives `notify`. */
export { heartbeat } from '@temporalio/activity';
export { messageIdOf, SIGNATURE_HEADER, signWebhook, verifyWebhook } from './notify.activities.js';

export type { LedgerDeps } from './ledger.activities.js';

/** Dependencies the activities need; the worker passes real ones, tests pass their own receivers and store. */
export type ActivityDeps = NotifyDeps & { ledger: LedgerDeps };

/** Every activity the process workflow may call, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return { ...createNotifyActivities(deps), ...createLedgerActivities(deps.ledger) };
}
