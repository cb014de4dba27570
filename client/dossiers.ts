import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { definitions } from '../machines/definitions/index.js';
import { parseStartInput } from '../machines/input.schema.js';
import { createProcess, type ProcessView } from '../machines/process.js';
import type { DuyetConfig } from '../temporal.config.js';
import { decideUpdate, viewQuery } from '../workflows/process.messages.js';
import { searchAttributeKeys as keys } from '../workflows/search-attributes.js';
import { toPlainDate } from '../calendar/dates.js';
import { findUser, loadDirectory, type User } from '../directory/directory.js';
import { loadCalendarTable } from './calendar-tables.js';
import type { Finding } from '../delegation/rules.js';
import { delegationHooks, prepareDelegation, ruleSetById } from './delegations.js';
import { RequestError } from './errors.js';
import { ledgerEntries, recordReport, releaseTrips, reserveTrips } from './ledger.js';
import { importPlan } from './plan-import.js';

export { RequestError };

/** The status of one workflow as `duyet status --json` prints it. */
export type DossierStatus = { workflowId: string } & ProcessView;

/** Looks up a shipped process, naming the known ones when the id is unknown. */
export function processById(id: string) {
  const definition = definitions[id];
  if (!definition)
    throw new RequestError(`unknown process "${id}"; expected one of: ${Object.keys(definitions).join(', ')}`);
  return createProcess(definition);
}

/** The years a process started now may span: this one and the next two. */
const yearsFrom = (at: Date) => [
  at.getUTCFullYear() - 1,
  at.getUTCFullYear(),
  at.getUTCFullYear() + 1,
  at.getUTCFullYear() + 2,
];

/**
 * Takes milestone due dates from a plan document into a start input: each definition milestone with a
 * `planItem` gets the due instant of that item; due dates already in the input win.
 */
export function withPlan(config: DuyetConfig, processId: string, input: unknown, planText: string): unknown {
  const process = processById(processId);
  const years = [...planText.matchAll(/năm\s+(\d{4})/g)].map((m) => Number(m[1]));
  const table = loadCalendarTable(config.calendarDir, [...new Set([...years, ...yearsFrom(new Date())])]);
  const plan = importPlan(planText, table);
  if (!plan.success) throw new RequestError(plan.error);
  const fromPlan: Record<string, string> = {};
  for (const milestone of process.definition.milestones) {
    const item = plan.data.find((p) => p.number === milestone.planItem);
    if (milestone.planItem !== undefined && !item)
      throw new RequestError(`the plan has no item ${milestone.planItem}, which gives milestone "${milestone.id}"`);
    if (item) fromPlan[milestone.id] = item.dueAt;
  }
  const given = (input ?? {}) as { milestones?: Record<string, string> };
  return { ...given, milestones: { ...fromPlan, ...(given.milestones ?? {}) } };
}

/** Checks a delegation proposal against its rule set and the ledger, then starts the `delegation` process. */
export async function startDelegation(
  client: Client,
  config: DuyetConfig,
  request: { proposal: unknown; ruleSet: string; workflowId?: string | undefined },
): Promise<{ workflowId: string; findings: Finding[] }> {
  const rules = ruleSetById(request.ruleSet);
  const year =
    Number(String((request.proposal as { startDate?: unknown })?.startDate ?? '').slice(0, 4)) ||
    new Date().getUTCFullYear();
  // Last year's trips too: a report due in January for a December trip still counts.
  const ledger = [
    ...(await ledgerEntries(client, config, rules.id, year - 1)),
    ...(await ledgerEntries(client, config, rules.id, year)),
  ];
  const prepared = prepareDelegation(request.proposal, rules, ledger, toPlainDate(Date.now()));
  const started = await startDossier(client, config, {
    process: 'delegation',
    input: prepared.input,
    workflowId: request.workflowId,
  });
  return { ...started, findings: prepared.findings };
}

