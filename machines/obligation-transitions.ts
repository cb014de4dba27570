import type { ProcessAction, TransitionConfig } from './compile.js';
import { rungEdge } from './deadline-rungs.js';
import type { ProcessDefinition } from './definition.schema.js';
import { isRecurring } from './recurrence.js';

/**
 * The deadline edges of recurring milestones: one guarded edge per series and one per rung, taken by any occurrence
 * the deadline event names, so an occurrence is missed and escalated on its own (pure).
 */
export function obligationDeadlines(definition: ProcessDefinition): TransitionConfig[] {
  const deadlines: TransitionConfig[] = [];
  for (const milestone of definition.milestones.filter(isRecurring)) {
    deadlines.push({
      guard: { type: 'isOccurrenceDue', params: { milestone: milestone.id } },
      actions: [{ type: 'missOccurrence', params: { milestone: milestone.id } }],
    });
    for (const rung of milestone.escalation)
      deadlines.push(
        // The effect names the occurrence, so each one's escalation is delivered under a key of its own.
        rungEdge(
          milestone,
          rung,
          { guard: 'isOccurrenceRungDue', fire: 'fireOccurrenceRung' },
          (params) =>
            ({ event }) => ({
              ...params,
              milestone: 'milestone' in event && event.milestone ? event.milestone : milestone.id,
            }),
        ),
      );
  }
  return deadlines;
}

/** The decisions every stage takes for obligations: reports closing one occurrence, and contributions (pure). */
export function obligationTransitions(
  definition: ProcessDefinition,
  record: ProcessAction,
): Record<string, TransitionConfig[]> {
  const on: Record<string, TransitionConfig[]> = {};
  for (const milestone of definition.milestones.filter(isRecurring)) {
    on[milestone.recurs.report.event] = [
      {
        guard: { type: 'isOccurrenceReportable', params: { milestone: milestone.id } },
        actions: [record, { type: 'completeOccurrence', params: { milestone: milestone.id } }],
      },
    ];
  }
  if (definition.contributions)
    on[definition.contributions.event] = [{ actions: [record, { type: 'recordContribution' }] }];
  return on;
}
