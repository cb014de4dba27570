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
import type { createActivities, Notification } from '../activities/index.js';
import type { CalendarTable } from '../calendar/holidays.js';
import type { ProcessDefinitionInput } from '../machines/definition.schema.js';
import { parseStartInput } from '../machines/input.schema.js';
import {
  createProcess,
  DEADLINE_REACHED,
  ESCALATION_DELIVERED,
  type PersistedProcess,
  type ProcessEffect,
  type ProcessView,
} from '../machines/process.js';
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
  /** Days off and working days for the years the process may span, resolved by the client at start. */
  calendar: CalendarTable;
  /** The machine state carried over by continueAsNew. */
  persisted?: PersistedProcess;
  /** Notifications decided before continueAsNew and not yet delivered. */
  pending?: Notification[];
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
  const { workflowId } = workflowInfo();
  const outbox: Notification[] = [...(args.pending ?? [])];
  let snapshot: ReturnType<typeof process.restore>;

  // Effects become notifications at once, with the state they were decided in, so their keys are stable.
  const enqueue = (effects: ProcessEffect[]) => {
    const view = process.view(snapshot);
    for (const effect of effects) {
      const stage = effect.type === 'notify' ? effect.stage : view.state;
      const role = effect.to === 'awaited' ? (process.definition.stages[stage]?.role ?? null) : effect.to;
      if (!role) continue;
      const assignee =
        effect.to === 'awaited' && snapshot.context.assignee?.stage === stage ? snapshot.context.assignee.id : null;
      const milestoneId = effect.type === 'escalate' ? effect.milestone : process.definition.stages[stage]?.milestone;
      const milestone = snapshot.context.milestones.find((m) => m.id === milestoneId);
      const rung = effect.type === 'escalate' ? milestone?.rungs.find((r) => r.id === effect.rung) : undefined;
      outbox.push({
        key:
          effect.type === 'escalate'
            ? `${workflowId}:${effect.milestone}:${effect.rung}:${rung?.at}`
            : `${workflowId}:${stage}:${effect.template}:${snapshot.context.history.length}`,
        kind: effect.type === 'escalate' ? 'escalation' : 'stage',
        template: effect.type === 'escalate' ? 'escalation' : effect.template,
        workflowId,
        process: view.process,
        subject: view.subject,
        stage,
        role,
        assignee,
        channels: effect.type === 'escalate' ? effect.channels : ['email'],
        draftVersion: view.draftVersion,
        milestone: milestone ? { id: milestone.id, title: milestone.title.vi, dueAt: milestone.dueAt } : null,
        rung: effect.type === 'escalate' ? effect.rung : null,
        at: now(),
      });
    }
  };

  if (args.persisted) {
    snapshot = process.restore(args.persisted);
  } else {
    const context = parseStartInput(process.definition, args.input, now(), args.calendar);
    if (!context.success) throw ApplicationFailure.nonRetryable(context.error, 'InvalidInput');
    const [first, effects] = process.start(context.data);
    snapshot = first;
    enqueue(effects);
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
      enqueue(effects);
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
    while (outbox.length > 0) {
      const notification = outbox.shift()!;
      const deliveries = await notify(notification);
      if (notification.kind !== 'escalation') continue;
      for (const delivery of deliveries) {
        [snapshot] = process.apply(snapshot, {
          type: ESCALATION_DELIVERED,
          at: now(),
          delivery: { milestone: notification.milestone!.id, rung: notification.rung!, ...delivery },
        });
      }
    }
    changed = false;
    if (snapshot.status !== 'active') break;

    const deadline = process.nextDeadline(snapshot);
    const wait = deadline ? Date.parse(deadline.at) - Date.now() : undefined;
    const woke =
      wait === undefined
        ? await condition(() => changed || outbox.length > 0).then(() => true)
        : wait <= 0
          ? false
          : await condition(() => changed || outbox.length > 0, wait);
    if (!woke && deadline) {
      const [next, effects] = process.apply(snapshot, {
        type: DEADLINE_REACHED,
        milestone: deadline.milestone,
        ...(deadline.rung ? { rung: deadline.rung } : {}),
        at: now(),
      });
      if (next.context === snapshot.context) {
        // The machine did not take the deadline (it should always): wait rather than spin.
        await condition(() => changed || outbox.length > 0, 60_000);
      }
      snapshot = next;
      enqueue(effects);
      publish();
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof processWorkflow>({ ...args, persisted: process.persist(snapshot), pending: outbox });
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
    { key: keys.escalationLevel, value: view.awaiting?.escalationLevel ?? 0 },
  ];
}
