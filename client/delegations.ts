import type { Client } from '@temporalio/client';
import { endOfDay, type PlainDate } from '../calendar/dates.js';
import { loadConfig, type DuyetConfig } from '../temporal.config.js';
import type { Proposal } from '../delegation/proposal.schema.js';
import { readProposal } from '../delegation/read-proposal.js';
import {
  checkProposal,
  keyLeaderIds,
  reportDueDate,
  ruleSetFor,
  ruleSets,
  type Finding,
  type LedgerEntry,
  type RuleSet,
} from '../delegation/rules.js';
import type { ReserveTrips } from '../workflows/ledger.messages.js';
import { loadUnits } from '../directory/directory.js';
import { UnitIndex } from '../directory/units.js';
import { RequestError } from './errors.js';
import { ledgerEntries, recordReport, releaseTrips, reserveTrips } from './ledger.js';
import type { DecisionHooks, ProcessFace } from './processes.js';
import { loadRuleSets } from './rule-sets.js';

const indexes = new Map<string, UnitIndex>();

/** The unit directory of a file, read once per process. */
export function unitIndex(file: string = loadConfig().unitsFile): UnitIndex {
  let index = indexes.get(file);
  if (!index) indexes.set(file, (index = new UnitIndex(loadUnits(file))));
  return index;
}

/** Reads a proposal against the unit directory, or refuses it listing every issue with its path. */
export function readDelegation(
  raw: unknown,
  units: UnitIndex = unitIndex(),
): { proposal: Proposal; warnings: string[] } {
  const read = readProposal(raw, units);
  if (!read.success) throw new RequestError(`invalid delegation proposal:\n${read.error}`);
  return { proposal: read.data, warnings: read.warnings };
}

/** The rule set governing a trip starting on this day (the one named, or the one whose period covers it), or RequestError. */
export function selectRuleSet(available: Record<string, RuleSet>, startDate: string, id?: string): RuleSet {
  const selected = ruleSetFor(available, startDate, id);
  if (!selected.success)
    throw new RequestError(selected.error, { kind: id && !available[id] ? 'notFound' : 'invalid' });
  return selected.data;
}

/** A checked proposal ready to start the `delegation` process: its start input and what the check found. */
export interface PreparedDelegation {
  proposal: Proposal;
  rules: RuleSet;
  findings: Finding[];
  input: {
    subject: string;
    documents: Array<{ kind: string; title: string }>;
    milestones: Record<string, string>;
    facts: Record<string, unknown>;
  };
}

/** Looks up a rule set by id, naming the known ones when it is unknown. */
export function ruleSetById(id: string, available: Record<string, RuleSet> = ruleSets): RuleSet {
  const rules = available[id];
  if (!rules) throw new RequestError(`unknown rule set "${id}"; expected one of: ${Object.keys(available).join(', ')}`);
  return rules;
}

const line = (f: Finding) => `✖ ${f.rule}: ${f.message.vi} / ${f.message.en}`;

/**
 * Checks a proposal against a rule set and the ledger: blocking findings refuse it, listing them all;
 * exception findings each need a justification, and send the proposal through the exception step.
 */
export function prepareDelegation(
  raw: unknown,
  rules: RuleSet,
  ledger: LedgerEntry[],
  today: PlainDate,
  units: UnitIndex = unitIndex(),
): PreparedDelegation {
  const { proposal } = readDelegation(raw, units);
  const justifications = proposal.justifications ?? {};
  selectRuleSet({ [rules.id]: rules }, proposal.startDate, rules.id);
  const findings = checkProposal(proposal, rules, ledger, today);
  const blocks = findings.filter((f) => f.severity === 'block');
  if (blocks.length > 0) {
    throw new RequestError(
      `the proposal cannot be approved under ${rules.id} (version ${rules.version}):\n${blocks.map(line).join('\n')}`,
    );
  }
  const exceptions = findings.filter((f) => f.severity === 'exception');
  // Exceptions the competent authority has already decided need no step, but the ledger still honours them.
  const decided = findings.filter((f) => f.severity === 'decided');
  const missing = exceptions.filter((f) => !justifications[f.rule]);
  if (missing.length > 0) {
    throw new RequestError(
      `these findings need the competent authority's exception; give a justification for each under "justifications" (by rule id):\n${missing.map(line).join('\n')}`,
    );
  }
  const travellers = [proposal.leader, ...proposal.members];
  const where = proposal.direction === 'out' ? proposal.countries.map((c) => c.country.name).join(', ') : 'đoàn vào';
  return {
    proposal,
    rules,
    findings,
    input: {
      subject: `Đoàn ${proposal.direction === 'out' ? 'ra' : 'vào'} ${proposal.unit.name} (${where}), ${proposal.startDate} – ${proposal.endDate}`,
      documents: [{ kind: 'proposal', title: `Tờ trình của ${proposal.unit.name}` }],
      milestones: proposal.direction === 'out' ? { tripReport: endOfDay(reportDueDate(proposal.endDate, rules)) } : {},
      facts: {
        ruleSet: { id: rules.id, version: rules.version },
        direction: proposal.direction,
        inPlan: proposal.plan.inPlan,
        urgent: proposal.urgent,
        purpose: proposal.purpose,
        internationalCommitment: proposal.purpose === 'international-commitment',
        managedTravels: travellers.some((m) => m.managedByStandingCommittee),
        hasExceptions: exceptions.length > 0,
        exceptions: [...exceptions, ...decided].map((f) => ({
          rule: f.rule,
          message: f.message,
          facts: f.facts,
          justification: justifications[f.rule] ?? null,
          decided: f.severity === 'decided',
        })),
        travellers: travellers.map((m) => m.id),
        keyLeaders: keyLeaderIds(proposal),
        startDate: proposal.startDate,
        endDate: proposal.endDate,
      },
    },
  };
}

