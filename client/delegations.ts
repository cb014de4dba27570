import { z } from 'zod';
import { endOfDay, type PlainDate } from '../calendar/dates.js';
import { Proposal } from '../delegation/proposal.schema.js';
import { checkProposal, keyLeaderIds, reportDueDate, ruleSets, type Finding, type LedgerEntry, type RuleSet } from '../delegation/rules.js';
import { RequestError } from './errors.js';

/** A proposal as a secretariat submits it: the proposal, and a justification for each finding that needs an exception. */
const Submission = z.object({ justifications: z.record(z.string(), z.string().min(1)).default({}) }).loose();

/** A checked proposal ready to start the `delegation` process: its start input and what the check found. */
export interface PreparedDelegation {
  proposal: Proposal;
  rules: RuleSet;
  findings: Finding[];
  input: { subject: string; documents: Array<{ kind: string; title: string }>; milestones: Record<string, string>; facts: Record<string, unknown> };
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
export function prepareDelegation(raw: unknown, rules: RuleSet, ledger: LedgerEntry[], today: PlainDate): PreparedDelegation {
  const parsed = Proposal.safeParse(raw);
  if (!parsed.success) throw new RequestError(`invalid delegation proposal:\n${z.prettifyError(parsed.error)}`);
  const { justifications } = Submission.parse(raw);
  const proposal = parsed.data;
  const findings = checkProposal(proposal, rules, ledger, today);
  const blocks = findings.filter((f) => f.severity === 'block');
  if (blocks.length > 0) {
    throw new RequestError(`the proposal cannot be approved under ${rules.id} (version ${rules.version}):\n${blocks.map(line).join('\n')}`);
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
        exceptions: exceptions.map((f) => ({ rule: f.rule, message: f.message, facts: f.facts, justification: justifications[f.rule] })),
        travellers: travellers.map((m) => m.id),
        keyLeaders: keyLeaderIds(proposal),
        startDate: proposal.startDate,
        endDate: proposal.endDate,
      },
    },
  };
}
