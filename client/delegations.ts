import type { Client } from '@temporalio/client';
import { endOfDay, type PlainDate } from '../calendar/dates.js';
import { loadConfig, type DuyetConfig } from '../temporal.config.js';
import { proposalSchema, type Proposal } from '../delegation/proposal.schema.js';
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
import { loadUnits, type User } from '../directory/directory.js';
import { UnitIndex } from '../directory/units.js';
import { RequestError } from './errors.js';
import { ledgerEntries } from './ledger.js';
import type { ProcessFace } from './processes.js';
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
  if (!read.success) throw new RequestError(`invalid delegation proposal:\n${read.error}`, { cause: read.issues });
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
  const countries = proposal.countries.map((c) => c.country.name).join(', ');
  // An outbound trip is named by where it goes; an inbound one by its guests' countries, when they are given.
  const where = proposal.direction === 'out' ? ` (${countries})` : countries ? ` (khách ${countries})` : '';
  return {
    proposal,
    rules,
    findings,
    input: {
      subject: `Đoàn ${proposal.direction === 'out' ? 'ra' : 'vào'} ${proposal.unit.name}${where}, ${proposal.startDate} – ${proposal.endDate}`,
      documents: [{ kind: 'proposal', title: `Tờ trình của ${proposal.unit.name}` }],
      milestones: proposal.direction === 'out' ? { tripReport: endOfDay(reportDueDate(proposal.endDate, rules)) } : {},
      facts: {
        ruleSet: { id: rules.id, version: rules.version },
        // What the final approval's ledger step needs, resolved once from the rule set at start.
        ledger: {
          tripsPerKeyLeader: rules.tripsPerKeyLeaderPerYear,
          reportDueAt: reportDueDate(proposal.endDate, rules),
        },
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
        // What the ledger's pages show of a trip beside its dates: who went, from which unit, where and how long.
        organiser: { id: proposal.unit.id, name: proposal.unit.name },
        people: travellers.map((m) => ({ id: m.id, name: m.name, position: m.position, unit: m.unit.name })),
        countries: proposal.countries.map((c) => ({ country: c.country.name, days: c.days })),
        keyLeaders: keyLeaderIds(proposal),
        startDate: proposal.startDate,
        endDate: proposal.endDate,
      },
    },
  };
}

/** The trips a proposal is checked against: the ledger of its start year and the year before, where a report due in January for a December trip still counts. */
async function ledgerAround(
  client: Client,
  config: DuyetConfig,
  rules: RuleSet,
  startDate: PlainDate,
): Promise<LedgerEntry[]> {
  const year = Number(startDate.slice(0, 4));
  return [
    ...(await ledgerEntries(client, config, rules.id, year - 1)),
    ...(await ledgerEntries(client, config, rules.id, year)),
  ];
}

/** What a check of a proposal finds: the rule set it was checked against, every finding, and the warnings on how it is written. */
export interface DelegationCheck {
  ruleSet: { id: string; version: number; title: string };
  findings: Finding[];
  warnings: string[];
}

/**
 * Checks a proposal against a rule set (the one named, or the one whose period covers the trip) and the trips the
 * ledger holds, without starting anything but the ledger; an unreadable proposal throws RequestError listing each issue.
 */
export async function checkDelegation(
  client: Client,
  config: DuyetConfig,
  raw: unknown,
  options: { rules?: string | undefined; today: PlainDate },
): Promise<DelegationCheck> {
  const { proposal, warnings } = readDelegation(raw, unitIndex(config.unitsFile));
  const rules = selectRuleSet(loadRuleSets(config.ruleSetsDir), proposal.startDate, options.rules);
  const ledger = await ledgerAround(client, config, rules, proposal.startDate);
  const findings = checkProposal(proposal, rules, ledger, options.today);
  return { ruleSet: { id: rules.id, version: rules.version, title: rules.title }, findings, warnings };
}

/** Refuses (403) a proposal of a unit the user does not act for: a unit's focal point starts its own unit's delegations only (pure). */
export function requireOwnUnit(user: User, unit: { id: string; name: string }): void {
  if ((user.units ?? []).includes(unit.id)) return;
  const own = (user.units ?? []).join(', ') || 'none';
  throw new RequestError(
    `user "${user.id}" acts for the units ${own}, not for "${unit.name}" (${unit.id}); the proposal must be started by that unit's own user`,
    { kind: 'forbidden' },
  );
}

/** The `rules` start option that picks the rule set by the trip's start date. */
const BY_DATE = 'by-date';

/**
 * The `delegation` process's face side: a start checks the proposal against the rule set (`rules` option)
 * and the ledger of this year and the last. Its decisions keep the ledger on the server: the definition's
 * decisionSteps reserve, release and report trips from the process workflow, so no face takes part in them.
 */
export const delegationFace: ProcessFace = {
  startOptions: {
    rules: {
      description: `the rule set the delegation proposal is checked against; "${BY_DATE}" takes the one whose period covers the trip's start`,
      default: BY_DATE,
    },
  },
  authorizeStart(submitted, starter, config) {
    requireOwnUnit(starter, readDelegation(submitted, unitIndex(config.unitsFile)).proposal.unit);
  },
  async prepareStart(submitted, { client, config, options, today }) {
    const units = unitIndex(config.unitsFile);
    const { proposal } = readDelegation(submitted, units);
    const requested = options.rules === BY_DATE ? undefined : options.rules;
    const rules = selectRuleSet(loadRuleSets(config.ruleSetsDir), proposal.startDate, requested);
    const ledger = await ledgerAround(client, config, rules, proposal.startDate);
    const prepared = prepareDelegation(submitted, rules, ledger, today, units);
    return { input: prepared.input, report: { findings: prepared.findings } };
  },
  startSchema: (config) => proposalSchema(unitIndex(config.unitsFile)),
};
