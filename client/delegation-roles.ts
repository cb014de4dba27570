import { processById } from './processes.js';

/** The process of an outbound or inbound delegation's approval. */
export const DELEGATION = 'delegation';

/** The role that coordinates the year's plan of delegations (Sở Ngoại vụ, DOMAIN.md §4), so starts and adjusts it. */
export const PLAN_ROLE = 'foreign-affairs';

const definition = () => processById(DELEGATION).compiled.definition;

/** The role of the delegation's first stage: the organising unit that proposes and starts a delegation (pure but for the registry). */
export const proposerRole = (): string => definition().stages[definition().initial]!.role;

/** Every role that acts in a delegation approval, and its supervisor: who may check a proposal and read the plan (pure but for the registry). */
export function delegationRoles(): string[] {
  const { roles, supervisorRole } = definition();
  return [...new Set([...Object.keys(roles), ...(supervisorRole ? [supervisorRole] : [])])];
}

/**
 * Who may read the ledger of trips: every delegation role but the organising units, since the ledger lists every
 * unit's travellers; a unit learns what concerns its own people from a check of its proposal (pure but for the registry).
 */
export const ledgerReaders = (): string[] => delegationRoles().filter((role) => role !== proposerRole());

/** Whether a user holding these roles holds one of the given roles (pure). */
export const holdsAny = (held: readonly string[], roles: readonly string[]): boolean =>
  roles.some((role) => held.includes(role));
