import type { ProcessDefinition } from '../machines/definition.schema.js';
import { EXTEND, MARK_MILESTONE, REASSIGN } from '../machines/process.js';
import type { User } from '../directory/directory.js';

/** The roles that may read a process's dossiers: every role its definition declares, and its supervisors (pure). */
export function readersOf(definition: ProcessDefinition): string[] {
  return [
    ...new Set([...Object.keys(definition.roles), ...(definition.supervisorRole ? [definition.supervisorRole] : [])]),
  ];
}

/** Whether a user may read a process's dossiers, holding one of its roles or holding it inside a unit (pure). */
export const mayRead = (user: User, definition: ProcessDefinition) =>
  readersOf(definition).some((role) => user.roles.some((held) => held === role || held.startsWith(`${role}@`)));

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
