import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import { reportDueDate, ruleSets, type LedgerEntry } from '../delegation/rules.js';
import type { DuyetConfig } from '../temporal.config.js';
import {
  entriesQuery,
  ledgerWorkflowId,
  recordReportUpdate,
  releaseTripsUpdate,
  reserveTripsUpdate,
  type ReserveTrips,
} from '../workflows/ledger.messages.js';
import type { ledgerWorkflow } from '../workflows/ledger.workflow.js';
import { addressOf } from './dossier-execution.js';
import { RequestError } from './errors.js';
import { mapFailures } from './failures.js';
import { loadRuleSets } from './rule-sets.js';

/** The options that start the ledger of a rule set and year, or reach it when it already runs. */
function ledgerStart(config: DuyetConfig, ruleSet: string, year: number, tripsPerKeyLeader: number) {
  return {
    workflowId: ledgerWorkflowId(ruleSet, year),
    taskQueue: config.temporal.taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING' as const,
    args: [{ ruleSet, year, tripsPerKeyLeader }] satisfies Parameters<typeof ledgerWorkflow>,
  };
}

// A ledger keeps the limit it started with, so only a caller that knows the limit may start one: a reservation,
// or any operation on a known rule set (shipped or in DUYET_RULE_SETS_DIR). Otherwise the ledger must already run.
const knownLimit = (config: DuyetConfig, ruleSet: string): number | undefined =>
  loadRuleSets(config.ruleSetsDir)[ruleSet]?.tripsPerKeyLeaderPerYear;

const notStarted = (ruleSet: string, year: number) =>
  new RequestError(
    `no ledger of rule set "${ruleSet}" for ${year}; expected a shipped rule set (${Object.keys(ruleSets).join(', ')}) or a ledger started by a reservation`,
  );

async function updateLedger<Ret, Arg>(
  client: Client,
  config: DuyetConfig,
  ledger: { ruleSet: string; year: number; tripsPerKeyLeader: number | undefined },
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const { ruleSet, year, tripsPerKeyLeader } = ledger;
  return mapFailures({ address: addressOf(client), notFound: () => notStarted(ruleSet, year).message }, async () => {
    if (tripsPerKeyLeader === undefined)
      return await client.workflow.getHandle(ledgerWorkflowId(ruleSet, year)).executeUpdate(update, { args: [arg] });
    const startWorkflowOperation = new WithStartWorkflowOperation<typeof ledgerWorkflow>(
      'ledgerWorkflow',
      ledgerStart(config, ruleSet, year, tripsPerKeyLeader),
    );
    return await client.workflow.executeUpdateWithStart(update, { args: [arg], startWorkflowOperation });
  });
}

/**
 * Every entry of the ledger of a rule set and year. Reading starts nothing: a known rule set's ledger that no
 * reservation has started yet holds no trips; an unknown one's is refused as not found.
 */
export async function ledgerEntries(
  client: Client,
  config: DuyetConfig,
  ruleSet: string,
  year: number,
): Promise<LedgerEntry[]> {
  const known = knownLimit(config, ruleSet) !== undefined;
  return mapFailures({ address: addressOf(client), notFound: () => notStarted(ruleSet, year).message }, async () => {
    try {
      return await client.workflow.getHandle(ledgerWorkflowId(ruleSet, year)).query(entriesQuery);
    } catch (err) {
      if (known && err instanceof WorkflowNotFoundError) return [];
      throw err;
    }
  });
}

/**
 * Enters an approved delegation's trips in the ledger of the year they start, the report due from the return date and
 * the rule set; a key leader beyond the limit without an exception throws RequestError.
 */
export async function reserveTrips(
  client: Client,
  config: DuyetConfig,
  ruleSet: string,
  tripsPerKeyLeader: number,
  request: ReserveTrips,
): Promise<LedgerEntry[]> {
  // The year is the trip's, and a known rule set sets the report's due day: neither is taken as written.
  const year = Number(request.startDate.slice(0, 4)) || request.year;
  const rules = loadRuleSets(config.ruleSetsDir)[ruleSet];
  const derived = { ...request, year, ...(rules ? { reportDueAt: reportDueDate(request.endDate, rules) } : {}) };
  return updateLedger(client, config, { ruleSet, year, tripsPerKeyLeader }, reserveTripsUpdate, derived);
}

/** Removes a delegation's trips from the ledger (approval refused or withdrawn) and says how many there were. */
export async function releaseTrips(
  client: Client,
  config: DuyetConfig,
  ruleSet: string,
  year: number,
  delegation: string,
): Promise<number> {
  return updateLedger(
    client,
    config,
    { ruleSet, year, tripsPerKeyLeader: knownLimit(config, ruleSet) },
    releaseTripsUpdate,
    {
      delegation,
    },
  );
}

/** Records the day a delegation's report was filed; an unknown delegation or a report already filed throws RequestError. */
export async function recordReport(
  client: Client,
  config: DuyetConfig,
  ruleSet: string,
  year: number,
  delegation: string,
  filedAt: string,
): Promise<LedgerEntry[]> {
  return updateLedger(
    client,
    config,
    { ruleSet, year, tripsPerKeyLeader: knownLimit(config, ruleSet) },
    recordReportUpdate,
    {
      delegation,
      filedAt,
    },
  );
}
