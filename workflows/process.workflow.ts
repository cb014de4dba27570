import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities, Notification } from '../activities/index.js';
import { expandCalendar, type CompactCalendar } from '../calendar/compact.js';
import type { CalendarTable } from '../calendar/holidays.js';
import type { ProcessSnapshot } from '../machines/compile.js';
import type { ProcessDefinitionInput } from '../machines/definition.schema.js';
import {
  DEADLINE_REACHED,
  ESCALATION_DELIVERED,
  type PersistedProcess,
  type Process,
  type ProcessEffect,
  type ProcessView,
  type DecisionOutcome,
} from '../machines/process.js';
import { processOf, shippedDefinition, type DefinitionRef } from '../machines/shipped.js';
import { startContext } from '../machines/start-context.js';
import type { PersonEvent } from '../machines/process.types.js';
import { awaitedRole, notifiedRoles } from '../machines/units.js';
import { decideUpdate, viewQuery } from './process.messages.js';
import { searchAttributeKeys as keys } from './search-attributes.js';
import { DecisionDesk, type AppliedUpdate } from './decision-desk.js';

// The activity heartbeats every second, so a worker that dies is noticed within the heartbeat timeout and the
// attempt retried in seconds; each message is recorded as it is accepted, so a retry resends nothing recorded.
const { notify } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '5 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

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

/** The next instant the machine waits for: a milestone's due instant, or one rung of its ladder. */
type Deadline = NonNullable<ReturnType<Process['nextDeadline']>>;

const now = () => new Date().toISOString();

