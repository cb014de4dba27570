import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { ProcessDefinitionInput } from '../machines/definition.schema.js';
import { parseStartInput } from '../machines/input.schema.js';
import { createProcess, DEADLINE_REACHED, type PersistedProcess, type ProcessEffect, type ProcessView } from '../machines/process.js';
import { decideUpdate, viewQuery } from './process.messages.js';
import { searchAttributeKeys as keys } from './search-attributes.js';

const { notify } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, initialInterval: '2 seconds' },
});

/** What starts (or continues) a process workflow: the definition as it was at start, and the dossier. */
export interface ProcessWorkflowInput {
  /** The whole definition, so later edits to definition files never change a running workflow. */
  definition: ProcessDefinitionInput;
  input: unknown;
  /** The machine state carried over by continueAsNew. */
  persisted?: PersistedProcess;
  /** Effects decided before continueAsNew and not yet carried out. */
  pending?: ProcessEffect[];
}

const now = () => new Date().toISOString();

/** Drives any compiled process: feeds decisions and deadlines to the machine and carries out its effects. */
export async function processWorkflow(args: ProcessWorkflowInput): Promise<ProcessView> {
  let process: ReturnType<typeof createProcess>;
  try {
    process = createProcess(args.definition);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidDefinition');
  }
  const pending: ProcessEffect[] = [...(args.pending ?? [])];
  let snapshot: ReturnType<typeof process.restore>;
  if (args.persisted) {
    snapshot = process.restore(args.persisted);
  } else {
    const context = parseStartInput(process.definition, args.input, now());
    if (!context.success) throw ApplicationFailure.nonRetryable(context.error, 'InvalidInput');
    const [first, effects] = process.start(context.data);
    snapshot = first;
    pending.push(...effects);
  }
  // Set when the state changed; the main loop wakes on it. Search attributes follow every change at once.
  let changed = true;
  const publish = () => {
    changed = true;
    upsertSearchAttributes(searchAttributesOf(process.view(snapshot)));
  };
  publish();

  setHandler(viewQuery, () => process.view(snapshot));
  setHandler(
    decideUpdate,
    (decision) => {
      const checked = process.check(snapshot, decision, now());
      if (!checked.success) throw ApplicationFailure.nonRetryable(checked.error, 'DecisionRefused');
      const [next, effects] = process.apply(snapshot, checked.data);
      snapshot = next;
      pending.push(...effects);
      publish();
      return process.view(snapshot);
    },
    {
      validator: (decision) => {
        const checked = process.check(snapshot, decision, now());
        if (!checked.success) throw ApplicationFailure.nonRetryable(checked.error, 'DecisionRefused');
      },
    },
  );

  for (;;) {
    while (pending.length > 0) {
      const effect = pending.shift()!;
      const view = process.view(snapshot);
      await notify({
        workflowId: workflowInfo().workflowId,
        process: view.process,
        subject: view.subject,
        stage: effect.stage,
        to: effect.to === 'awaited' ? (process.definition.stages[effect.stage]?.role ?? effect.to) : effect.to,
        template: effect.template,
        draftVersion: view.draftVersion,
        dueAt: view.state === effect.stage ? (view.awaiting?.dueAt ?? null) : null,
      });
    }
    changed = false;
    if (snapshot.status !== 'active') break;

    const deadline = process.nextDeadline(snapshot);
    const wait = deadline ? Date.parse(deadline.dueAt) - Date.now() : undefined;
    const woke = wait === undefined ? await condition(() => changed || pending.length > 0).then(() => true)
      : wait <= 0 ? false
      : await condition(() => changed || pending.length > 0, wait);
    if (!woke && deadline) {
      [snapshot] = process.apply(snapshot, { type: DEADLINE_REACHED, milestone: deadline.milestone, at: now() });
      publish();
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof processWorkflow>({ definition: args.definition, input: args.input, persisted: process.persist(snapshot), pending });
    }
  }
  await condition(allHandlersFinished);
  return process.view(snapshot);
}

function searchAttributesOf(view: ProcessView) {
  return [
    { key: keys.process, value: view.process },
    { key: keys.stage, value: view.state },
    { key: keys.status, value: view.status },
    { key: keys.awaitedRole, value: view.awaiting?.role ?? null },
    { key: keys.dueAt, value: view.awaiting?.dueAt ? new Date(view.awaiting.dueAt) : null },
  ];
}
