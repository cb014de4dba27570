import type { Client } from '@temporalio/client';
import { readDelegation, unitIndex } from '../client/delegations.js';
import { ledgerEntries } from '../client/ledger.js';
import { loadRuleSets } from '../client/rule-sets.js';
import { travellers } from '../delegation/proposal.schema.js';
import type { LedgerEntry } from '../delegation/rules.js';
import type { DuyetConfig } from '../temporal.config.js';

/** One traveller of a checked proposal with the trips the ledger holds for them in the trip's year. */
export interface TravellerTrips {
  person: string;
  name: string;
  keyLeader: boolean;
  year: number;
  trips: LedgerEntry[];
  /** For a key leader, the trips left under the rule set before this one; null for others or an unknown limit. */
  tripsLeft: number | null;
}

/**
 * The trips of the year for each person a proposal names, from the ledger of the rule set it was checked against:
 * what the organising unit may see of the ledger, since these are its own travellers.
 */
export async function travellerTrips(
  client: Client,
  config: DuyetConfig,
  raw: unknown,
  ruleSet: string,
): Promise<TravellerTrips[]> {
  const { proposal } = readDelegation(raw, unitIndex(config.unitsFile));
  const year = Number(proposal.startDate.slice(0, 4));
  const entries = await ledgerEntries(client, config, ruleSet, year);
  const limit = loadRuleSets(config.ruleSetsDir)[ruleSet]?.tripsPerKeyLeaderPerYear ?? null;
  return travellers(proposal).map((person) => {
    const trips = entries.filter((entry) => entry.person === person.id && entry.year === year);
    const used = new Set(trips.map((entry) => entry.delegation)).size;
    return {
      person: person.id,
      name: person.name,
      keyLeader: person.keyLeader,
      year,
      trips,
      tripsLeft: person.keyLeader && limit !== null ? Math.max(0, limit - used) : null,
    };
  });
}
