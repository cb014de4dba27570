import { RequestError } from '../client/errors.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import { EXTEND, MARK_MILESTONE, REASSIGN } from '../machines/process.js';
import type { User } from '../directory/directory.js';

/** The roles that may read a process's dossiers: every role its definition declares, and its supervisors (pure). */
export function readersOf(definition: ProcessDefinition): string[] {
  return [
    ...new Set([...Object.keys(definition.roles), ...(definition.supervisorRole ? [definition.supervisorRole] : [])]),
  ];
}

/** Whether a user may read a process's dossiers (pure). */
export const mayRead = (user: User, definition: ProcessDefinition) =>
  readersOf(definition).some((role) => user.roles.includes(role));

/** Who acts on an event at a state: the role, and the roles that may record it on that role's behalf (pure). */
export function actorsOf(
  definition: ProcessDefinition,
  state: string,
  event: string,
): { role: string; recordedBy: string[] } | undefined {
  const stage = definition.stages[state];
  if (!stage) return undefined;
  if (definition.anytime[event]) return { role: definition.anytime[event].role, recordedBy: [] };
  if (event === MARK_MILESTONE && definition.milestoneRole) return { role: definition.milestoneRole, recordedBy: [] };
  if ((event === EXTEND || event === REASSIGN) && definition.supervisorRole)
    return { role: definition.supervisorRole, recordedBy: [] };
  if (stage.on[event] === undefined) return undefined;
  return { role: stage.role, recordedBy: stage.recordedBy };
}

/**
 * The face's half of an authorization: refuses (403, naming the role that acts) a user whose roles neither act on
 * the event at this stage nor record it on that role's behalf, or who records without saying on whose behalf. An
 * event the stage does not take is left to the workflow, which refuses it as a conflict (pure).
 */
export function checkActor(
  definition: ProcessDefinition,
  state: string,
  request: { event: string; onBehalfOf?: string | undefined },
  user: User,
): void {
  const actors = actorsOf(definition, state, request.event);
  if (!actors) return;
  const holds = user.roles.includes(actors.role);
  const records = actors.recordedBy.some((r) => user.roles.includes(r));
  const roles = user.roles.join(', ') || 'none';
  if (!holds && !records) {
    const also =
      actors.recordedBy.length > 0 ? ` (or a ${actors.recordedBy.join('/')} user recording it on its behalf)` : '';
    throw new RequestError(
      `user "${user.id}" (roles: ${roles}) cannot take "${request.event}" at stage "${state}": it belongs to role "${actors.role}"${also}`,
      { kind: 'forbidden' },
    );
  }
  if (!holds && request.onBehalfOf !== actors.role)
    throw new RequestError(
      `user "${user.id}" (roles: ${roles}) records "${request.event}" at stage "${state}" only on behalf of "${actors.role}"; send "onBehalfOf": "${actors.role}"`,
      { kind: 'forbidden' },
    );
}

/** Refuses a start by a user who does not hold the role of the process's first stage (pure). */
export function checkStarter(definition: ProcessDefinition, user: User): void {
  const role = definition.stages[definition.initial]?.role;
  if (role && !user.roles.includes(role))
    throw new RequestError(
      `user "${user.id}" (roles: ${user.roles.join(', ') || 'none'}) cannot start "${definition.id}": its first stage belongs to role "${role}"`,
      { kind: 'forbidden' },
    );
}
