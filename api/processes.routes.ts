import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent, secured } from './openapi.js';
import { Localized } from './schemas.js';

const tags = ['Processes'];

const who =
  'Any authenticated user may read the definitions: they are the published rules of each process and hold no ' +
  'dossier’s facts. `mayStart` says whether the user’s roles start the process (the role of its first stage).';

/** A start option a process declares, such as the delegation's rule set. */
const StartOption = z
  .object({ name: z.string(), description: z.string(), default: z.string() })
  .openapi('ProcessStartOption');

/** One shipped process as a list shows it. */
export const ProcessSummary = z
  .object({
    id: z.string().openapi({ example: 'review-pipeline' }),
    version: z.number().int(),
    title: Localized,
    roles: z.record(z.string(), Localized).openapi({ description: 'the roles that act in it, by id' }),
    starterRole: z.string().nullable().openapi({ description: 'the role of the first stage, who starts a dossier' }),
    mayStart: z.boolean().openapi({ description: 'whether the authenticated user’s roles start it' }),
    startOptions: z.array(StartOption),
  })
  .openapi('ProcessSummary');

/** A process in full: its definition as data, the JSON Schema of what a start submits, its Mermaid diagram. */
export const ProcessDetail = ProcessSummary.extend({
  definition: z
    .record(z.string(), z.unknown())
    .openapi({ description: 'the definition as data (machines/definitions/)' }),
  inputSchema: z
    .record(z.string(), z.unknown())
    .nullable()
    .openapi({ description: 'JSON Schema (2020-12) of the `input` a start submits; null when it cannot be written' }),
  diagram: z.string().openapi({ description: 'Mermaid `stateDiagram-v2` text generated from the compiled machine' }),
}).openapi('ProcessDetail');

/** A process id in a path. */
const ProcessId = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'id', in: 'path' }, example: 'delegation' });

/** `GET /api/processes`. */
export const listProcesses = createRoute({
  method: 'get',
  path: '/api/processes',
  tags,
  summary: 'The shipped processes',
  description: who,
  security: secured,
  responses: {
    200: jsonContent(z.object({ items: z.array(ProcessSummary) }).openapi('ProcessList'), 'Every shipped process'),
    ...errorResponses(),
  },
});

/** `GET /api/processes/{id}`. */
export const getProcess = createRoute({
  method: 'get',
  path: '/api/processes/{id}',
  tags,
  summary: 'A process: definition, input schema, diagram',
  description: `${who} 404 for an id that is not shipped; the detail lists the known ones.`,
  security: secured,
  request: { params: z.object({ id: ProcessId }) },
  responses: {
    200: jsonContent(ProcessDetail, 'The definition, the JSON Schema of its start input and its Mermaid diagram'),
    ...errorResponses(404),
  },
});
