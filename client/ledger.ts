import { WithStartWorkflowOperation, type Client, type UpdateDefinition } from '@temporalio/client';
import { ruleSets, type LedgerEntry } from '../delegation/rules.js';
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
// or any operation on a shipped rule set. Otherwise the ledger must already run.
const shippedLimit = (ruleSet: string): number | undefined => ruleSets[ruleSet]?.tripsPerKeyLeaderPerYear;

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

/** Every entry of the ledger of a rule set and year, starting the ledger when the rule set is shipped and it does not run yet. */
export async function ledgerEntries(
  client: Client,
  config: DuyetConfig,
  ruleSet: string,
  year: number,
): Promise<LedgerEntry[]> {
  const limit = shippedLimit(ruleSet);
  return mapFailures({ address: addressOf(client), notFound: () => notStarted(ruleSet, year).message }, async () => {
    if (limit === undefined)
      return await client.workflow.getHandle(ledgerWorkflowId(ruleSet, year)).query(entriesQuery);
    const handle = await client.workflow.start<typeof ledgerWorkflow>(
      'ledgerWorkflow',
      ledgerStart(config, ruleSet, year, limit),
    );
    return await handle.query(entriesQuery);
  });
}

/** Enters an approved delegation's trips in its year's ledger; a key leader beyond the limit without an exception throws RequestError. */
export async function reserveTrips(
  client: Client,
  config: DuyetConfig,
  ruleSet: string,
  tripsPerKeyLeader: number,
  request: ReserveTrips,
): Promise<LedgerEntry[]> {
  return updateLedger(client, config, { ruleSet, year: request.year, tripsPerKeyLeader }, reserveTripsUpdate, request);
}

/** Removes a delegation's trips from the ledger (approval refused or withdrawn) and says how many there were. */
export async function releaseTrips(
  client: Client,
  config: DuyetConfig,
  ruleSet: string,
  year: number,
  delegation: string,
): Promise<number> {
  return updateLedger(client, config, { ruleSet, year, tripsPerKeyLeader: shippedLimit(ruleSet) }, releaseTripsUpdate, {
    delegation,
  });
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
  return updateLedger(client, config, { ruleSet, year, tripsPerKeyLeader: shippedLimit(ruleSet) }, recordReportUpdate, {
    delegation,
    filedAt,
  });
}
