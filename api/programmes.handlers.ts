import { applyProgramme, planOfPreflight } from '../client/programme-apply.js';
import { xlsxTableAsCsv } from '../client/programme-export.js';
import { correctPreflight } from '../client/programme-corrections.js';
import { importProgramme, type ProgrammePreflight } from '../client/programme-import.js';
import { programmeTracker } from '../client/programme-tracker.js';
import { listPage } from '../client/dossiers.js';
import { RequestError } from '../client/errors.js';
import { loadUnits } from '../directory/directory.js';
import type { User } from '../directory/directory.js';
import type { DuyetConfig } from '../temporal.config.js';
import type * as routes from './programmes.routes.js';
import type { AppRouteHandler } from './types.js';

/** The role that imports programmes and reads any agency's dues. */
const SECRETARIAT = 'secretariat';

/** Refuses (403) a user without the secretariat role: only the secretariat imports programmes. */
export function requireSecretariat(user: User): void {
  if (!user.roles.includes(SECRETARIAT))
    throw new RequestError(`user "${user.id}" cannot import programmes: it takes role "${SECRETARIAT}"`, {
      kind: 'forbidden',
    });
}

/** The preflight of an uploaded table, XLSX decoded from base64, with the corrections of an edited preflight if any. */
async function preflightOf(
  config: DuyetConfig,
  text: string,
  format: 'text' | 'csv' | 'xlsx',
  corrected?: unknown,
): Promise<ProgrammePreflight> {
  let table = text;
  if (format === 'xlsx') {
    try {
      table = await xlsxTableAsCsv(Buffer.from(text, 'base64'));
    } catch (err) {
      throw new RequestError((err as Error).message, { cause: err });
    }
  }
  const units = loadUnits(config.unitsFile);
  const read = importProgramme(table, units, format === 'text' ? 'text' : 'csv');
  return corrected === undefined ? read : correctPreflight(read, corrected, units);
}

/** Reads a table and answers with its tasks and problems. */
export const preflight: AppRouteHandler<typeof routes.preflight> = async (c) => {
  requireSecretariat(c.var.principal.user);
  const body = c.req.valid('json');
  return c.json((await preflightOf(c.var.deps.config, body.text, body.format, body.preflight)) as never, 200);
};

/** Starts a programme and its tasks from a table; a table with problems starts nothing. */
export const apply: AppRouteHandler<typeof routes.apply> = async (c) => {
  requireSecretariat(c.var.principal.user);
  const { client, config } = c.var.deps;
  const body = c.req.valid('json');
  const plan = planOfPreflight(
    body.id,
    body.title ?? `Chương trình ${body.id}`,
    await preflightOf(config, body.text, body.format, body.preflight),
  );
  const { id, roles } = c.var.principal.user;
  return c.json((await applyProgramme(client, config, plan, undefined, { id, roles })) as never, 201);
};

/** The programmes, newest first, from visibility: any signed-in user may list them, as any may read a tracker. */
export const list: AppRouteHandler<typeof routes.list> = async (c) => {
  const query = c.req.valid('query');
  const page = await listPage(
    c.var.deps.client,
    { process: 'programme' },
    { pageSize: query.pageSize, cursor: query.cursor, reader: c.var.principal.user.id },
  );
  const items = page.items.map((row) => ({
    id: row.workflowId,
    status: row.status,
    dueAt: row.dueAt,
    startedAt: row.startedAt,
  }));
  return c.json({ items, nextCursor: page.cursor }, 200);
};

/** The tracker of a programme. */
export const tracker: AppRouteHandler<typeof routes.tracker> = async (c) =>
  c.json((await programmeTracker(c.var.deps.client, c.req.valid('param').id)) as never, 200);

/** The units a user acts for: those of their memberships ("role@unit"). */
const unitsOf = (user: User): string[] => [
  ...new Set(user.roles.filter((r) => r.includes('@')).map((r) => r.split('@')[1]!)),
];

/** What the user's agencies owe in a programme (a secretariat user may name any agency). */
export const owed: AppRouteHandler<typeof routes.owed> = async (c) => {
  const { user } = c.var.principal;
  const { unit } = c.req.valid('query');
  if (unit !== undefined && !user.roles.includes(SECRETARIAT) && !unitsOf(user).includes(unit))
    throw new RequestError(`user "${user.id}" does not act for "${unit}"`, { kind: 'forbidden' });
  const units = unit !== undefined ? [unit] : unitsOf(user);
  // Listed by visibility; only the agency's own tasks are read one by one, for the reports they owe.
  const tracked = await programmeTracker(c.var.deps.client, c.req.valid('param').id, undefined, (entry) =>
    units.includes(entry.lead),
  );
  const agencies = units.map((u) => tracked.agencies.find((a) => a.unit === u) ?? { unit: u, owes: [], late: 0 });
  return c.json({ programme: tracked.id, subject: tracked.subject, agencies, at: tracked.at } as never, 200);
};
