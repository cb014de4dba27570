import type { ProcessDefinitionInput } from '../definition.schema.js';
import { delegation } from './delegation.definition.js';
import { programmeV1 } from './programme-v1.definition.js';
import { programmeV2 } from './programme-v2.definition.js';
import { programmeV3 } from './programme-v3.definition.js';
import { programme } from './programme.definition.js';
import { reviewPipeline } from './review-pipeline.definition.js';
import { taskV1 } from './task-v1.definition.js';
import { taskV2 } from './task-v2.definition.js';
import { task } from './task.definition.js';

/** The process definitions duyet ships, by id: the version a new start runs. */
export const definitions: Record<string, ProcessDefinitionInput> = {
  [reviewPipeline.id]: reviewPipeline,
  [delegation.id]: delegation,
  [task.id]: task,
  [programme.id]: programme,
};

/**
 * Every version of a shipped definition that a running workflow may name: the current ones and the earlier
 * versions kept for workflows started on them. To change a definition, give it a new version and keep the old one
 * here (in a file of its own), so workflows started on it go on with the definition they started with.
 */
export const shippedVersions: ProcessDefinitionInput[] = [
  ...Object.values(definitions),
  taskV1,
  taskV2,
  programmeV1,
  programmeV2,
  programmeV3,
];
