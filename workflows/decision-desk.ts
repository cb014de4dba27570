import {
  ActivityFailure,
  ApplicationFailure,
  currentUpdateInfo,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import type { DecisionOutcome, ProcessView } from '../machines/process.js';
import type { PersonEvent } from '../machines/process.types.js';
import { decisionStepOf, undoOf, type DecisionStepRequest } from './decision-steps.js';
import { byteSize, serverLimits, sizeLimits } from './limits.js';

const { settleDecision } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 12, initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/** An Update the workflow applied, with the result it returned, carried across continueAsNew. */
export interface AppliedUpdate {
  id: string;
  /** Left out for the older entries when the results would pass their budget; the current outcome answers then. */
  result?: DecisionOutcome;
}

/** What the desk needs of the run it decides for. */
export interface DecidingRun {
  readonly workflowId: string;
  readonly definition: ProcessDefinition;
  check(decision: unknown): PersonEvent;
  take(event: PersonEvent): void;
  outcome(): DecisionOutcome;
  view(): ProcessView;
}

/** Room in the record a decision takes beyond its own size (its history entry's fields). */
const PER_DECISION = 1024;

/**
 * Takes the `decide` Updates of one process workflow: a decision is refused in the validator when it is too large
 * for the history, when the dossier is busy completing another, or when the machine cannot take it; one the
 * definition sends through a decision step (the ledger) takes effect only once the step succeeded; and an Update
 * whose id was already applied, in this run or an earlier one, returns its earlier result instead of a refusal.
 */
export class DecisionDesk {
  private readonly applied: Map<string, DecisionOutcome | undefined>;
  private settling: string | null = null;
  /** What the validator checked, for the handler the SDK starts right after it (as setCheckedUpdate does). */
  private validated: { id: string; event: PersonEvent } | undefined;
  /** The record's size in bytes: measured once per run, then grown by each decision's estimate. */
  private recordBytes: number;

  constructor(
    private readonly run: DecidingRun,
    carried: AppliedUpdate[] = [],
  ) {
    this.applied = new Map(carried.map((entry) => [entry.id, entry.result]));
    this.recordBytes = byteSize(run.view());
  }

  /** The validator: refuses what must not enter history, and accepts a repeat of an applied Update. */
  validate(decision: unknown): void {
    this.validated = undefined;
    if (this.earlier() !== undefined) return;
    refuseOversized(decision, this.recordBytes);
    if (this.settling) {
      throw ApplicationFailure.nonRetryable(
        `the dossier is completing the decision ${this.settling} on the server; expected one decision at a time, send yours again in a few seconds`,
        'Busy',
      );
    }
    const event = this.run.check(decision);
    const id = currentUpdateInfo()?.id;
    if (id !== undefined) this.validated = { id, event };
  }

  /**
   * The handler: the earlier result of an applied Update, or the decision taken, after its step when it has one. Not
   * async when there is no step, so a decision costs no promise of its own (replay takes every decision again).
   */
  decide(decision: unknown): DecisionOutcome | Promise<DecisionOutcome> {
    const earlier = this.earlier();
    if (earlier !== undefined) return earlier ?? this.run.outcome();
    const id = currentUpdateInfo()?.id;
    const event = this.validated && this.validated.id === id ? this.validated.event : this.run.check(decision);
    this.validated = undefined;
    const step = this.run.definition.decisionSteps.length
      ? decisionStepOf(this.run.definition, this.run.outcome().state, event.type, this.run.view().facts)
      : null;
    return step ? this.decideAfter(step, decision, event.type) : this.conclude(decision, event);
  }

  /** A decision with a step: the step runs on the worker first, then the decision is checked again and taken. */
  private async decideAfter(
    step: DecisionStepRequest['step'],
    decision: unknown,
    type: PersonEvent['type'],
  ): Promise<DecisionOutcome> {
    this.settling = type;
    let event: PersonEvent;
    try {
      await this.settle(step);
      event = await this.recheck(decision, step);
    } finally {
      this.settling = null;
    }
    return this.conclude(decision, event);
  }

  /** Takes a checked decision and remembers its outcome under the Update's id. */
  private conclude(decision: unknown, event: PersonEvent): DecisionOutcome {
    this.run.take(event);
    this.recordBytes += byteSize(decision) + PER_DECISION;
    const outcome = this.run.outcome();
    this.remember(outcome);
    return outcome;
  }

  /** The decision checked again after its step; when the state moved on meanwhile (a deadline ended the dossier), the step is undone and the decision refused. */
  private async recheck(decision: unknown, step: DecisionStepRequest['step']): Promise<PersonEvent> {
    try {
      return this.run.check(decision);
    } catch (err) {
      const undo = undoOf[step];
      if (undo) await this.settle(undo);
      throw err;
    }
  }

  /** The applied Updates continueAsNew carries: the last ones by id, the newest results within their budget. */
  carryOver(): AppliedUpdate[] {
    const entries = [...this.applied].slice(-serverLimits.appliedIds);
    let budget = serverLimits.appliedResults;
    const carried: AppliedUpdate[] = [];
    for (const [id, result] of entries.reverse()) {
      const size = result ? byteSize(result) : 0;
      budget -= size;
      carried.unshift(result && budget >= 0 ? { id, result } : { id });
    }
    return carried;
  }

  /** The earlier result of the current Update when its id was applied (null when it was kept without one), else undefined. */
  private earlier(): DecisionOutcome | null | undefined {
    const id = currentUpdateInfo()?.id;
    if (!id || !this.applied.has(id)) return undefined;
    return this.applied.get(id) ?? null;
  }

  private remember(outcome: DecisionOutcome): void {
    const id = currentUpdateInfo()?.id;
    if (!id) return;
    this.applied.set(id, outcome);
    // Only the newest entries are ever carried; keep the map from growing without bound within a run too.
    if (this.applied.size > serverLimits.appliedIds * 2) {
      for (const old of [...this.applied.keys()].slice(0, this.applied.size - serverLimits.appliedIds))
        this.applied.delete(old);
    }
  }

  /** Runs a decision step on the worker; a refusal (the ledger's key-leader limit) refuses the decision with its reason. */
  private async settle(step: DecisionStepRequest['step']): Promise<void> {
    const { workflowId } = this.run;
    const { facts, milestones } = this.run.view();
    try {
      await settleDecision({
        step,
        workflowId,
        facts,
        milestones: milestones.map(({ id, dueAt }) => ({ id, dueAt })),
        at: new Date().toISOString(),
      });
    } catch (err) {
      const cause = err instanceof ActivityFailure ? err.cause : undefined;
      if (cause instanceof ApplicationFailure) throw ApplicationFailure.nonRetryable(cause.message, cause.type);
      throw ApplicationFailure.nonRetryable(
        `the decision's ${step} step could not be completed (${cause?.message ?? String(err)}); nothing was changed, expected the ledger to answer: try again once the worker and Temporal are up`,
        'StepFailed',
      );
    }
  }
}

/** Refuses a decision whose comment, size, or effect on the record or the history would pass Temporal's limits. */
function refuseOversized(decision: unknown, recordBytes: number): void {
  const refuse = (message: string) => {
    throw ApplicationFailure.nonRetryable(message, 'TooLarge');
  };
  const comment = (decision as { comment?: unknown } | null)?.comment;
  const commentSize = typeof comment === 'string' ? byteSize(comment) : 0;
  if (commentSize > sizeLimits.comment)
    refuse(`the comment is ${commentSize} bytes, over the limit of ${sizeLimits.comment} bytes; make it shorter`);
  const size = byteSize(decision);
  if (size > sizeLimits.request)
    refuse(`the decision is ${size} bytes, over the limit of ${sizeLimits.request} bytes; make it shorter`);
  if (recordBytes + size + PER_DECISION > serverLimits.view)
    refuse(
      `the dossier's record would pass ${serverLimits.view} bytes with this decision; expected a shorter comment, or close this dossier and open a follow-up`,
    );
  const { historyLength, historySize } = workflowInfo();
  if (historyLength > serverLimits.historyEvents || historySize > serverLimits.historyBytes)
    refuse(
      `the dossier's history (${historyLength} events, ${historySize} bytes) is at its budget; it continues as new shortly, send the decision again in a few seconds`,
    );
}
