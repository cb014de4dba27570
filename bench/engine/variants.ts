import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkflowIdReusePolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { compactCalendar } from '../../calendar/compact.js';
import { loadCalendarTable, defaultCalendarDir } from '../../client/calendar-tables.js';
import { workflowCalendar, yearsNeeded } from '../../client/start.js';
import { createProcess } from '../../machines/create-process.js';
import { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { refOf } from '../../machines/shipped.js';
import { searchAttributeKeys as keys } from '../../workflows/search-attributes.js';

/** The three workflows the benchmark compares. */
export type Variant = 'engine' | 'hand-written' | 'ceiling';
export const variants: Variant[] = ['engine', 'hand-written', 'ceiling'];

/** The example dossier, its due dates in 2027 so every escalation timer stays pending. */
export const exampleInput = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../examples/review-pipeline.json', import.meta.url)), 'utf8'),
) as { subject: string; milestones: Record<string, string> };

const user = (actor: string, role: string) => ({ actor, roles: [role], onBehalfOf: null, comment: null });
/** The review pipeline's seven decisions, a revision among them, as the faces send them. */
export const decisions = [
  { type: 'SUBMIT', ...user('nguyen.thu', 'secretariat') },
  { type: 'REQUEST_REVISION', ...user('pham.minh', 'pm') },
  { type: 'SUBMIT', ...user('nguyen.thu', 'secretariat') },
  { type: 'APPROVE', ...user('pham.minh', 'pm') },
  { type: 'APPROVE', ...user('le.hoa', 'standing-government') },
  { type: 'APPROVE', ...user('tran.binh', 'party-committee') },
  { type: 'APPROVE', ...user('vo.lan', 'politburo') },
];

/** What a start of each variant sends, built once as `duyet start` builds it (validation is the face's). */
export function startArgs(input: unknown = exampleInput) {
  const calendar = workflowCalendar(loadCalendarTable(defaultCalendarDir, yearsNeeded(new Date(), input)));
  const compiled = createProcess(reviewPipeline);
  const context = parseStartInput(compiled.definition, input, new Date().toISOString(), calendar);
  if (!context.success) throw new Error(context.error);
  const view = compiled.view(compiled.start(context.data)[0]);
  const typedSearchAttributes = [
    { key: keys.process, value: view.process },
    { key: keys.stage, value: view.state },
    { key: keys.status, value: view.status },
    ...(view.awaiting ? [{ key: keys.awaitedRole, value: view.awaiting.role }] : []),
    ...(view.awaiting?.dueAt ? [{ key: keys.dueAt, value: new Date(view.awaiting.dueAt) }] : []),
  ];
  return {
    engine: {
      workflow: 'processWorkflow',
      args: [{ process: refOf(reviewPipeline), input, calendar: compactCalendar(calendar) }],
    },
    'hand-written': { workflow: 'handWrittenWorkflow', args: [input] },
    ceiling: { workflow: 'ceilingWorkflow', args: [] },
    typedSearchAttributes,
  };
}

/** Starts one dossier of a variant and returns its handle. */
export async function startOne(
  client: Client,
  variant: Variant,
  args: ReturnType<typeof startArgs>,
  taskQueue: string,
  workflowId: string,
): Promise<WorkflowHandle> {
  const { workflow, args: workflowArgs } = args[variant];
  return client.workflow.start(workflow, {
    taskQueue,
    workflowId,
    args: workflowArgs,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: args.typedSearchAttributes,
  });
}

/** One benchmark worker in a child process of its own. */
export interface ChildWorker {
  usage(): Promise<{ cpuMs: number; rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

/** Forks a worker child on a task queue and waits until it polls. */
export async function forkWorker(address: string, taskQueue: string, codePath: string, cache: number) {
  const entry = fileURLToPath(new URL('./worker-child.js', import.meta.url));
  const child: ChildProcess = fork(entry, [address, taskQueue, codePath, String(cache)], {
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bench worker exited with ${code} before it was ready`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    usage: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { cpuMs: number; rss: number; heapUsed: number }));
        child.send('usage');
      }),
    stop: async () => {
      child.send('stop');
      const killed = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killed);
    },
  } satisfies ChildWorker;
}