/** Drives any compiled process: feeds decisions and deadlines to the machine and carries out its effects. */
export async function processWorkflow(args: ProcessWorkflowInput): Promise<ProcessView> {
  const run = ProcessRun.begin(compile(args), args);
  setHandler(viewQuery, () => run.view());
  // Not setCheckedUpdate: a decision may wait for its step on the server, and a repeated Update id is no refusal.
  const desk = new DecisionDesk(run, args.applied);
  setHandler(decideUpdate, (decision) => desk.decide(decision), { validator: (decision) => desk.validate(decision) });

  for (;;) {
    await run.deliverOutbox();
    if (!run.active) break;
    const deadline = run.nextDeadline();
    const woke = await run.waitForDecisionOrDeadline(deadline);
    if (!woke && deadline) await run.takeDeadline(deadline);
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof processWorkflow>({ ...args, ...run.carryOver(), applied: desk.carryOver() });
    }
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

/** One run of a process workflow: the machine's snapshot, the notifications still to send, and what moves them. */
class ProcessRun {
  readonly workflowId = workflowInfo().workflowId;
  /** Histories recorded before the assignee search attribute existed replay without it. */
  private readonly withAssignee = patched('assignee-search-attribute');
  /** Histories recorded before the workflow upserted only the search attributes that changed replay with all of them. */
  private readonly changesOnly = patched('search-attribute-changes-only');
  private readonly outbox: Notification[];

  private constructor(
    private readonly process: Process,
    private snapshot: ProcessSnapshot,
    pending: Notification[],
  ) {
    this.outbox = [...pending];
  }

  /** Restores the state carried over by continueAsNew, or starts the machine on the dossier; then publishes it. */
  static begin(process: Process, args: ProcessWorkflowInput): ProcessRun {
    if (args.persisted) {
      const run = new ProcessRun(process, process.restore(args.persisted), args.pending ?? []);
      run.publish();
      return run;
    }
    const context = startContext(process.definition, args.input, now(), expandCalendar(args.calendar));
    if (!context.success) throw ApplicationFailure.nonRetryable(context.error, 'InvalidInput');
    const [first, effects] = process.start(context.data);
    const run = new ProcessRun(process, first, args.pending ?? []);
    run.enqueue(effects);
    run.publish();
    return run;
  }

  get definition() {
    return this.process.definition;
  }

  get active(): boolean {
    return this.snapshot.status === 'active';
  }

  view(): ProcessView {
    return this.process.view(this.snapshot);
  }

  /** Where the process stands and whom it awaits: what an Update returns. */
  outcome(): DecisionOutcome {
    return this.process.outcome(this.snapshot);
  }

  nextDeadline(): Deadline | null {
    return this.process.nextDeadline(this.snapshot);
  }

  /** What continueAsNew carries: the machine's state and the notifications not yet sent. */
  carryOver(): Pick<ProcessWorkflowInput, 'persisted' | 'pending'> {
    return { persisted: this.process.persist(this.snapshot), pending: this.outbox };
  }

  /**
   * A decision checked against the current state, or the refusal that says why it cannot be taken: `DecisionForbidden`
   * when the actor's roles do not act on it at this stage, `DecisionRefused` when the stage cannot take it now.
   */
  check(decision: unknown): PersonEvent {
    const checked = this.process.check(this.snapshot, decision, now());
    if (!checked.success)
      throw ApplicationFailure.nonRetryable(checked.error, checked.forbidden ? 'DecisionForbidden' : 'DecisionRefused');
    return checked.data;
  }

  /** Feeds a checked decision to the machine, queues the notifications its effects ask for and publishes the state. */
  take(event: PersonEvent): void {
    const [next, effects] = this.process.apply(this.snapshot, event);
    this.snapshot = next;
    this.enqueue(effects);
    this.publish();
  }

  /** Sends every queued notification, oldest first; what an escalation's deliveries did goes back to the machine. */
  async deliverOutbox(): Promise<void> {
    for (let notification = this.outbox.shift(); notification; notification = this.outbox.shift()) {
      const deliveries = await notify(notification);
      const { kind, milestone, rung } = notification;
      if (kind !== 'escalation' || !milestone || !rung) continue;
      for (const delivery of deliveries) {
        [this.snapshot] = this.process.apply(this.snapshot, {
          type: ESCALATION_DELIVERED,
          at: now(),
          delivery: { milestone: milestone.id, rung, ...delivery },
        });
      }
    }
  }

  /**
   * Waits until a decision changes the state or queues a notification (true), or until the deadline passes (false);
   * a deadline already past returns false at once, and with no deadline only a decision wakes it.
   */
  async waitForDecisionOrDeadline(deadline: Deadline | null): Promise<boolean> {
    if (!deadline) {
      await this.waitForChange();
      return true;
    }
    const wait = Date.parse(deadline.at) - Date.now();
    return wait <= 0 ? false : this.waitForChange(wait);
  }

  /** Feeds a deadline that passed to the machine; one it refuses is logged and looked at again a minute later. */
  async takeDeadline(deadline: Deadline): Promise<void> {
    const { milestone, rung } = deadline;
    const [next, effects] = this.process.apply(this.snapshot, {
      type: DEADLINE_REACHED,
      milestone,
      ...(rung ? { rung } : {}),
      at: now(),
    });
    if (next.context === this.snapshot.context) {
      log.warn('the process machine refused a deadline that is due; looking again in a minute', {
        workflowId: this.workflowId,
        state: String(this.snapshot.value),
        milestone,
        rung: rung ?? null,
        dueAt: deadline.at,
      });
      await this.waitForChange(60_000);
      this.publish();
      return;
    }
    this.snapshot = next;
    this.enqueue(effects);
    this.publish();
  }

  /** Resolves true once a handler changes the state or queues a notification, false when `timeout` ms pass first. */
  private waitForChange(timeout?: number): Promise<boolean> {
    const seen = this.snapshot;
    const changed = () => this.snapshot !== seen || this.outbox.length > 0;
    return timeout === undefined ? condition(changed).then(() => true) : condition(changed, timeout);
  }

  /** Keeps the search attributes in step with the state. */
  private publish(): void {
    const wanted = searchAttributesOf(this.process.definition.id, this.outcome(), this.withAssignee);
    const changed = this.changesOnly ? wanted.filter(isChanged) : wanted;
    if (changed.length > 0) upsertSearchAttributes(changed);
  }

  /** Effects become notifications at once, with the state they were decided in, so their keys are stable. */
  private enqueue(effects: ProcessEffect[]): void {
    for (const effect of effects) {
      const { facts } = this.snapshot.context;
      // A role inside units (the lead agency, each coordinating one) is told once per unit.
      const roles = effect.to === 'awaited' ? [null] : notifiedRoles(this.process.definition, effect.to, facts);
      for (const role of roles) {
        const notification = this.notificationOf(
          role === null || role === effect.to ? effect : { ...effect, to: role },
        );
        if (notification) this.outbox.push(notification);
      }
    }
  }

  /** The notification an effect asks for, or null when it names the awaited role of a state that awaits nobody. */
  private notificationOf(effect: ProcessEffect): Notification | null {
    const { context } = this.snapshot;
    const { stages, id: process } = this.process.definition;
    const stage = effect.type === 'notify' ? effect.stage : String(this.snapshot.value);
    const awaited = effect.to === 'awaited';
    const awaitedStage = stages[stage];
    const role = awaited ? (awaitedStage ? awaitedRole(awaitedStage, context.facts) : null) : effect.to;
    if (!role) return null;
    const milestoneId = effect.type === 'escalate' ? effect.milestone : stages[stage]?.milestone;
    const milestone = context.milestones.find((m) => m.id === milestoneId);
    const specific =
      effect.type === 'escalate'
        ? {
            key: `${this.workflowId}:${effect.milestone}:${effect.rung}:${milestone?.rungs.find((r) => r.id === effect.rung)?.at}`,
            kind: 'escalation' as const,
            template: 'escalation',
            channels: effect.channels,
            rung: effect.rung,
          }
        : {
            key: `${this.workflowId}:${stage}:${effect.template}:${context.history.length}${role.includes('@') && !awaited ? `:${role}` : ''}`,
            kind: 'stage' as const,
            template: effect.template,
            channels: ['email' as const],
            rung: null,
          };
    // The fields in the order the activity has always received them.
    return {
      key: specific.key,
      kind: specific.kind,
      template: specific.template,
      workflowId: this.workflowId,
      process,
      subject: context.subject,
      stage,
      role,
      assignee: awaited && context.assignee?.stage === stage ? context.assignee.id : null,
      channels: specific.channels,
      draftVersion: context.draftVersion,
      milestone: milestone ? { id: milestone.id, title: milestone.title.vi, dueAt: milestone.dueAt } : null,
      rung: specific.rung,
      at: now(),
    };
  }
}

function searchAttributesOf(process: string, view: DecisionOutcome, withAssignee: boolean) {
  return [
    { key: keys.process, value: process },
    { key: keys.stage, value: view.state },
    { key: keys.status, value: view.status },
    { key: keys.awaitedRole, value: view.awaiting?.role ?? null },
    { key: keys.dueAt, value: view.awaiting?.dueAt ? new Date(view.awaiting.dueAt) : null },
    { key: keys.escalationLevel, value: view.awaiting?.escalationLevel ?? 0 },
    ...(withAssignee ? [{ key: keys.assignee, value: view.awaiting?.assignee ?? null }] : []),
  ];
}

/** Whether a search attribute the workflow wants differs from the one it has (null: not set). */
function isChanged({ key, value }: ReturnType<typeof searchAttributesOf>[number]): boolean {
  const current = workflowInfo().typedSearchAttributes.get(key as never) as unknown;
  if (value === null) return current !== undefined;
  if (value instanceof Date) return !(current instanceof Date) || current.getTime() !== value.getTime();
  return current !== value;
}
