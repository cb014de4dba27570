import { ApplicationFailure, condition, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createActivities, Notification } from '../activities/index.js';
import { expandCalendar } from '../calendar/compact.js';
import type { ProcessSnapshot } from '../machines/compile.js';
import {
  DEADLINE_REACHED,
  ESCALATION_DELIVERED,
  type DecisionOutcome,
  type Process,
  type ProcessEffect,
  type ProcessView,
} from '../machines/process.js';
import type { PersonEvent } from '../machines/process.types.js';
import { hasReports, reportSummary } from '../machines/report-summary.js';
import { startContext } from '../machines/start-context.js';
import { notifiedRoles } from '../machines/units.js';
import { DeadlineTimer } from './deadline-timer.js';
import { notificationOf } from './notifications.js';
import type { ProcessWorkflowInput } from './process.workflow.js';
import { publishSearchAttributes } from './search-attribute-upserts.js';

// The activity heartbeats every second, so a worker that dies is noticed within the heartbeat timeout and the
// attempt retried in seconds; each message is recorded as it is accepted, so a retry resends nothing recorded.
const { notify } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '5 seconds',
  retry: { maximumAttempts: 10, initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** The next instant the machine waits for: a milestone's due instant, or one rung of its ladder. */
export type Deadline = NonNullable<ReturnType<Process['nextDeadline']>>;

const now = () => new Date().toISOString();

/** One run of a process workflow: the machine's snapshot, the notifications still to send, and what moves them. */
export class ProcessRun {
  readonly workflowId = workflowInfo().workflowId;
  /**
   * Runs started on this code record one marker that stands for every change below; each marker is an event in every
   * run's history. Histories recorded before it replay with the markers they have, looked at one by one.
   */
  private readonly current = patched('process-run-2026-11');
  /** Histories recorded before the assignee search attribute existed replay without it. */
  private readonly withAssignee = this.current || patched('assignee-search-attribute');
  /** Histories recorded before the workflow upserted only the search attributes that changed replay with all of them. */
  private readonly changesOnly = this.current || patched('search-attribute-changes-only');
  /** Histories recorded before the workflow kept its deadline timer across decisions replay with a timer per wait. */
  private readonly keepsTimer = this.current || patched('deadline-timer-kept');
  /**
   * A process with reports (a task, a programme) upserts the report it owes next and the last it took; histories
   * recorded before it did, and processes without reports, replay without them.
   */
  private readonly withReports: boolean;
  /**
   * Whether the workflow loop sends notifications and waits inline, without an async helper between it and the SDK's
   * promises (each adds promises the SDK tracks, at every replay too); histories recorded before it (or before the
   * kept timer) replay through the helpers, whose extra steps ordered their commands.
   */
  readonly inline = this.current || (this.keepsTimer && patched('decision-loop-inline'));
  /**
   * Whether the run continues as new at the first point the server suggests it where the loop holds no command: after
   * each notification sent and before each wait. Runs recorded before it looked only after a wait a decision or a
   * deadline ended, which a dossier decided while its notifications were still being sent could miss for long.
   */
  readonly continuesWhenFree = this.current || (this.inline && patched('continue-as-new-when-free'));
  private readonly timer = new DeadlineTimer();
  /** How the last inline wait ended: true for a change, false for its deadline (see {@link ProcessRun.woke}). */
  private wokeBy: () => boolean = () => true;
  private readonly outbox: Notification[];

  private constructor(
    private readonly process: Process,
    private snapshot: ProcessSnapshot,
    pending: Notification[],
  ) {
    this.outbox = [...pending];
    this.withReports = hasReports(process.definition) && (this.current || patched('report-search-attributes'));
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
      this.delivered(notification, deliveries);
    }
  }

  /** Whether the loop should continue as new now (see {@link continuesWhenFree}): a finished run sends all first. */
  continuing(): boolean {
    return this.continuesWhenFree && this.active && workflowInfo().continueAsNewSuggested;
  }

  /** The oldest queued notification, taken off the queue to be sent; undefined when none is queued. */
  nextNotification(): Notification | undefined {
    return this.outbox.shift();
  }

  /** Sends a notification through the activity (its promise as it is: the loop awaits it, no wrapper in between). */
  send(notification: Notification): ReturnType<typeof notify> {
    return notify(notification);
  }

  /** Feeds what an escalation's deliveries did back to the machine; other notifications need nothing more. */
  delivered(notification: Notification, deliveries: Awaited<ReturnType<typeof notify>>): void {
    const { kind, milestone, rung } = notification;
    if (kind !== 'escalation' || !milestone || !rung) return;
    for (const delivery of deliveries) {
      [this.snapshot] = this.process.apply(this.snapshot, {
        type: ESCALATION_DELIVERED,
        at: now(),
        delivery: { milestone: milestone.id, rung, ...delivery },
      });
    }
  }

  /**
   * Waits until a decision changes the state or queues a notification (true), or until the deadline passes (false);
   * a deadline already past returns false at once, and with no deadline only a decision wakes it. The wait of runs
   * that loop through the helpers (see {@link inline}).
   */
  async waitForDecisionOrDeadline(deadline: Deadline | null): Promise<boolean> {
    if (this.keepsTimer && deadline) return this.waitOnKeptTimer(Date.parse(deadline.at));
    if (!deadline) {
      await this.waitForChange();
      return true;
    }
    const wait = Date.parse(deadline.at) - Date.now();
    return wait <= 0 ? false : this.waitForChange(wait);
  }

  /**
   * Waits on the kept timer until a decision changes the state or queues a notification (true), or until the deadline
   * at `at` (epoch ms) passes (false); a timer kept from a sooner deadline that fires first wakes it early (true).
   */
  private async waitOnKeptTimer(at: number): Promise<boolean> {
    if (at <= Date.now()) return false;
    const timer = this.timer.by(at);
    const seen = this.snapshot;
    const changed = () => this.snapshot !== seen || this.outbox.length > 0;
    await condition(() => changed() || timer.fired);
    return changed() || Date.now() < at;
  }

  /**
   * The wait of runs that loop inline: until a decision changes the state or queues a notification, or the deadline
   * passes on the kept timer; {@link woke} then says which. A deadline already past ends it at once (nothing to
   * await). The promise is the SDK's own, unwrapped.
   */
  waitUntil(deadline: Deadline | null): Promise<void> | undefined {
    const seen = this.snapshot;
    const changed = () => this.snapshot !== seen || this.outbox.length > 0;
    if (!deadline) {
      this.wokeBy = () => true;
      return condition(changed);
    }
    const at = Date.parse(deadline.at);
    if (at <= Date.now()) {
      this.wokeBy = () => false;
      return undefined;
    }
    const timer = this.timer.by(at);
    this.wokeBy = () => changed() || Date.now() < at;
    return condition(() => changed() || timer.fired);
  }

  /** After {@link waitUntil}: whether a change ended the wait (true), or its deadline passed (false). */
  woke(): boolean {
    return this.wokeBy();
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
    const { definition } = this.process;
    publishSearchAttributes(definition.id, this.outcome(), {
      withAssignee: this.withAssignee,
      changesOnly: this.changesOnly,
      reports: this.withReports ? reportSummary(definition, this.snapshot.context, this.active) : null,
    });
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

  /** The notification an effect asks for, decided in the current state. */
  private notificationOf(effect: ProcessEffect): Notification | null {
    const { workflowId, definition, snapshot } = this;
    return notificationOf(effect, { workflowId, definition, snapshot, at: now() });
  }
}
