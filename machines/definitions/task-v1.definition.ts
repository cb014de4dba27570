import type { ProcessDefinitionInput } from '../definition.schema.js';
import { taskV2 } from './task-v2.definition.js';

/**
 * Version 1 of the task, kept for the workflows started on it: version 2 (see there) but for its revision, where a
 * returned product stayed met (no `reopens`).
 */
export const taskV1 = {
  ...taskV2,
  version: 1,
  revision: { stage: 'working', resubmit: 'SUBMIT', firstDraft: 1 },
} satisfies ProcessDefinitionInput;
