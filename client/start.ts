import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { toPlainDate } from '../calendar/dates.js';
import { compactCalendar } from '../calendar/compact.js';
import type { CalendarTable } from '../calendar/holidays.js';
import type { User } from '../directory/directory.js';
import { parseStartInput } from '../machines/input.schema.js';
import { refOf } from '../machines/shipped.js';
import type { DuyetConfig } from '../temporal.config.js';
import { searchAttributeKeys as keys } from '../workflows/search-attributes.js';
import { loadCalendarTable } from './calendar-tables.js';
import { describeDossier, addressOf, closedMessage } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { toRequestError } from './failures.js';
import { checkSize } from './limits.js';
import { importPlan } from './plan-import.js';
import { processById, startOptionsFor, type RegisteredProcess } from './processes.js';

/** The years a process started now may span: the last one, this one and the next two. */
const yearsFrom = (at: Date) => [
  at.getUTCFullYear() - 1,
  at.getUTCFullYear(),
  at.getUTCFullYear() + 1,
  at.getUTCFullYear() + 2,
];

/**
 * The years a process started now needs in its calendar: this one to the year after its last due date (at least the
 * next two), so rungs and durations past a due date are counted with that year's days off.
 */
export function yearsNeeded(at: Date, input: unknown): number[] {
  const dues = Object.values((input as { milestones?: Record<string, unknown> } | null)?.milestones ?? {});
  const dueYears = dues
    .map((due) => (typeof due === 'string' ? Number(due.slice(0, 4)) : NaN))
    .filter(Number.isInteger);
  const first = at.getUTCFullYear();
  const last = Math.min(first + 10, Math.max(first + 2, ...dueYears.map((y) => y + 1)));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The calendar as a workflow carries it: the dates only (the machine never reads the days' names), to keep history small. */
export const workflowCalendar = (table: CalendarTable): CalendarTable => ({
  daysOff: table.daysOff.map((day) => ({ date: day.date, name: '' })),
  workingDays: table.workingDays.map((day) => ({ date: day.date, name: '' })),
});

/**
 * Takes milestone due dates from a plan document into a start input: each definition milestone with a
 * `planItem` gets the due instant of that item; due dates already in the input win.
 */
export function withPlan(config: DuyetConfig, processId: string, input: unknown, planText: string): unknown {
  checkSize('planText', planText, 'the plan');
  const { compiled } = processById(processId);
  const years = [...planText.matchAll(/năm\s+(\d{4})/g)].map((m) => Number(m[1]));
  const table = loadCalendarTable(config.calendarDir, [...new Set([...years, ...yearsFrom(new Date())])]);
  const plan = importPlan(planText, table);
  if (!plan.success) throw new RequestError(plan.error);
  const fromPlan: Record<string, string> = {};
  for (const milestone of compiled.definition.milestones) {
    const item = plan.data.find((p) => p.number === milestone.planItem);
    if (milestone.planItem !== undefined && !item)
      throw new RequestError(`the plan has no item ${milestone.planItem}, which gives milestone "${milestone.id}"`);
    if (item) fromPlan[milestone.id] = item.dueAt;
  }
  const given = (input ?? {}) as { milestones?: Record<string, string> };
  return { ...given, milestones: { ...fromPlan, ...(given.milestones ?? {}) } };
}

/** A start as a face receives it: the process, what was submitted, and optionally a plan text, start options and an id. */
export interface StartRequest {
  process: string;
  input: unknown;
  /** A plan document whose items give the milestones their due dates. */
  plan?: string | undefined;
  /** Options the process declares (e.g. the delegation's `rules`). */
  options?: Record<string, string | undefined>;
  workflowId?: string | undefined;
  /**
   * The signed-in user starting the dossier: they must hold the role of the process's first stage and pass the
   * process's own start check. Only an operator's command line starts without one.
   */
  starter?: User | undefined;
}

/** What can be refused in a start request without Temporal: the process, its options, the sizes (pure but for the definitions). */
export function checkStartRequest(request: StartRequest): {
  process: RegisteredProcess;
  options: Record<string, string>;
} {
  const process = processById(request.process);
  const options = startOptionsFor(process, request.options ?? {});
  checkSize('input', request.input, 'the start input');
  if (request.plan !== undefined) checkSize('planText', request.plan, 'the plan');
  return { process, options };
}

/**
 * Refuses (403) a start by a user who does not hold the role of the process's first stage, or whom the process's own
 * start check refuses (e.g. another unit's delegation proposal); pure but for what that check reads.
 */
export function authorizeStarter(process: RegisteredProcess, starter: User, submitted: unknown, config: DuyetConfig) {
  const { definition } = process.compiled;
  const role = definition.stages[definition.initial]?.role;
  if (role && !starter.roles.includes(role))
    throw new RequestError(
      `user "${starter.id}" (roles: ${starter.roles.join(', ') || 'none'}) cannot start "${definition.id}": its first stage belongs to role "${role}"`,
      { kind: 'forbidden' },
    );
  process.face.authorizeStart?.(submitted, starter, config);
}

/**
 * Prepares the input as the process declares (e.g. the delegation check), validates it and starts a process
 * workflow; nothing is started when anything is refused, and an id used before, running or closed, is refused.
 */
export async function startDossier(
  client: Client,
  config: DuyetConfig,
  request: StartRequest,
): Promise<{ workflowId: string } & Record<string, unknown>> {
  const { process, options } = checkStartRequest(request);
  if (request.starter) authorizeStarter(process, request.starter, request.input, config);
  const prepared = process.face.prepareStart
    ? await process.face.prepareStart(request.input, { client, config, options, today: toPlainDate(Date.now()) })
    : { input: request.input };
  const input =
    request.plan === undefined ? prepared.input : withPlan(config, process.id, prepared.input, request.plan);
  const workflowId = request.workflowId ?? `${process.id}-${randomUUID()}`;
  await send(client, config, process, input, workflowId);
  return { workflowId, ...prepared.report };
}

async function send(
  client: Client,
  config: DuyetConfig,
  process: RegisteredProcess,
  input: unknown,
  workflowId: string,
) {
  const startedAt = new Date();
  const calendar = workflowCalendar(loadCalendarTable(config.calendarDir, yearsNeeded(startedAt, input)));
  const context = parseStartInput(process.compiled.definition, input, startedAt.toISOString(), calendar);
  if (!context.success) throw new RequestError(context.error);
  // The definition by reference: the worker's bundle ships it (a start carrying it whole would grow every history).
  const args = [{ process: refOf(process.definition), input, calendar: compactCalendar(calendar) }];
  checkSize('request', args, 'the start request');
  const [initial] = process.compiled.start(context.data);
  const view = process.compiled.view(initial);
  try {
    await client.workflow.start('processWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId,
      // An id names one dossier for as long as Temporal keeps it: never a second run beside or after it.
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args,
      typedSearchAttributes: [
        { key: keys.process, value: view.process },
        { key: keys.stage, value: view.state },
        { key: keys.status, value: view.status },
        ...(view.awaiting ? [{ key: keys.awaitedRole, value: view.awaiting.role }] : []),
        ...(view.awaiting?.dueAt ? [{ key: keys.dueAt, value: new Date(view.awaiting.dueAt) }] : []),
      ],
    });
  } catch (err) {
    const mapped = toRequestError(err, { address: addressOf(client) });
    if (mapped instanceof RequestError && mapped.kind === 'conflict') throw await existingId(client, workflowId);
    throw mapped;
  }
}

/** The refusal of an id already used: says whether that dossier runs or is closed, and how it ended. */
async function existingId(client: Client, workflowId: string): Promise<RequestError> {
  const dossier = await describeDossier(client, workflowId).catch(() => undefined);
  const fix = 'choose another --id, or leave it out for a fresh one';
  if (!dossier || dossier.execution.status === 'running')
    return new RequestError(
      `a dossier with id "${workflowId}" already exists and is running${dossier?.process ? ` (${dossier.process})` : ''}; ${fix}`,
      { kind: 'conflict' },
    );
  return new RequestError(`${await closedMessage(client, dossier)}; ${fix}`, { kind: 'conflict' });
}
