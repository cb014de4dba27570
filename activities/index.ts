import { createNotifyActivities, type Notifier } from './notify.activities.js';

export type { Notification, Notifier } from './notify.activities.js';
export { logNotifier } from './notify.activities.js';

/** Dependencies the activities need; the worker passes real ones, unit tests pass fakes. */
export interface ActivityDeps {
  notifier: Notifier;
}

/** Every activity the process workflow may call, bound to their dependencies. */
export function createActivities(deps: ActivityDeps) {
  return { ...createNotifyActivities(deps) };
}
