import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { toPlainDate, type PlainDate } from '../calendar/dates.js';
import { ledgerWorkflowId, type LedgerEntry } from '../delegation/rules.js';
import type { DecisionStepRequest } from '../workflows/decision-steps.js';
import type { ReportFiled, ReserveTrips } from '../workflows/ledger.messages.js';
import type { LedgerWorkflowInput } from '../workflows/ledger.workflow.js';

/** What the ledger activities need: a Temporal client and the task queue a ledger workflow is started on. */
export interface LedgerDeps {
  client: () => Client;
  taskQueue: string;
}

/** The facts a delegation's start put in its context (client/delegations.ts), as the ledger steps read them. */
interface DelegationFacts {
  ruleSet: { id: string; version: number };
  /** Resolved from the rule set at start, so a later edit of the rule set files changes no running dossier. */
  ledger: { tripsPerKeyLeader: number; reportDueAt: PlainDate };
  direction: 'out' | 'in';
  travellers: string[];
  keyLeaders: string[];
  startDate: PlainDate;
  endDate: PlainDate;
  exceptions: Array<{ rule: string; facts: Record<string, unknown> }>;
}

/** The Update names of the ledger workflow (workflows/ledger.messages.ts). */
type LedgerUpdate = 'reserveTrips' | 'releaseTrips' | 'recordReport';

/**
 * Sends one Update to the ledger of a rule set and year, starting the ledger when it does not run yet; a refusal
 * by the ledger becomes a non-retryable failure with the ledger's reason and type, anything else is retried.
 */
export async function updateLedger<Ret>(
  deps: LedgerDeps,
  ledger: { ruleSet: string; year: number; tripsPerKeyLeader: number },
  update: LedgerUpdate,
  arg: ReserveTrips | ReportFiled | { delegation: string },
): Promise<Ret> {
  const start = new WithStartWorkflowOperation('ledgerWorkflow', {
    workflowId: ledgerWorkflowId(ledger.ruleSet, ledger.year),
    taskQueue: deps.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [ledger satisfies LedgerWorkflowInput],
  });
  try {
    return (await deps.client().workflow.executeUpdateWithStart(update, {
      args: [arg],
      startWorkflowOperation: start,
    })) as Ret;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)
      throw ApplicationFailure.nonRetryable(err.cause.message, err.cause.type);
    throw err;
  }
}

/** The ledger's entries of one delegation. */
async function entriesOf(deps: LedgerDeps, ruleSet: string, year: number, delegation: string): Promise<LedgerEntry[]> {
  const entries = await deps
    .client()
    .workflow.getHandle(ledgerWorkflowId(ruleSet, year))
    .query<LedgerEntry[]>('entries');
  return entries.filter((entry) => entry.delegation === delegation);
}

/** A ledger refusal of a given type, so a retried step can tell "already done" from a refusal. */
const refusedAs = (err: unknown, type: string) => err instanceof ApplicationFailure && err.type === type;

/** What a delegation's final approval reserves: its travellers, key leaders marked, and the exceptions allowed. */
export function reservationOf(request: DecisionStepRequest): ReserveTrips {
  const facts = request.facts as unknown as DelegationFacts;
  return {
    delegation: request.workflowId,
    year: Number(facts.startDate.slice(0, 4)),
    travellers: facts.travellers.map((id) => ({ id, keyLeader: facts.keyLeaders.includes(id) })),
    startDate: facts.startDate,
    endDate: facts.endDate,
    // Derived from the return date and the rule set at start, never taken from an edited milestone.
    reportDueAt: facts.ledger.reportDueAt,
    // Key leaders whose extra trip the competent authority allowed in the exception step.
    exceptions: facts.exceptions
      .filter((e) => e.rule === 'KEY_LEADER_TRIPS_PER_YEAR')
      .map((e) => String(e.facts.person)),
  };
}

/**
 * The decision steps a process definition may declare (machines/definition.schema.ts), run by the worker for the
 * process workflow: each is idempotent, so a retry after a crash finds its own earlier work and succeeds.
 */
export function createLedgerActivities(deps: LedgerDeps) {
  return {
    /** Reserves, releases or reports a delegation's trips in the ledger of its rule set and year. */
    async settleDecision(request: DecisionStepRequest): Promise<{ step: string; entries: number }> {
      const facts = request.facts as unknown as DelegationFacts;
      if (!facts.ruleSet?.id || !facts.ledger || typeof facts.startDate !== 'string')
        throw ApplicationFailure.nonRetryable(
          `the facts of ${request.workflowId} lack what the ledger needs (ruleSet, ledger, startDate); expected a dossier started as a delegation by this version of duyet`,
          'InvalidFacts',
        );
      const year = Number(facts.startDate.slice(0, 4));
      const ledger = { ruleSet: facts.ruleSet.id, year, tripsPerKeyLeader: facts.ledger.tripsPerKeyLeader };
      const delegation = request.workflowId;
      const done = (entries: number) => ({ step: request.step, entries });
      if (request.step === 'releaseTrips')
        return done(await updateLedger<number>(deps, ledger, 'releaseTrips', { delegation }));
      const [update, arg, already] =
        request.step === 'reserveTrips'
          ? (['reserveTrips', reservationOf(request), 'AlreadyReserved'] as const)
          : (['recordReport', { delegation, filedAt: toPlainDate(request.at) }, 'AlreadyFiled'] as const);
      try {
        return done((await updateLedger<LedgerEntry[]>(deps, ledger, update, arg)).length);
      } catch (err) {
        // An attempt that crashed after the ledger took it: the ledger already holds this delegation's work.
        if (refusedAs(err, already)) return done((await entriesOf(deps, ledger.ruleSet, year, delegation)).length);
        throw err;
      }
    },
  };
}
