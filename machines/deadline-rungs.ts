import type { EscalateParams, OccurrenceEscalation, TransitionConfig } from './compile.types.js';
import type { Milestone, Rung } from './definition.schema.js';

/** How a rung's edge is named: a one-off milestone's, or the occurrences' of a recurring one. */
type RungNames =
  { guard: 'isRungDue'; fire: 'fireRung' } | { guard: 'isOccurrenceRungDue'; fire: 'fireOccurrenceRung' };

/**
 * The deadline edge of one rung of a milestone's ladder (pure): guarded by `names.guard` with the rung's params, it
 * fires the rung, ends in the rung's outcome when it has one, and escalates with the params, or with those
 * `occurrence` reads from the deadline event (a recurring milestone's, which names the occurrence).
 */
export function rungEdge(
  milestone: Milestone,
  rung: Rung,
  names: RungNames,
  occurrence?: (params: EscalateParams) => OccurrenceEscalation['params'],
): TransitionConfig {
  const params: EscalateParams = {
    milestone: milestone.id,
    rung: rung.id,
    offset: rung.offset.workingDays,
    to: rung.to,
    channels: rung.channels,
  };
  return {
    guard: { type: names.guard, params },
    ...(rung.outcome ? { target: `.${rung.outcome}` } : {}),
    actions: [
      { type: names.fire, params },
      occurrence ? { type: 'escalate', params: occurrence(params) } : { type: 'escalate', params },
    ],
  };
}
