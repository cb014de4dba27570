import type { ProcessSnapshot } from './compile.js';
import type { ProcessDefinition, Stage } from './definition.schema.js';
import { parseDecision, type Decision } from './decision.js';
import { actingRoles, obligationEventFor, obligationEvents } from './obligation-events.js';
import { awaitedRole } from './units.js';
import { EXTEND, MARK_MILESTONE, REASSIGN, type PersonEvent } from './process.types.js';
import type { Result } from './start-context.js';

/**
 * What `check` makes of a decision: the event to feed the machine, or why not; `forbidden` when the actor's roles
 * do not act on that event at this stage (the message names the role that does), else the stage cannot take it now.
 */
export type CheckResult<T> = { success: true; data: T } | { success: false; error: string; forbidden?: true };

/** Who acts on an event at a stage: the role, the roles that record for it, and the roles it accepts (pure). */
function roleFor(
  definition: ProcessDefinition,
  stage: Stage,
  event: string,
  facts: Record<string, unknown>,
): { role: string; recordedBy: string[]; accepted?: string[] } {
  const acting = actingRoles(definition, stage, event, facts);
  if (acting) return { ...acting, recordedBy: stage.on[event] ? stage.recordedBy : [] };
  const anytime = definition.anytime[event];
  if (anytime) return { role: anytime.role, recordedBy: [] };
  if (event === MARK_MILESTONE && definition.milestoneRole) return { role: definition.milestoneRole, recordedBy: [] };
  if ((event === EXTEND || event === REASSIGN) && definition.supervisorRole) {
    return { role: definition.supervisorRole, recordedBy: [] };
  }
  return { role: stage.role, recordedBy: stage.recordedBy };
}

/**
 * The event for a decision whose role was checked, built from the fields its type needs, or the refusal naming the
 * field that is missing or wrong for the current state (pure).
 */
function eventFor<D extends string>(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  stage: Stage,
  decision: Decision,
  at: string,
): Result<PersonEvent<D>> {
  const state = snapshot.value as string;
  const refuse = (error: string) => ({ success: false as const, error });
  const person = {
    at,
    actor: decision.actor,
    onBehalfOf: decision.onBehalfOf ?? null,
    comment: decision.comment ?? null,
    ...(decision.files && decision.files.length > 0 ? { files: [...new Set(decision.files)] } : {}),
  };
  const milestones = snapshot.context.milestones;
  const obligation = obligationEventFor<D>(definition, stage, snapshot.context, decision, person);
  if (obligation) return obligation;
  switch (decision.type) {
    case MARK_MILESTONE: {
      const milestone = milestones.find((m) => m.id === decision.milestone);
      if (!milestone || milestone.stage !== null || milestone.status === 'met') {
        const open = milestones.filter((m) => m.stage === null && m.status !== 'met').map((m) => m.id);
        return refuse(
          `${MARK_MILESTONE} needs the id of an open milestone beside the main line; expected one of: ${open.join(', ') || 'none'}`,
        );
      }
      return { success: true, data: { type: MARK_MILESTONE, ...person, milestone: milestone.id } };
    }
    case EXTEND: {
      const open = milestones.filter((m) => m.completedAt === null).map((m) => m.id);
      const { milestone, dueAt } = decision;
      if (!milestone || !open.includes(milestone))
        return refuse(`${EXTEND} needs the id of an open milestone; expected one of: ${open.join(', ') || 'none'}`);
      if (!dueAt) return refuse(`${EXTEND} needs the new due instant (dueAt)`);
      if (Date.parse(dueAt) <= Date.parse(at))
        return refuse(`${EXTEND} needs a due instant in the future, got ${dueAt}`);
      const comment = decision.comment ?? `due ${dueAt}`;
      return { success: true, data: { type: EXTEND, ...person, comment, milestone, dueAt } };
    }
    case REASSIGN: {
      const { assignee } = decision;
      if (!assignee) return refuse(`${REASSIGN} needs the user to reassign the stage to`);
      // At a stage that awaits a unit, the assignee must hold the role inside that unit (its focal point), not anywhere.
      const needed = awaitedRole(stage, snapshot.context.facts);
      if (!assignee.roles.includes(needed)) {
        const inside =
          needed === stage.role ? '' : ` (a member of unit "${needed.split('@')[1]}" with role "${stage.role}")`;
        return refuse(
          `user "${assignee.id}" cannot be awaited at stage "${state}": it needs role "${needed}"${inside}, they have ${assignee.roles.join(', ') || 'none'}`,
        );
      }
      return { success: true, data: { type: REASSIGN, ...person, assignee: assignee.id } };
    }
    default:
      // check() found the name among the definition's decisions.
      return { success: true, data: { type: decision.type as D, ...person } };
  }
}

