import type { ProcessDefinitionInput } from '../definition.schema.js';
import { delegation } from './delegation.definition.js';
import { reviewPipeline } from './review-pipeline.definition.js';
import { task } from './task.definition.js';

/** The process definitions duyet ships, by id. */
export const definitions: Record<string, ProcessDefinitionInput> = {
  [reviewPipeline.id]: reviewPipeline,
  [delegation.id]: delegation,
  [task.id]: task,
};
