import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { endOfDay, type PlainDate } from '../calendar/dates.js';
import type { DuyetConfig } from '../temporal.config.js';
import { Proposal } from '../delegation/proposal.schema.js';
import {
  checkProposal,
  keyLeaderIds,
  reportDueDate,
  ruleSets,
  type Finding,
  type LedgerEntry,
  type RuleSet,
} from '../delegation/rules.js';
import type { ReserveTrips } from '../workflows/ledger.messages.js';
import { RequestError } from './errors.js';
import { ledgerEntries, recordReport, releaseTrips, reserveTrips } from './ledger.js';
import type { DecisionHooks, ProcessFace } from './processes.js';

/** A proposal as a secretariat submits it: the proposal, and a justification for each finding that needs an exception. */
const Submission = z.object({ justifications: z.record(z.string(), z.string().min(1)).default({}) }).loose();

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
export function ruleSetById(id: string): RuleSet {
  const rules = ruleSets[id];
  if (!rules) throw new RequestError(`unknown rule set "${id}"; expected one of: ${Object.keys(ruleSets).join(', ')}`);
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
): PreparedDelegation {
  const parsed = Proposal.safeParse(raw);
  if (!parsed.success) throw new RequestError(`invalid delegation proposal:\n${z.prettifyError(parsed.error)}`);
  const { justifications } = Submission.parse(raw);
  const proposal = parsed.data;
  const findings = checkProposal(proposal, rules, ledger, today);
  const blocks = findings.filter((f) => f.severity === 'block');
  if (blocks.length > 0) {
    throw new RequestError(
      `the proposal cannot be approved under ${rules.id} (version ${rules.version}):\n${blocks.map(line).join('\n')}`,
    );
  }
  const exceptions = findings.filter((f) => f.severity === 'exception');
  const missing = exceptions.filter((f) => !justifications[f.rule]);
  if (missing.length > 0) {
    throw new RequestError(
      `these findings need the competent authority's exception; give a justification for each under "justifications" (by rule id):\n${missing.map(line).join('\n')}`,
    );
  }
  const travellers = [proposal.leader, ...proposal.members];
  const where = proposal.direction === 'out' ? proposal.countries.map((c) => c.country).join(', ') : 'đoàn vào';
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
        managedTravels: travellers.some((m) => m.managedByStandingBoard),
        hasExceptions: exceptions.length > 0,
        exceptions: exceptions.map((f) => ({
          rule: f.rule,
          message: f.message,
          facts: f.facts,
          justification: justifications[f.rule],
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
): DecisionHooks {
  const facts = view.facts as unknown as DelegationFacts;
  const rules = ruleSetById(facts.ruleSet.id);
  const year = Number(facts.startDate.slice(0, 4));
  const reserves = event === 'APPROVE' && facts.direction === 'out' && FINAL_APPROVALS.includes(view.state);
  const nothing = async () => {};
  return {
    before: reserves
      ? async () => {
          const due = view.milestones.find((m) => m.id === 'tripReport')?.dueAt;
          await ledger.reserve(rules.id, rules.tripsPerKeyLeaderPerYear, {
            delegation: view.workflowId,
            year,
            travellers: facts.travellers.map((id) => ({ id, keyLeader: facts.keyLeaders.includes(id) })),
            startDate: facts.startDate,
            endDate: facts.endDate,
            reportDueAt: due ? due.slice(0, 10) : reportDueDate(facts.endDate, rules),
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

/**
 * The `delegation` process's face side: a start checks the proposal against the rule set (`rules` option)
 * and the ledger of this year and the last; a decision reserves, releases or reports trips in the ledger.
 */
export const delegationFace: ProcessFace = {
  startOptions: {
    rules: { description: 'the rule set the delegation proposal is checked against', default: 'hanoi-2022' },
  },
  async prepareStart(submitted, { client, config, options, today }) {
    const rules = ruleSetById(options.rules!);
    const year =
      Number(String((submitted as { startDate?: unknown })?.startDate ?? '').slice(0, 4)) ||
      new Date().getUTCFullYear();
    // Last year's trips too: a report due in January for a December trip still counts.
    const ledger = [
      ...(await ledgerEntries(client, config, rules.id, year - 1)),
      ...(await ledgerEntries(client, config, rules.id, year)),
    ];
    const prepared = prepareDelegation(submitted, rules, ledger, today);
    return { input: prepared.input, report: { findings: prepared.findings } };
  },
  aroundDecision: ({ client, config, view, event, today }) =>
    delegationHooks(ledgerOf(client, config), view, event, today),
};
