import { z } from 'zod';
import { ProcessDefinition, type ProcessDefinitionInput } from './definition.schema.js';
import { compileProcess, type DecisionsOf, type Process } from './process.js';

/**
 * Validates a definition fully against its schema and compiles it, as the faces do before anything starts; throws
 * with the schema's issues when the definition is invalid.
 */
export function createProcess<T extends ProcessDefinitionInput | ProcessDefinition>(input: T): Process<DecisionsOf<T>> {
  const parsed = ProcessDefinition.safeParse(input);
  if (!parsed.success) throw new Error(`invalid process definition:\n${z.prettifyError(parsed.error)}`);
  return compileProcess(parsed.data) as Process<DecisionsOf<T>>;
}
