import type { ProcessDefinition, Stage } from './definition.schema.js';
import type { Decision } from './decision.js';
import type { DecisionEvent, ProcessContext } from './process.types.js';
import { occurrenceToReport, reportEvents } from './recurrence.js';
import type { Result } from './start-context.js';
import { awaitedRole, contributorRoles, notifiedRoles } from './units.js';

/** The decisions a definition takes at every stage for its obligations: report events and contributions (pure). */
export function obligationEvents(def: ProcessDefinition): string[] {
  return [...reportEvents(def).keys(), ...(def.contributions ? [def.contributions.event] : [])];
}

/**
 * Who may take an event at a stage, for the events obligations and units add: a report (its role, inside the lead's
 * unit when a stage awaits that role there), a contribution (the role inside a coordinating unit), or a stage's own
 * decision (the stage's role, inside its unit); undefined for the events the process itself resolves (pure).
 */
export function actingRoles(
  def: ProcessDefinition,
  stage: Stage,
  event: string,
  facts: Record<string, unknown>,
): { role: string; accepted: string[] } | undefined {
  const report = reportEvents(def).get(event);
  if (report) return { role: report.role, accepted: notifiedRoles(def, report.role, facts) };
  if (def.contributions?.event === event)
    return { role: def.contributions.role, accepted: contributorRoles(def, facts) };
  if (stage.on[event] && stage.unit !== undefined) {
    const role = awaitedRole(stage, facts);
    return { role, accepted: [role] };
  }
  return undefined;
}

/**
 * The event for a report, a contribution or a decision that moves a milestone, with the fields it needs, or the
 * refusal naming what is missing; undefined for any other decision (pure).
 */
export function obligationEventFor<D extends string>(
  def: ProcessDefinition,
  stage: Stage,
  context: ProcessContext,
  decision: Decision,
  person: Omit<DecisionEvent, 'type'>,
): Result<DecisionEvent<D>> | undefined {
  const type = decision.type as D;
  const report = reportEvents(def).get(decision.type);
  if (report) {
    const occurrence = occurrenceToReport(context.milestones, report.series, decision.type, decision.milestone);
    if (!occurrence.success) return occurrence;
    return { success: true, data: { ...person, type, milestone: occurrence.data } };
  }
  if (def.contributions?.event === decision.type) {
    const mine = contributorRoles(def, context.facts).find((r) => decision.roles.includes(r));
    return { success: true, data: { ...person, type, unit: mine?.split('@')[1] ?? '' } };
  }
  const branches = stage.on[decision.type];
  const appends = branches && !('revise' in branches) ? branches.find((b) => b.appends)?.appends : undefined;
  if (appends !== undefined) {
    if (!decision.entries?.length)
      return { success: false, error: `${decision.type} adds to "${appends}": give the entries to add (entries)` };
    return { success: true, data: { ...person, type, entries: decision.entries } };
  }
  const sets = branches && !('revise' in branches) ? branches.find((b) => b.sets)?.sets : undefined;
  if (decision.facts !== undefined && sets === undefined)
    return { success: false, error: `${decision.type} changes no facts here: send it without facts` };
  const moves = branches && !('revise' in branches) ? branches.find((b) => b.moves)?.moves : undefined;
  if (sets !== undefined) {
    const stray = Object.keys(decision.facts ?? {}).filter((fact) => !sets.includes(fact));
    if (stray.length > 0)
      return {
        success: false,
        error: `${decision.type} may change only ${sets.join(', ')}; got ${stray.join(', ')}`,
      };
    if (!decision.facts && !decision.dueAt)
      return {
        success: false,
        error: `${decision.type} changes the task: give ${moves ? `the new due instant of "${moves}" (dueAt), ` : ''}new values for ${sets.join(', ')} (facts)${moves ? ', or both' : ''}`,
      };
    if (decision.dueAt && !moves)
      return { success: false, error: `${decision.type} moves no milestone here: send it without dueAt` };
    if (decision.dueAt && Date.parse(decision.dueAt) <= Date.parse(person.at))
      return { success: false, error: `${decision.type} needs a due instant in the future, got ${decision.dueAt}` };
    return {
      success: true,
      data: {
        ...person,
        type,
        ...(decision.dueAt ? { dueAt: decision.dueAt } : {}),
        ...(decision.facts ? { facts: decision.facts } : {}),
      },
    };
  }
  if (moves === undefined) return undefined;
  if (!decision.dueAt)
    return { success: false, error: `${decision.type} moves milestone "${moves}": give its new due instant (dueAt)` };
  if (Date.parse(decision.dueAt) <= Date.parse(person.at))
    return { success: false, error: `${decision.type} needs a due instant in the future, got ${decision.dueAt}` };
  return { success: true, data: { ...person, type, dueAt: decision.dueAt } };
}