/** The refusal of a decision whose actor's roles do not act on it at the stage, or null when they do (pure). */
function refusalOfRoles(
  definition: ProcessDefinition,
  snapshot: ProcessSnapshot,
  stage: Stage,
  decision: Decision,
): CheckResult<never> | null {
  const state = snapshot.value as string;
  const { role, recordedBy, accepted = [role] } = roleFor(definition, stage, decision.type, snapshot.context.facts);
  const holds = accepted.some((r) => decision.roles.includes(r));
  const records = recordedBy.some((r) => decision.roles.includes(r));
  const forbid = (error: string) => ({ success: false as const, forbidden: true as const, error });
  if (!holds && !records) {
    const also = recordedBy.length > 0 ? ` (or a ${recordedBy.join('/')} user recording it on behalf of ${role})` : '';
    return forbid(
      `user "${decision.actor}" (roles: ${decision.roles.join(', ') || 'none'}) cannot take "${decision.type}" at stage "${state}": it belongs to role "${role}"${also}`,
    );
  }
  if (!holds && decision.onBehalfOf !== role) {
    return forbid(
      `user "${decision.actor}" records decisions at stage "${state}" only on behalf of "${role}"; pass onBehalfOf "${role}"`,
    );
  }
  if (decision.onBehalfOf != null && decision.onBehalfOf !== role && !accepted.includes(decision.onBehalfOf)) {
    return forbid(
      `user "${decision.actor}" cannot take "${decision.type}" at stage "${state}" on behalf of "${decision.onBehalfOf}": it belongs to role "${role}"; send onBehalfOf "${role}" or none`,
    );
  }
  return null;
}

/**
 * The decision checks of a definition: which decisions a state allows, and `check`, which turns a decision into the
 * event to feed the machine or refuses it with the reason (pure).
 */
export function decisionChecks<D extends string>(definition: ProcessDefinition) {
  const everywhere = [
    ...Object.keys(definition.anytime),
    ...(definition.milestoneRole ? [MARK_MILESTONE] : []),
    ...(definition.supervisorRole ? [EXTEND, REASSIGN] : []),
    ...obligationEvents(definition),
  ];
  const allEvents = [
    ...new Set([...Object.values(definition.stages).flatMap((s) => Object.keys(s.on)), ...everywhere]),
  ];

  function allowedAt(snapshot: ProcessSnapshot): string[] {
    const stage = definition.stages[snapshot.value as string];
    if (!stage || snapshot.status !== 'active') return [];
    return [...Object.keys(stage.on), ...everywhere];
  }

  function check(snapshot: ProcessSnapshot, raw: unknown, at: string): CheckResult<PersonEvent<D>> {
    const parsed = parseDecision(raw);
    if (!parsed.success) return parsed;
    const decision = parsed.data;
    const state = snapshot.value as string;
    if (!allEvents.includes(decision.type)) {
      return {
        success: false,
        error: `unknown event "${decision.type}" for ${definition.id}; expected one of: ${allEvents.join(', ')}`,
      };
    }
    const stage = definition.stages[state];
    if (snapshot.status !== 'active' || !stage) {
      return { success: false, error: `the process has ended in "${state}"; it takes no more decisions` };
    }
    const allowed = allowedAt(snapshot);
    if (!allowed.includes(decision.type)) {
      return {
        success: false,
        error: `"${decision.type}" cannot be taken at stage "${state}"; expected one of: ${allowed.join(', ')}`,
      };
    }
    const refused = refusalOfRoles(definition, snapshot, stage, decision);
    if (refused) return refused;
    const checked = eventFor<D>(definition, snapshot, stage, decision, at);
    if (!checked.success) return checked;
    const event = checked.data;
    if (!snapshot.can(event)) {
      return { success: false, error: `"${decision.type}" is not possible at stage "${state}" now` };
    }
    return { success: true, data: event };
  }

  return { allowedAt, check };
}