interface DelegationFacts {
  ruleSet: { id: string; version: number };
  direction: 'out' | 'in';
  travellers: string[];
  keyLeaders: string[];
  startDate: PlainDate;
  endDate: PlainDate;
  exceptions: Array<{ rule: string; facts: Record<string, unknown> }>;
}

const FINAL_APPROVALS = ['standingBoardDecision', 'competentAuthorityDecision'];

/** The ledger work around a decision on a delegation workflow, given its current view. */
export function delegationHooks(
  ledger: {
    reserve(ruleSet: string, limit: number, request: ReserveTrips): Promise<unknown>;
    release(ruleSet: string, year: number, delegation: string): Promise<unknown>;
    report(ruleSet: string, year: number, delegation: string, filedAt: string): Promise<unknown>;
  },
  view: {
    workflowId: string;
    state: string;
    facts: Record<string, unknown>;
    milestones: Array<{ id: string; dueAt: string | null }>;
  },
  event: string,
  today: PlainDate,
  available: Record<string, RuleSet> = ruleSets,
): DecisionHooks {
  const facts = view.facts as unknown as DelegationFacts;
  const rules = ruleSetById(facts.ruleSet.id, available);
  const year = Number(facts.startDate.slice(0, 4));
  const reserves = event === 'APPROVE' && facts.direction === 'out' && FINAL_APPROVALS.includes(view.state);
  const nothing = async () => {};
  return {
    before: reserves
      ? async () => {
          await ledger.reserve(rules.id, rules.tripsPerKeyLeaderPerYear, {
            delegation: view.workflowId,
            year,
            travellers: facts.travellers.map((id) => ({ id, keyLeader: facts.keyLeaders.includes(id) })),
            startDate: facts.startDate,
            endDate: facts.endDate,
            // Derived from the return date and the rule set, never taken from an edited milestone.
            reportDueAt: reportDueDate(facts.endDate, rules),
            // Key leaders whose extra trip the competent authority allowed in the exception step.
            exceptions: facts.exceptions
              .filter((e) => e.rule === 'KEY_LEADER_TRIPS_PER_YEAR')
              .map((e) => String(e.facts.person)),
          });
        }
      : nothing,
    refused: reserves ? async () => void (await ledger.release(rules.id, year, view.workflowId)) : nothing,
    after:
      event === 'FILE_REPORT'
        ? async () => void (await ledger.report(rules.id, year, view.workflowId, today))
        : event === 'WITHDRAW' && view.state === 'reporting'
          ? async () => void (await ledger.release(rules.id, year, view.workflowId))
          : nothing,
  };
}

/** The trip ledger on the Temporal server, as the delegation hooks use it. */
const ledgerOf = (client: Client, config: DuyetConfig) => ({
  reserve: (ruleSet: string, limit: number, request: ReserveTrips) =>
    reserveTrips(client, config, ruleSet, limit, request),
  release: (ruleSet: string, year: number, delegation: string) =>
    releaseTrips(client, config, ruleSet, year, delegation),
  report: (ruleSet: string, year: number, delegation: string, filedAt: string) =>
    recordReport(client, config, ruleSet, year, delegation, filedAt),
});

/** The `rules` start option that picks the rule set by the trip's start date. */
const BY_DATE = 'by-date';

/**
 * The `delegation` process's face side: a start checks the proposal against the rule set (`rules` option)
 * and the ledger of this year and the last; a decision reserves, releases or reports trips in the ledger.
 */
export const delegationFace: ProcessFace = {
  startOptions: {
    rules: {
      description: `the rule set the delegation proposal is checked against; "${BY_DATE}" takes the one whose period covers the trip's start`,
      default: BY_DATE,
    },
  },
  async prepareStart(submitted, { client, config, options, today }) {
    const units = unitIndex(config.unitsFile);
    const { proposal } = readDelegation(submitted, units);
    const requested = options.rules === BY_DATE ? undefined : options.rules;
    const rules = selectRuleSet(loadRuleSets(config.ruleSetsDir), proposal.startDate, requested);
    const year = Number(proposal.startDate.slice(0, 4));
    // Last year's trips too: a report due in January for a December trip still counts.
    const ledger = [
      ...(await ledgerEntries(client, config, rules.id, year - 1)),
      ...(await ledgerEntries(client, config, rules.id, year)),
    ];
    const prepared = prepareDelegation(submitted, rules, ledger, today, units);
    return { input: prepared.input, report: { findings: prepared.findings } };
  },
  aroundDecision: ({ client, config, view, event, today }) =>
    delegationHooks(ledgerOf(client, config), view, event, today, loadRuleSets(config.ruleSetsDir)),
};
