import type { ProcessDefinition } from '../machines/definition.schema.js';
import { evaluateCondition } from '../machines/conditions.js';

/** What the worker is asked to do for one decision step: the step, and the dossier it is done for. */
export interface DecisionStepRequest {
  step: ProcessDefinition['decisionSteps'][number]['step'];
  workflowId: string;
  facts: Record<string, unknown>;
  milestones: Array<{ id: string; dueAt: string | null }>;
  /** The instant of the decision on the workflow's clock (a report is filed on its day). */
  at: string;
}

/** The step the definition declares for a decision at a stage, given the facts, or null when there is none (pure). */
export function decisionStepOf(
  definition: ProcessDefinition,
  stage: string,
  event: string,
  facts: Record<string, unknown>,
): DecisionStepRequest['step'] | null {
  const step = definition.decisionSteps.find(
    (s) => s.on === event && s.at.includes(stage) && (!s.when || evaluateCondition(s.when, facts)),
  );
  return step?.step ?? null;
}

/** The step that undoes one, when a decision that passed it cannot take effect after all. */
export const undoOf: Partial<Record<DecisionStepRequest['step'], DecisionStepRequest['step']>> = {
  reserveTrips: 'releaseTrips',
};
