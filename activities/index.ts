import { createNotifyActivities, type NotifyDeps } from './notify.activities.js';

export type { Delivery, DeliveryStore, Notification, NotifyDeps } from './notify.activities.js';
export { fileDeliveryStore, SIGNATURE_HEADER, signWebhook, verifyWebhook } from './notify.activities.js';

/** Dependencies the activities need; the worker passes real ones, unit tests pass fakes. */
export type ActivityDeps = NotifyDeps;

/** Every activity the process workflow may call, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return { ...createNotifyActivities(deps) };
}
