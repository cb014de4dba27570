import type { ProcessDefinitionInput } from '../definition.schema.js';
import { taskV2 } from './task-v2.definition.js';

/**
 * A task a leader assigns to an agency (a conclusion's item, a programme's row; DOMAIN.md §2–3): version 2 (see there),
 * with this change. Version 3: the authority that approves a change may give the task a new due date, new content,
 * product or time as written, or several of them (the lead asked for them in its request); the history keeps each
 * one before and after.
 */
export const task = {
  ...taskV2,
  version: 3,
  stages: {
    ...taskV2.stages,
    changeReview: {
      ...taskV2.stages.changeReview,
      on: {
        APPROVE_CHANGE: { to: 'working', moves: 'product', sets: ['content', 'product', 'time'] },
        REFUSE_CHANGE: 'working',
      },
    },
  },
} satisfies ProcessDefinitionInput;
