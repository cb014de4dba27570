import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Notification } from '../activities/index.js';
import type { CompactCalendar } from '../calendar/compact.js';
import type { CalendarTable } from '../calendar/holidays.js';
import type { ProcessDefinitionInput } from '../machines/definition.schema.js';
import type { PersistedProcess, Process, ProcessView } from '../machines/process.js';
import { processOf, shippedDefinition, type DefinitionRef } from '../machines/shipped.js';
import { DecisionDesk, type AppliedUpdate } from './decision-desk.js';
import { ProcessRun } from './process-run.js';
import { decideUpdate, viewQuery } from './process.messages.js';

/** What starts (or continues) a process workflow: the definition it runs, and the dossier. */
export interface ProcessWorkflowInput {
  /**
   * The shipped definition the workflow runs, by id, version and content hash; the worker takes it from the bundle,
   * which keeps every version a running workflow names (machines/definitions/index.ts).
   */
  process?: DefinitionRef;
  /** The whole definition, as starts sent it before they sent a reference: kept so their histories replay. */
  definition?: ProcessDefinitionInput;
  input: unknown;
  /** Days off and working days for the years the process may span, resolved by the client at start (dates only). */
  calendar: CompactCalendar | CalendarTable;
  /** The machine state carried over by continueAsNew. */
  persisted?: PersistedProcess;
  /** Notifications decided before continueAsNew and not yet delivered. */
  pending?: Notification[];
  /** The decide Updates applied before continueAsNew, so a repeat returns its result instead of a refusal. */
  applied?: AppliedUpdate[];
}

/** Drives any compiled process: feeds decisions and deadlines to the machine and carries out its effects. */
export async function processWorkflow(args: ProcessWorkflowInput): Promise<ProcessView> {
  const run = ProcessRun.begin(compile(args), args);
  setHandler(viewQuery, () => run.view());
  // Not setCheckedUpdate: a decision may wait for its step on the server, and a repeated Update id is no refusal.
  const desk = new DecisionDesk(run, args.applied);
  setHandler(decideUpdate, (decision) => desk.decide(decision), { validator: (decision) => desk.validate(decision) });

  const continueAsNewNow = async () => {
    await condition(allHandlersFinished);
    await continueAsNew<typeof processWorkflow>({ ...args, ...run.carryOver(), applied: desk.carryOver() });
  };
  for (;;) {
    // Runs that loop inline await the SDK's own promises, with no async helper between (see ProcessRun.inline).
    if (run.inline) {
      for (let notification; !run.continuing() && (notification = run.nextNotification());)
        run.delivered(notification, await run.send(notification));
    } else await run.deliverOutbox();
    // The notifications not yet sent go with the state to the next run.
    if (run.continuing()) await continueAsNewNow();
    if (!run.active) break;
    const deadline = run.nextDeadline();
    let woke: boolean;
    if (run.inline) {
      await run.waitUntil(deadline);
      woke = run.woke();
    } else woke = await run.waitForDecisionOrDeadline(deadline);
    if (!woke && deadline) await run.takeDeadline(deadline);
    if (!run.continuesWhenFree && workflowInfo().continueAsNewSuggested) await continueAsNewNow();
  }
  await condition(allHandlersFinished);
  return run.view();
}

/**
 * The compiled process of the definition the workflow was started with, without building a schema (the face validated
 * it fully before the start), shared by the workflows of a worker thread. A reference this worker's code lacks fails
 * the workflow task, so the workflow waits for a worker that has it; an invalid definition fails the workflow for good.
 */
function compile({ process: ref, definition }: ProcessWorkflowInput): Process {
  if (ref) {
    const shipped = shippedDefinition(ref);
    if (!shipped.success) throw new Error(shipped.error);
    return processOf(shipped.data, ref.hash);
  }
  if (!definition)
    throw ApplicationFailure.nonRetryable(
      'expected the definition to run: a reference (process) or a definition',
      'InvalidDefinition',
    );
  try {
    return processOf(definition);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidDefinition');
  }
}
