import type { Client } from '@temporalio/client';
import type { DuyetConfig } from '../temporal.config.js';
import { status } from './dossiers.js';
import { addressOf } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';
import type { ChangeRequest, TaskChange } from './programme-changes.js';
import { changeRequestOf, taskChanges } from './programme-changes.js';
import type { ProgrammePreflight } from './programme-import.js';
import { REVIEWS, type ReviewMilestone } from './programme-obligations.js';
import { startDossier } from './start.js';
import { decideUpdate } from '../workflows/process.messages.js';

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
  /** The reports on the whole the body writes besides the yearly one: half-yearly, quarterly, monthly. */
  reviews?: ReviewMilestone[];
}

/** The programme's reports that recur only when the body writes them; the yearly one always does. */
const WRITTEN_ONLY: ReviewMilestone[] = [REVIEWS.halfYear, REVIEWS.quarter, REVIEWS.month];

/**
 * A programme's start input: it ends with its last task, its dated obligations, and each report the body writes
 * recurring up to that end; a report it does not write ends at `at`, the start, so it has no occurrence (pure).
 */
export function programmeStartInput(plan: ProgrammePlan, at: string) {
  const end = plan.tasks
    .map((t) => t.dueAt)
    .sort()
    .at(-1)!;
  const reviews = Object.fromEntries(WRITTEN_ONLY.map((m) => [m, plan.reviews?.includes(m) ? end : at]));
  return {
    subject: plan.title,
    milestones: { programmeEnd: end, ...(plan.obligations ?? {}), ...reviews },
    facts: { tasks: plan.tasks },
  };
}

/** What `--apply` did with one task (or the programme): started, found as it is, or found different. */
export interface Applied {
  number: string;
  workflowId: string;
  outcome: 'started' | 'unchanged' | 'changed' | 'added' | 'removed';
  /** For a changed task: each field that differs, as recorded and as the file now says. */
  changes?: TaskChange[];
  /** For a changed task: the change request that moves it to the file's version; the running task is not altered. */
  changeRequest?: ChangeRequest;
  /** For an added task: whether it joined the programme's list, or why it could not (a programme started before it could). */
  joined?: boolean;
  refusal?: string;
}

/** Who adds the tasks a changed file adds to the programme's list: the user importing, with the secretariat's role. */
export interface Importer {
  id: string;
  roles: string[];
}

/** The importer when no signed-in user imports (the CLI on the embedded default): the secretariat. */
export const DEFAULT_IMPORTER: Importer = { id: 'duyet-import', roles: ['secretariat'] };

/** Files a task's change request through the task's own decision path, as the user the face acts for. */
export type FileChangeRequest = (workflowId: string, comment: string) => Promise<void>;

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
 * The problems of a preflight that stop its start: a task without a lead agency known to the directory or without a
 * readable time, a number missing or repeated, no task; an unknown coordinating agency or a line of scanning noise
 * does not stop it (pure).
 */
export const blockingProblems = (preflight: ProgrammePreflight): ProgrammePreflight['problems'] =>
  preflight.problems.filter(
    (p) =>
      BLOCKING.has(p.kind) ||
      (p.kind === 'unknown-agency' && preflight.tasks.find((t) => t.number === p.task)?.leadUnit == null),
  );

