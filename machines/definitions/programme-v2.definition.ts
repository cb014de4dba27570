import type { ProcessDefinitionInput } from '../definition.schema.js';
import { programmeV3 } from './programme-v3.definition.js';

/**
 * Version 2 of the programme, kept for the workflows started on it: version 3 (see there) but for its running
 * stage, which took no ADD_TASKS (tasks added later did not join it).
 */
export const programmeV2 = {
  ...programmeV3,
  version: 2,
  stages: { running: { ...programmeV3.stages.running, on: { CLOSE: 'closed' } } },
} satisfies ProcessDefinitionInput;