/** Validates the input and starts a process workflow; nothing is started when the input is refused. */
export async function startDossier(
  client: Client,
  config: DuyetConfig,
  request: { process: string; input: unknown; workflowId?: string | undefined },
): Promise<{ workflowId: string }> {
  const process = processById(request.process);
  const startedAt = new Date();
  const calendar = loadCalendarTable(config.calendarDir, yearsFrom(startedAt));
  const context = parseStartInput(process.definition, request.input, startedAt.toISOString(), calendar);
  if (!context.success) throw new RequestError(context.error);
  const workflowId = request.workflowId ?? `${request.process}-${randomUUID()}`;
  const [initial] = process.start(context.data);
  const view = process.view(initial);
  try {
    await client.workflow.start('processWorkflow', {
      taskQueue: config.temporal.taskQueue,
      workflowId,
      args: [{ definition: definitions[request.process]!, input: request.input, calendar }],
      typedSearchAttributes: [
        { key: keys.process, value: view.process },
        { key: keys.stage, value: view.state },
        { key: keys.status, value: view.status },
        ...(view.awaiting ? [{ key: keys.awaitedRole, value: view.awaiting.role }] : []),
        ...(view.awaiting?.dueAt ? [{ key: keys.dueAt, value: new Date(view.awaiting.dueAt) }] : []),
      ],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      throw new RequestError(`a workflow with id "${workflowId}" already exists; choose another --id`);
    throw err;
  }
  return { workflowId };
}

/** A decision as a face receives it: the user id is resolved to roles through the directory. */
export interface DecideRequest {
  workflowId: string;
  event: string;
  as: string;
  onBehalfOf?: string | undefined;
  comment?: string | undefined;
  milestone?: string | undefined;
  /** EXTEND: the new due instant. */
  dueAt?: string | undefined;
  /** REASSIGN: the id of the user the stage goes to. */
  to?: string | undefined;
}

/** Sends a decision as a Workflow Update; a refused decision throws RequestError and records nothing in the workflow. */
export async function decide(client: Client, config: DuyetConfig, request: DecideRequest): Promise<DossierStatus> {
  const user = findUserOrRefuse(config, request.as);
  const assignee: User | undefined = request.to ? findUserOrRefuse(config, request.to) : undefined;
  const handle = client.workflow.getHandle(request.workflowId);
  const hooks =
    (await processOf(client, request.workflowId)) === 'delegation'
      ? delegationHooks(
          ledgerOf(client, config),
          await status(client, request.workflowId),
          request.event,
          toPlainDate(Date.now()),
        )
      : undefined;
  await hooks?.before();
  try {
    const view = await handle.executeUpdate(decideUpdate, {
      args: [
        {
          type: request.event,
          actor: user.id,
          roles: user.roles,
          onBehalfOf: request.onBehalfOf ?? null,
          comment: request.comment ?? null,
          ...(request.milestone ? { milestone: request.milestone } : {}),
          ...(request.dueAt ? { dueAt: request.dueAt } : {}),
          ...(assignee ? { assignee: { id: assignee.id, roles: assignee.roles } } : {}),
        },
      ],
    });
    await hooks?.after();
    return { workflowId: request.workflowId, ...view };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new RequestError(`no workflow with id "${request.workflowId}"`);
    if (err instanceof WorkflowUpdateFailedError) {
      await hooks?.refused();
      const reason = err.cause?.message ?? err.message;
      auditRefusal(config, { ...request, reason });
      throw new RequestError(`decision refused: ${reason}`);
    }
    throw err;
  }
}

/** The JSON-safe status of one workflow, read with a query. */
export async function status(client: Client, workflowId: string): Promise<DossierStatus> {
  try {
    const view = await client.workflow.getHandle(workflowId).query(viewQuery);
    return { workflowId, ...view };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new RequestError(`no workflow with id "${workflowId}"`);
    throw err;
  }
}

const safeValue = /^[A-Za-z0-9_-]+$/;

/** One row of `duyet list`, read from the search attributes. */
export interface ListedDossier {
  workflowId: string;
  process: string | null;
  stage: string | null;
  status: string | null;
  awaitedRole: string | null;
  dueAt: string | null;
  escalationLevel: number;
  startedAt: string;
}

/** Lists duyet workflows from Temporal visibility, filtered by stage and process. */
export async function list(
  client: Client,
  filter: { stage?: string | undefined; process?: string | undefined; overdue?: boolean | undefined },
): Promise<ListedDossier[]> {
  const clauses = [`${keys.process.name} IS NOT NULL`];
  // Overdue: still running and its awaited stage's due instant has passed.
  if (filter.overdue)
    clauses.push(`${keys.status.name} = 'running'`, `${keys.dueAt.name} < '${new Date().toISOString()}'`);
  for (const [key, value] of [
    [keys.stage.name, filter.stage],
    [keys.process.name, filter.process],
  ] as const) {
    if (value === undefined) continue;
    if (!safeValue.test(value))
      throw new RequestError(`invalid filter "${value}": expected letters, digits, "-" or "_"`);
    clauses.push(`${key} = '${value}'`);
  }
  const rows: ListedDossier[] = [];
  for await (const execution of client.workflow.list({ query: clauses.join(' AND ') })) {
    const attrs = execution.typedSearchAttributes;
    rows.push({
      workflowId: execution.workflowId,
      process: attrs.get(keys.process) ?? null,
      stage: attrs.get(keys.stage) ?? null,
      status: attrs.get(keys.status) ?? null,
      awaitedRole: attrs.get(keys.awaitedRole) ?? null,
      dueAt: attrs.get(keys.dueAt)?.toISOString() ?? null,
      escalationLevel: attrs.get(keys.escalationLevel) ?? 0,
      startedAt: execution.startTime.toISOString(),
    });
  }
  return rows;
}

/** The process a workflow runs, from its search attributes (no worker needed). */
async function processOf(client: Client, workflowId: string): Promise<string | undefined> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).typedSearchAttributes.get(keys.process);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new RequestError(`no workflow with id "${workflowId}"`);
    throw err;
  }
}

/** The trip ledger as the delegation hooks use it. */
const ledgerOf = (client: Client, config: DuyetConfig) => ({
  reserve: (ruleSet: string, limit: number, request: Parameters<typeof reserveTrips>[4]) =>
    reserveTrips(client, config, ruleSet, limit, request),
  release: (ruleSet: string, year: number, delegation: string) =>
    releaseTrips(client, config, ruleSet, year, delegation),
  report: (ruleSet: string, year: number, delegation: string, filedAt: string) =>
    recordReport(client, config, ruleSet, year, delegation, filedAt),
});

function findUserOrRefuse(config: DuyetConfig, id: string) {
  try {
    return findUser(loadDirectory(config.directoryFile), id);
  } catch (err) {
    throw new RequestError((err as Error).message);
  }
}

/** Keeps refused decisions outside the workflow, for audit: one JSON line each. */
function auditRefusal(config: DuyetConfig, entry: DecideRequest & { reason: string }) {
  mkdirSync(config.stateDir, { recursive: true });
  appendFileSync(
    join(config.stateDir, 'refused-decisions.jsonl'),
    JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n',
  );
}
