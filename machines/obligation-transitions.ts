import type { EscalateParams, ProcessAction, TransitionConfig } from './compile.js';
import type { ProcessDefinition } from './definition.schema.js';
import type { ProcessEvent } from './process.types.js';
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
    for (const rung of milestone.escalation) {
      const params: EscalateParams = {
        milestone: milestone.id,
        rung: rung.id,
        offset: rung.offset.workingDays,
        to: rung.to,
        channels: rung.channels,
      };
      deadlines.push({
        guard: { type: 'isOccurrenceRungDue', params },
        ...(rung.outcome ? { target: `.${rung.outcome}` } : {}),
        actions: [
          { type: 'fireOccurrenceRung', params },
          // The effect names the occurrence, so each one's escalation is delivered under a key of its own.
          {
            type: 'escalate',
            params: ({ event }: { event: ProcessEvent }) => ({
              ...params,
              milestone: 'milestone' in event && event.milestone ? event.milestone : milestone.id,
            }),
          },
        ],
      });
    }
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
