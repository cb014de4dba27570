import { z } from 'zod';
import { RequestError } from '../client/errors.js';
import {
  processById,
  processIds,
  startOptionsFor,
  startSchemaOf,
  type RegisteredProcess,
} from '../client/processes.js';
import type { User } from '../directory/directory.js';
import { toMermaid } from '../machines/diagram.js';
import type { DuyetConfig } from '../temporal.config.js';
import type * as routes from './processes.routes.js';
import type { AppRouteHandler } from './types.js';

/** A process as a list shows it to a user (pure but for the registry). */
function summaryOf(process: RegisteredProcess, user: User) {
  const { definition } = process.compiled;
  const starterRole = definition.stages[definition.initial]?.role ?? null;
  const defaults = startOptionsFor(process, {});
  return {
    id: process.id,
    version: definition.version,
    title: definition.title,
    roles: definition.roles,
    starterRole,
    mayStart: starterRole !== null && user.roles.includes(starterRole),
    startOptions: Object.entries(process.face.startOptions ?? {}).map(([name, option]) => ({
      name,
      description: option.description,
      default: defaults[name] ?? option.default,
    })),
  };
}

/** The JSON Schema of what a start of the process submits, or null when its schema cannot be written as one. */
function inputSchemaOf(process: RegisteredProcess, config: DuyetConfig): Record<string, unknown> | null {
  try {
    return z.toJSONSchema(startSchemaOf(process, config), { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
  } catch {
    return null;
  }
}

/** Every shipped process, with whether the user starts it. */
export const listProcesses: AppRouteHandler<typeof routes.listProcesses> = (c) => {
  const { user } = c.var.principal;
  return c.json({ items: processIds().map((id) => summaryOf(processById(id), user)) }, 200);
};

/** One process in full; an id that is not shipped is 404 naming the known ones. */
export const getProcess: AppRouteHandler<typeof routes.getProcess> = (c) => {
  const { id } = c.req.valid('param');
  if (!processIds().includes(id))
    throw new RequestError(`no process "${id}"; expected one of: ${processIds().join(', ')}`, { kind: 'notFound' });
  const process = processById(id);
  return c.json(
    {
      ...summaryOf(process, c.var.principal.user),
      definition: process.definition as unknown as Record<string, unknown>,
      inputSchema: inputSchemaOf(process, c.var.deps.config),
      diagram: toMermaid(process.compiled.machine),
    },
    200,
  );
};
