import type { ProcessDefinitionInput } from '../definition.schema.js';
import { programmeV2 } from './programme-v2.definition.js';

/**
 * Version 1 of the programme, kept for the workflows started on it: version 2 (see there) whose only report on the
 * whole was yearly (no half-yearly or quarterly one).
 */
export const programmeV1 = {
  ...programmeV2,
  version: 1,
  milestones: programmeV2.milestones.filter((m) => m.id !== 'halfYearlyReview' && m.id !== 'quarterlyReview'),
} satisfies ProcessDefinitionInput;