/** The plan an action programme's preflight gives, or the refusal listing every problem that stops it (pure). */
export function planOfPreflight(id: string, title: string, preflight: ProgrammePreflight): ProgrammePlan {
  const blocking = blockingProblems(preflight);
  if (blocking.length > 0)
    throw new RequestError(
      `nothing was started: the table has ${blocking.length} problem(s) to correct first:\n${blocking.map((p) => `✖ ${p.message}`).join('\n')}`,
    );
  // The body's dated obligations set the programme's milestones of the same id (the first one each, as written).
  const obligations: Record<string, string> = {};
  for (const o of preflight.obligations ?? [])
    if (o.milestone !== null && o.every === null && o.dueAt !== null) obligations[o.milestone] ??= o.dueAt;
  // A recurring report the body writes recurs as written, up to the programme's end.
  const reviews = WRITTEN_ONLY.filter((m) => preflight.obligations?.some((o) => o.milestone === m));
  return {
    id,
    title,
    ...(Object.keys(obligations).length > 0 ? { obligations } : {}),
    ...(reviews.length > 0 ? { reviews } : {}),
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

/** A task's start input: the lead awaited, coordinators notified, the product due and its document, the programme's facts kept. */
export const taskInput = (programmeId: string, task: ProgrammeTaskEntry) => ({
  subject: `${task.number}. ${task.content}`.slice(0, 2000),
  // The product as a document, so its files can be uploaded to the task and carried by SUBMIT.
  documents: [{ kind: 'product', title: (task.product || 'Sản phẩm').slice(0, 500) }],
  milestones: { product: task.dueAt },
  facts: { ...task, programme: programmeId },
});

/**
 * Adds tasks to a running programme's list (ADD_TASKS), under an Update id made of their numbers so a retry or a second
 * import adds them once; a programme that refuses it (started before it could take it, closed, or the importer without
 * the role) is reported, not failed. Temporal out of reach, or anything unexpected, fails the import: the tasks it
 * started are there, and importing again adds them to the list.
 */
export async function joinProgramme(
  client: Client,
  programmeId: string,
  entries: ProgrammeTaskEntry[],
  importer: Importer,
): Promise<Pick<Applied, 'joined' | 'refusal'>> {
  const decision = {
    type: 'ADD_TASKS',
    actor: importer.id,
    roles: importer.roles,
    comment: `Thêm nhiệm vụ / tasks added: ${entries.map((e) => e.number).join(', ')}`.slice(0, 2000),
    entries: entries as unknown as Array<Record<string, unknown>>,
  };
  const updateId = `add-tasks:${entries.map((e) => `${e.number}@${e.dueAt}`).join(',')}`.slice(0, 1000);
  try {
    await mapFailures({ address: addressOf(client) }, () =>
      client.workflow.getHandle(programmeId).executeUpdate(decideUpdate, { args: [decision], updateId }),
    );
    return { joined: true };
  } catch (err) {
    if (err instanceof RequestError && err.kind !== 'unavailable') return { joined: false, refusal: err.message };
    throw err;
  }
}

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
 * the running task, with the change request that would move it. No running task is altered: a change holds only
 * once its lead asked (REQUEST_CHANGE) and the authority approved it; `fileChange` files each request as the face's
 * user, and a request the task refuses is reported with its reason.
 */
export async function applyProgramme(
  client: Client,
  config: DuyetConfig,
  plan: ProgrammePlan,
  fileChange?: FileChangeRequest,
  importer: Importer = DEFAULT_IMPORTER,
): Promise<{ programme: Applied; tasks: Applied[] }> {
  const known = (await exists(client, plan.id))
    ? ((await status(client, plan.id)).facts.tasks as ProgrammeTaskEntry[])
    : undefined;
  let programme: Applied;
  if (!known) {
    await startDossier(client, config, {
      process: 'programme',
      workflowId: plan.id,
      input: programmeStartInput(plan, new Date().toISOString()),
    });
    programme = { number: '', workflowId: plan.id, outcome: 'started' };
  } else {
    const same = JSON.stringify(known) === JSON.stringify(plan.tasks);
    programme = { number: '', workflowId: plan.id, outcome: same ? 'unchanged' : 'changed' };
  }
  const tasks: Applied[] = [];
  const joining: ProgrammeTaskEntry[] = [];
  for (const task of plan.tasks) {
    const before = known?.find((t) => t.number === task.number);
    if (known && !before) joining.push(task);
    if (!(await exists(client, task.workflowId))) {
      await startDossier(client, config, {
        process: 'task',
        workflowId: task.workflowId,
        input: taskInput(plan.id, task),
      });
      tasks.push({ number: task.number, workflowId: task.workflowId, outcome: known && !before ? 'added' : 'started' });
      continue;
    }
    if (known && !before) {
      // Started by an earlier import whose programme did not take it: it joins now.
      tasks.push({ number: task.number, workflowId: task.workflowId, outcome: 'added' });
      continue;
    }
    const running = before ? await status(client, task.workflowId) : null;
    const dueAt = running?.milestones.find((m) => m.id === 'product')?.dueAt;
    const changes = before ? taskChanges(before, task, { dueAt, facts: running?.facts }) : [];
    if (changes.length === 0) {
      tasks.push({ number: task.number, workflowId: task.workflowId, outcome: 'unchanged' });
      continue;
    }
    const changeRequest = changeRequestOf(plan.id, task, changes);
    if (fileChange && running?.status === 'running') {
      try {
        await fileChange(task.workflowId, changeRequest.comment);
        changeRequest.filed = true;
      } catch (err) {
        if (!(err instanceof RequestError)) throw err;
        Object.assign(changeRequest, { filed: false, refusal: err.message });
      }
    }
    tasks.push({ number: task.number, workflowId: task.workflowId, outcome: 'changed', changes, changeRequest });
  }
  if (joining.length > 0) {
    const joined = await joinProgramme(client, plan.id, joining, importer);
    for (const t of tasks.filter((a) => a.outcome === 'added')) Object.assign(t, joined);
  }
  // A task the file no longer lists keeps running: stopping it is the authority's decision (WITHDRAW).
  for (const gone of known?.filter((t) => !plan.tasks.some((n) => n.number === t.number)) ?? [])
    tasks.push({ number: gone.number, workflowId: gone.workflowId, outcome: 'removed' });
  return { programme, tasks };
}
