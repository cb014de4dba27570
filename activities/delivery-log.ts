import { recordDelivery, recordedDeliveries, type Queryable } from '../store/index.js';
import type { DeliveryLog } from './notify.activities.js';

/** The delivery log kept in the store's `deliveries` table, shared by every worker on every machine. */
export function storeDeliveryLog(db: Queryable): DeliveryLog {
  return {
    recorded: (keys) => recordedDeliveries(db, keys),
    async record(message) {
      await recordDelivery(db, message);
    },
  };
}
