import { RequestError } from '../client/errors.js';
import { processById } from '../client/processes.js';
import type { User } from '../directory/directory.js';
import { readersOf } from './access.js';

/** The process the delegation routes serve. */
const DELEGATION = 'delegation';

/** The role that coordinates the year's plan of delegations (Sở Ngoại vụ, DOMAIN.md §4), so starts and adjusts it. */
export const PLAN_ROLE = 'foreign-affairs';

const definition = () => processById(DELEGATION).compiled.definition;

/** The role of the delegation's first stage: the organising unit that proposes and starts a delegation (pure but for the registry). */
export const proposerRole = (): string => definition().stages[definition().initial]!.role;

/** Every role that acts in a delegation approval, and its supervisor: who may check a proposal and read the plan. */
export const delegationRoles = (): string[] => readersOf(definition());

/**
 * Who may read the ledger of trips: every delegation role but the organising units, since the ledger lists every
 * unit's travellers; a unit learns what concerns its own people from a check of its proposal.
 */
export const ledgerReaders = (): string[] => delegationRoles().filter((role) => role !== proposerRole());

/** Refuses (403) a user who holds none of the roles, saying which roles may and what for (pure). */
export function requireRole(user: User, roles: readonly string[], what: string): void {
  if (roles.some((role) => user.roles.includes(role))) return;
  throw new RequestError(
    `user "${user.id}" (roles: ${user.roles.join(', ') || 'none'}) cannot ${what}; expected one of the roles: ${roles.join(', ')}`,
    { kind: 'forbidden' },
  );
}
