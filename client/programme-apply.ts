import type { Client } from '@temporalio/client';
import type { DuyetConfig } from '../temporal.config.js';
import { status } from './dossiers.js';
import { RequestError } from './errors.js';
import type { ProgrammePreflight } from './programme-import.js';
import { startDossier } from './start.js';

/** A task as a programme holds it in its facts, and as its task workflow is started. */
export interface ProgrammeTaskEntry {
  number: string;
  workflowId: string;
  content: string;
  /** The lead agency's unit id, and the cell as written. */
  lead: string;
  leadText: string;
  coordinators: string[];
  coordinatorsText: string;
  product: string;
  time: string;
  dueAt: string;
}

/** What an import would start: the programme's id and title, and its tasks. */
export interface ProgrammePlan {
  id: string;
  title: string;
  tasks: ProgrammeTaskEntry[];
  /** The programme's own obligations with due instants (e.g. the agencies' own programmes). */
  obligations?: Record<string, string>;
}

/** What `--apply` did with one task (or the programme): started, found as it is, or found different. */
export interface Applied {
  number: string;
  workflowId: string;
  outcome: 'started' | 'unchanged' | 'changed' | 'added' | 'removed';
  /** For a changed task: each field that differs, as recorded and as the file now says. */
  changes?: Array<{ field: string; before: unknown; after: unknown }>;
}

/** The id of a task of a programme: the programme's id and the task's number, so an import starts it once (pure). */
export const taskWorkflowId = (programmeId: string, number: string): string => `${programmeId}.${number}`;

/** A programme id from a file name or an option: lowercase letters, digits and dashes (pure). */
export function programmeIdOf(name: string): string {
  const id = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/giu, 'd')
    .toLowerCase()
    .replace(/\.[a-z]+$/u, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
  if (!/^[a-z0-9]/u.test(id))
    throw new RequestError(`cannot make a programme id of "${name}": give --id, e.g. nq31-2014`);
  return id;
}

/** The problems that make a preflight garbled: with any of them nothing may start. */
const BLOCKING = new Set(['no-tasks', 'unreadable-time', 'missing-number', 'repeated-number']);

/**
 * The plan an action programme's preflight gives, or the refusal listing every problem that stops it (a task without
 * a lead agency known to the directory or without a readable time, a number missing or repeated, no task); an
 * unknown coordinating agency or a line of scanning noise does not stop it (pure).
 */
export function planOfPreflight(id: string, title: string, preflight: ProgrammePreflight): ProgrammePlan {
  const blocking = preflight.problems.filter(
    (p) =>
      BLOCKING.has(p.kind) ||
      (p.kind === 'unknown-agency' && preflight.tasks.find((t) => t.number === p.task)?.leadUnit == null),
  );
  if (blocking.length > 0)
    throw new RequestError(
      `nothing was started: the table has ${blocking.length} problem(s) to correct first:\n${blocking.map((p) => `✖ ${p.message}`).join('\n')}`,
    );
  // The body's dated obligations set the programme's milestones of the same id (the first one each, as written).
  const obligations: Record<string, string> = {};
  for (const o of preflight.obligations ?? [])
    if (o.milestone !== null && o.every === null && o.dueAt !== null) obligations[o.milestone] ??= o.dueAt;
  return {
    id,
    title,
    ...(Object.keys(obligations).length > 0 ? { obligations } : {}),
    tasks: preflight.tasks.map((t) => {
      const others = t.leads.filter((a) => a.unit !== null && a.unit !== t.leadUnit).map((a) => a.unit!);
      return {
        number: t.number,
        workflowId: taskWorkflowId(id, t.number),
        content: t.content,
        lead: t.leadUnit!,
        leadText: t.lead,
        coordinators: [...new Set([...others, ...t.coordinators.filter((a) => a.unit !== null).map((a) => a.unit!)])],
        coordinatorsText: t.coordinators.map((a) => a.text).join(', '),
        product: t.product,
        time: t.time,
        dueAt: t.dueAt!,
      };
    }),
  };
}

const COMPARED = ['content', 'lead', 'coordinators', 'product', 'time', 'dueAt'] as const;

/** The fields of a task that differ between what was recorded and what the file says now (pure). */
export function taskChanges(before: ProgrammeTaskEntry, after: ProgrammeTaskEntry): Applied['changes'] {
  return COMPARED.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

/** A task's start input: the lead awaited, coordinators notified, the product due, the programme's facts kept. */
export const taskInput = (programmeId: string, task: ProgrammeTaskEntry) => ({
  subject: `${task.number}. ${task.content}`.slice(0, 2000),
  milestones: { product: task.dueAt },
  facts: { ...task, programme: programmeId },
});

/** Whether a workflow with this id exists (running or closed). */
async function exists(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return false;
    throw err;
  }
}

/**
 * Starts a programme and its tasks under ids derived from the programme and the task numbers: a second import of the
 * same file starts nothing; a changed file starts the tasks it adds and reports, field by field, what differs from
 * what was started (the running tasks are not changed: a change goes through the task's change request).
 */
export async function applyProgramme(
  client: Client,
  config: DuyetConfig,
  plan: ProgrammePlan,
): Promise<{ programme: Applied; tasks: Applied[] }> {
  const known = (await exists(client, plan.id))
    ? ((await status(client, plan.id)).facts.tasks as ProgrammeTaskEntry[])
    : undefined;
  const dues = plan.tasks.map((t) => t.dueAt).sort();
  let programme: Applied;
  if (!known) {
    await startDossier(client, config, {
      process: 'programme',
      workflowId: plan.id,
      input: {
        subject: plan.title,
        milestones: { programmeEnd: dues.at(-1)!, ...(plan.obligations ?? {}) },
        facts: { tasks: plan.tasks },
      },
    });
    programme = { number: '', workflowId: plan.id, outcome: 'started' };
  } else {
    const same = JSON.stringify(known) === JSON.stringify(plan.tasks);
    programme = { number: '', workflowId: plan.id, outcome: same ? 'unchanged' : 'changed' };
  }
  const tasks: Applied[] = [];
  for (const task of plan.tasks) {
    const before = known?.find((t) => t.number === task.number);
    if (!(await exists(client, task.workflowId))) {
      await startDossier(client, config, {
        process: 'task',
        workflowId: task.workflowId,
        input: taskInput(plan.id, task),
      });
      tasks.push({ number: task.number, workflowId: task.workflowId, outcome: known && !before ? 'added' : 'started' });
      continue;
    }
    const changes = before ? taskChanges(before, task) : [];
    tasks.push({
      number: task.number,
      workflowId: task.workflowId,
      outcome: changes && changes.length > 0 ? 'changed' : 'unchanged',
      ...(changes && changes.length > 0 ? { changes } : {}),
    });
  }
  // A task the file no longer lists keeps running: stopping it is the authority's decision (WITHDRAW).
  for (const gone of known?.filter((t) => !plan.tasks.some((n) => n.number === t.number)) ?? [])
    tasks.push({ number: gone.number, workflowId: gone.workflowId, outcome: 'removed' });
  return { programme, tasks };
}
