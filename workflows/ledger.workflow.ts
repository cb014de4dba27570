import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { isPlainDate } from '../calendar/dates.js';
import type { LedgerEntry } from '../delegation/rule-set.schema.js';
import {
  entriesQuery,
  recordReportUpdate,
  releaseTripsUpdate,
  reserveTripsUpdate,
  type ReportFiled,
  type ReserveTrips,
} from './ledger.messages.js';
import { setCheckedUpdate } from './updates.js';

/** What starts (or continues) the ledger of one rule set and year. */
export interface LedgerWorkflowInput {
  ruleSet: string;
  year: number;
  tripsPerKeyLeader: number;
  /** The entries carried over by continueAsNew. */
  entries?: LedgerEntry[];
}

/** Keeps the approved trips abroad of one rule set and year, refusing a key leader's trip beyond the yearly limit. */
export async function ledgerWorkflow(input: LedgerWorkflowInput): Promise<void> {
  const { ruleSet, year, tripsPerKeyLeader: limit } = input;
  let entries: LedgerEntry[] = [...(input.entries ?? [])];

  /** The reservation, if the ledger can take it; else the refusal that says what was expected. */
  const checkReserve = (request: ReserveTrips): ReserveTrips => {
    const invalid = invalidReserve(request);
    if (invalid) throw ApplicationFailure.nonRetryable(invalid, 'InvalidRequest');
    if (request.year !== year) {
      throw ApplicationFailure.nonRetryable(
        `delegation "${request.delegation}" is for ${request.year}, but this is the ledger of ${ruleSet} for ${year}; expected year ${year}, or send it to the ledger of ${request.year}`,
        'WrongYear',
      );
    }
    // The trip's own dates, not the year and report day as sent: a hand-edited request cannot hide a late report.
    const refused = refuseDates(request, ruleSet, year);
    if (refused) throw refused;
    if (entries.some((entry) => entry.delegation === request.delegation)) {
      throw ApplicationFailure.nonRetryable(
        `delegation "${request.delegation}" is already in the ledger of ${ruleSet} for ${year}; expected a delegation not yet reserved (release it first to reserve it again)`,
        'AlreadyReserved',
      );
    }
    const over = request.travellers
      .filter((traveller) => traveller.keyLeader && !request.exceptions.includes(traveller.id))
      .map((traveller) => ({
        id: traveller.id,
        trips: entries.filter((entry) => entry.person === traveller.id).length,
      }))
      .filter((leader) => leader.trips + 1 > limit);
    if (over.length > 0) {
      const named = over.map(
        (leader) =>
          `${leader.id} đã đi ${leader.trips} chuyến trong năm ${year} (tối đa ${limit}) / has made ${leader.trips} trips in ${year} (limit ${limit})`,
      );
      throw ApplicationFailure.nonRetryable(
        `KEY_LEADER_TRIPS_PER_YEAR: ${named.join('; ')}; chuyến thêm cần cấp có thẩm quyền cho phép / a further trip needs the competent authority's exception, listed in exceptions`,
        'TripLimit',
      );
    }
    return request;
  };

  /** The report, if its delegation's report is still due; else the refusal that says what was expected. */
  const checkReport = (request: ReportFiled): ReportFiled => {
    if (!isPlainDate(request.filedAt)) {
      throw ApplicationFailure.nonRetryable(
        `expected the day the report was filed, YYYY-MM-DD; got ${JSON.stringify(request.filedAt)}`,
        'InvalidRequest',
      );
    }
    const own = entries.filter((entry) => entry.delegation === request.delegation);
    if (own.length === 0) {
      throw ApplicationFailure.nonRetryable(
        `no delegation "${request.delegation}" in the ledger of ${ruleSet} for ${year}; expected one of its approved delegations`,
        'UnknownDelegation',
      );
    }
    const filed = own.find((entry) => entry.reportFiledAt !== null);
    if (filed) {
      throw ApplicationFailure.nonRetryable(
        `the report of delegation "${request.delegation}" was already filed on ${filed.reportFiledAt}; expected a delegation whose report is still due`,
        'AlreadyFiled',
      );
    }
    return request;
  };

  setHandler(entriesQuery, () => entries);
  // Handlers are synchronous and run one at a time in workflow order, each right after its own validator, so
  // of two reservations racing for a key leader's last trip the second sees the first's entries and is refused.
  setCheckedUpdate(reserveTripsUpdate, {
    check: checkReserve,
    apply: (request) => {
      const added = request.travellers.map((traveller): LedgerEntry => ({
        person: traveller.id,
        year,
        delegation: request.delegation,
        startDate: request.startDate,
        endDate: request.endDate,
        reportDueAt: request.reportDueAt,
        reportFiledAt: null,
      }));
      entries = [...entries, ...added];
      return added;
    },
  });
  setHandler(releaseTripsUpdate, ({ delegation }) => {
    const kept = entries.filter((entry) => entry.delegation !== delegation);
    const released = entries.length - kept.length;
    entries = kept;
    return released;
  });
  setCheckedUpdate(recordReportUpdate, {
    check: checkReport,
    apply: (request) => {
      entries = entries.map((entry) =>
        entry.delegation === request.delegation ? { ...entry, reportFiledAt: request.filedAt } : entry,
      );
      return entries.filter((entry) => entry.delegation === request.delegation);
    },
  });

  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof ledgerWorkflow>({ ...input, entries });
}

/** A reservation whose trip starts in another year, or whose report falls due before the return, or null. */
function refuseDates(request: ReserveTrips, ruleSet: string, year: number): ApplicationFailure | null {
  const tripYear = Number(request.startDate.slice(0, 4));
  if (tripYear !== year)
    return ApplicationFailure.nonRetryable(
      `delegation "${request.delegation}" starts on ${request.startDate}, in ${tripYear}, but this is the ledger of ${ruleSet} for ${year}; expected a trip starting in ${year}, or send it to the ledger of ${tripYear}`,
      'WrongYear',
    );
  if (request.reportDueAt < request.endDate)
    return ApplicationFailure.nonRetryable(
      `expected reportDueAt on or after the return on ${request.endDate}; got ${request.reportDueAt}`,
      'InvalidRequest',
    );
  return null;
}

/** What is wrong with the shape of a reservation, or null when nothing is. */
function invalidReserve(request: ReserveTrips): string | null {
  if (!request.delegation) return "expected the delegation's id or name";
  if (request.travellers.length === 0) return `expected at least one traveller in delegation "${request.delegation}"`;
  const ids = request.travellers.map((traveller) => traveller.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) return `expected each traveller once in delegation "${request.delegation}"; "${twice}" is listed twice`;
  for (const [field, value] of [
    ['startDate', request.startDate],
    ['endDate', request.endDate],
    ['reportDueAt', request.reportDueAt],
  ] as const) {
    if (!isPlainDate(value))
      return `expected ${field} written YYYY-MM-DD, such as 2022-06-15; got ${JSON.stringify(value)}`;
  }
  if (request.endDate < request.startDate)
    return `expected endDate on or after startDate (${request.startDate}); got ${request.endDate}`;
  return null;
}
