import type { TransitionConfig } from './compile.types.js';
import type { ProcessDefinition } from './definition.schema.js';
import { rungEdge } from './deadline-rungs.js';
import { obligationDeadlines } from './obligation-transitions.js';

/**
 * The edges of `DEADLINE_REACHED`, which the workflow feeds when an instant in context passes: one guarded edge per
 * milestone and one per rung of its escalation ladder, after those of recurring milestones (pure).
 */
export function deadlineEdges(definition: ProcessDefinition): TransitionConfig[] {
  const deadlines: TransitionConfig[] = obligationDeadlines(definition);
  for (const milestone of definition.milestones.filter((m) => !m.recurs)) {
    deadlines.push({
      guard: { type: 'isMilestoneDue', params: { milestone: milestone.id } },
      actions: [{ type: 'missMilestone', params: { milestone: milestone.id } }],
    });
    for (const rung of milestone.escalation)
      deadlines.push(rungEdge(milestone, rung, { guard: 'isRungDue', fire: 'fireRung' }));
  }
  return deadlines;
}
