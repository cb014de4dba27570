import { holdsAny } from '../client/delegation-roles.js';
import { RequestError } from '../client/errors.js';
import type { User } from '../directory/directory.js';

export { delegationRoles, ledgerReaders, PLAN_ROLE, proposerRole } from '../client/delegation-roles.js';

/** Refuses (403) a user who holds none of the roles, saying which roles may and what for (pure). */
export function requireRole(user: User, roles: readonly string[], what: string): void {
  if (holdsAny(user.roles, roles)) return;
  throw new RequestError(
    `user "${user.id}" (roles: ${user.roles.join(', ') || 'none'}) cannot ${what}; expected one of the roles: ${roles.join(', ')}`,
    { kind: 'forbidden' },
  );
}
