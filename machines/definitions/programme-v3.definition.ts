import type { ProcessDefinitionInput } from '../definition.schema.js';
import { programme } from './programme.definition.js';

/**
 * Version 3 of the programme, kept for the workflows started on it: version 4 (see there) without the monthly
 * report. Its hash is pinned in test/machines/shipped.test.ts, so a change to version 4 that would alter it fails there.
 */
export const programmeV3 = {
  ...programme,
  version: 3,
  milestones: programme.milestones.filter((m) => m.id !== 'monthlyReview'),
} satisfies ProcessDefinitionInput;
