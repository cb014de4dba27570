import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LedgerEntry } from '../delegation/rule-set.schema.js';

/** The trips of one approved delegation, to be entered in the ledger of its year. */
export interface ReserveTrips {
  delegation: string;
  year: number;
  travellers: Array<{ id: string; keyLeader: boolean }>;
  startDate: string;
  endDate: string;
  reportDueAt: string;
  /** key leaders allowed beyond the limit by an approved exception */
  exceptions: string[];
}

/** The day a delegation's report was filed. */
export interface ReportFiled {
  delegation: string;
  filedAt: string;
}

/** Enters a delegation's trips, refused when a key leader would pass the yearly limit; returns the entries added. */
export const reserveTripsUpdate = defineUpdate<LedgerEntry[], [ReserveTrips]>('reserveTrips');
/** Removes a delegation's entries (approval refused or withdrawn); returns how many. */
export const releaseTripsUpdate = defineUpdate<number, [{ delegation: string }]>('releaseTrips');
/** Records the day a delegation's report was filed; returns the entries it filed. */
export const recordReportUpdate = defineUpdate<LedgerEntry[], [ReportFiled]>('recordReport');
/** Every entry of the ledger. */
export const entriesQuery = defineQuery<LedgerEntry[]>('entries');
// Not from delegation/rules.js: that module builds the rule sets' schemas, which no workflow should evaluate.
export { ledgerWorkflowId } from '../delegation/ledger-id.js';
