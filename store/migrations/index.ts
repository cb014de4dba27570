import { initial } from './001-initial.js';
import { idempotency } from './002-idempotency.js';

/** One step of the schema: applied once, in version order, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first; a new one takes the next number and a file of its own. */
export const migrations: readonly Migration[] = [initial, idempotency];
