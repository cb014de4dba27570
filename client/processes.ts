import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import type { PlainDate } from '../calendar/dates.js';
import type { User } from '../directory/directory.js';
import type { ProcessDefinitionInput } from '../machines/definition.schema.js';
import { definitions } from '../machines/definitions/index.js';
import { createProcess } from '../machines/create-process.js';
import { StartInput } from '../machines/input.schema.js';
import type { DuyetConfig } from '../temporal.config.js';
import { delegationFace } from './delegations.js';
import { RequestError } from './errors.js';

/** What a process's start preparation is given. */
export interface StartContext {
  client: Client;
  config: DuyetConfig;
  /** The start options the process declares, defaults filled in. */
  options: Record<string, string>;
  today: PlainDate;
}

/** A start input ready for the workflow, and what the preparation found, returned to the caller beside the id. */
export interface PreparedStart {
  input: unknown;
  report?: Record<string, unknown>;
}

/** An option a process takes at start (a CLI flag `--NAME`, a field of the API's start request). */
export interface StartOption {
  description: string;
  default: string;
}

/** What the faces need of a process beyond its definition; every member is optional. */
export interface ProcessFace {
  /** The options a start of this process takes, by name. */
  startOptions?: Record<string, StartOption>;
  /** Turns what was submitted into the start input, or refuses it with a RequestError. */
  prepareStart?(submitted: unknown, context: StartContext): Promise<PreparedStart>;
  /** The schema of what a start submits, when `prepareStart` takes something other than the start input. */
  startSchema?(config: DuyetConfig): z.ZodType;
  /**
   * Refuses (RequestError `forbidden`) a starter whom what they submit does not allow, beyond holding the first
   * stage's role: e.g. a unit starting a delegation proposed by another unit. Every face that knows its user calls it.
   */
  authorizeStart?(submitted: unknown, starter: User, config: DuyetConfig): void;
}

/** The face side of each shipped process that needs one, by process id; a process without an entry needs nothing. */
const faces: Record<string, ProcessFace> = {
  delegation: delegationFace,
};

/** A shipped process as the faces use it: its definition as data, compiled, and its face side. */
export interface RegisteredProcess {
  id: string;
  definition: ProcessDefinitionInput;
  compiled: ReturnType<typeof createProcess>;
  face: ProcessFace;
}

const compiled = new Map<string, RegisteredProcess>();

/** The ids of the shipped processes (pure). */
export const processIds = (): string[] => Object.keys(definitions);

/** Looks up a shipped process, naming the known ones when the id is unknown. */
export function processById(id: string): RegisteredProcess {
  const cached = compiled.get(id);
  if (cached) return cached;
  const definition = definitions[id];
  if (!definition) throw new RequestError(`unknown process "${id}"; expected one of: ${processIds().join(', ')}`);
  const registered = { id, definition, compiled: createProcess(definition), face: faces[id] ?? {} };
  compiled.set(id, registered);
  return registered;
}

/** The schema of what a start of the process submits: the one its face declares, else the generic start input. */
export const startSchemaOf = (process: RegisteredProcess, config: DuyetConfig): z.ZodType =>
  process.face.startSchema?.(config) ?? StartInput;

/** The face side of a process a running workflow names, or nothing for a process no longer shipped. */
export const faceOf = (id: string | undefined): ProcessFace => (id !== undefined && faces[id]) || {};

/** Every start option a shipped process declares, with the processes that take it (pure). */
export function allStartOptions(): Array<StartOption & { name: string; processes: string[] }> {
  const byName = new Map<string, StartOption & { name: string; processes: string[] }>();
  for (const id of processIds()) {
    for (const [name, option] of Object.entries(faces[id]?.startOptions ?? {})) {
      const entry = byName.get(name) ?? { name, ...option, processes: [] };
      entry.processes.push(id);
      byName.set(name, entry);
    }
  }
  return [...byName.values()];
}

/** The start options of a request for a process, defaults filled in; an option the process does not take is refused (pure). */
export function startOptionsFor(
  process: RegisteredProcess,
  given: Record<string, string | undefined>,
): Record<string, string> {
  const declared = process.face.startOptions ?? {};
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!declared[name]) {
      const takes = Object.keys(declared);
      throw new RequestError(
        `process "${process.id}" takes no start option "${name}"; expected ${takes.length > 0 ? `one of: ${takes.join(', ')}` : 'none'}`,
      );
    }
    options[name] = value;
  }
  for (const [name, option] of Object.entries(declared)) options[name] ??= option.default;
  return options;
}
