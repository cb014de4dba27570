import type { CalendarTable } from '../calendar/holidays.js';
import type { Localized } from './definition.schema.js';

/** One decision as history keeps it. */
export interface DecisionRecord {
  at: string;
  actor: string;
  onBehalfOf: string | null;
  event: string;
  from: string;
  to: string;
  comment: string | null;
  /** A decision that moved a milestone: its due instant before and after. */
  change?: { milestone: string; before: string | null; after: string };
  /** The occurrence of a recurring milestone a report closed. */
  milestone?: string;
  /** The files the decision carries (a product, a report), by the SHA-256 of their content in the file store. */
  files?: string[];
  /** A decision that added entries to a fact's list: the fact, and the entries it added. */
  added?: { fact: string; entries: unknown[] };
  /** A decision that gave facts new values: each fact changed, before and after. */
  changed?: Array<{ fact: string; before: unknown; after: string }>;
}

/** A milestone with its due instant and whether it was met or missed. */
export interface MilestoneState {
  id: string;
  title: Localized;
  /** The stage this milestone bounds, or null when it is tracked beside the main line. */
  stage: string | null;
  lead: string | null;
  dueAt: string | null;
  /** "missed" once its due instant passed before it was met; a missed milestone may still be met later. */
  status: 'pending' | 'met' | 'missed';
  /** When it was met (or found missed). */
  at: string | null;
  /** When it was met, late or not; its rungs stop then. */
  completedAt: string | null;
  /** Set while a revision stops the clock of the stage it bounds. */
  pausedAt: string | null;
  /** Working days that were left when the clock stopped. */
  remainingWorkingDays: number | null;
  rungs: RungState[];
  /** For one occurrence of a recurring milestone: the milestone it belongs to, and its period ("2015", "2015-Q3"). */
  occurrenceOf?: string;
  period?: string;
}

/** When one rung of a milestone's ladder fires, and whether it has. */
export interface RungState {
  id: string;
  at: string;
  firedAt: string | null;
}

/** One delivery of an escalation, as `status --json` shows it. */
export interface EscalationRecord {
  milestone: string;
  rung: string;
  to: string;
  channel: 'email' | 'webhook';
  at: string;
  delivered: boolean;
}

/** A document of the dossier and its current draft number. */
export interface DocumentState {
  kind: string;
  title: string;
  draft: number;
  uri: string | null;
}

/** Everything a process machine knows; JSON-safe so it survives continueAsNew. */
export interface ProcessContext {
  subject: string;
  facts: Record<string, unknown>;
  documents: DocumentState[];
  draftVersion: number;
  /** The stage that asked for the revision under way, where resubmission returns. */
  returnTo: string | null;
  milestones: MilestoneState[];
  history: DecisionRecord[];
  escalations: EscalationRecord[];
  /** The person the current stage was reassigned to, if a supervisor did. */
  assignee: { id: string; stage: string } | null;
  /** Days off and working days, resolved once at start so replay never reads today's files. */
  calendar: CalendarTable;
  startedAt: string;
}

/** The event the driver feeds when a milestone's due instant passes. */
export const DEADLINE_REACHED = 'DEADLINE_REACHED';
/** The event that records a milestone beside the main line as met. */
export const MARK_MILESTONE = 'MARK_MILESTONE';
/** A supervisor moves a milestone's due instant; the ladder is armed again. */
export const EXTEND = 'EXTEND';
/** A supervisor gives the awaited stage to another person of its role. */
export const REASSIGN = 'REASSIGN';
/** The driver reports what an escalation's delivery did. */
export const ESCALATION_DELIVERED = 'ESCALATION_DELIVERED';

/** What every event taken by a person carries: who, for whom, when and why. */
interface ByPerson {
  at: string;
  actor: string;
  onBehalfOf: string | null;
  comment: string | null;
}

/**
 * A decision named by the definition (SUBMIT, APPROVE, WITHDRAW, ...). `D` is the union of the definition's decision
 * names when its type is known (a definition written with `satisfies ProcessDefinitionInput`), else `string`.
 */
export interface DecisionEvent<D extends string = string> extends ByPerson {
  type: D;
  /** The new due instant, for a decision that moves a milestone. */
  dueAt?: string;
  /** A report of a recurring milestone: the occurrence it closes ("progressReport@2015"). */
  milestone?: string;
  /** A contribution: the coordinating unit it is from. */
  unit?: string;
  /** The files it carries, by SHA-256 (the face checked each is in the file store). */
  files?: string[];
  /** The entries a decision that appends to a fact's list adds to it. */
  entries?: Array<Record<string, unknown>>;
  /** The new values a decision that changes facts gives them. */
  facts?: Record<string, string>;
}

/** Records a milestone beside the main line as met. */
export interface MarkMilestoneEvent extends ByPerson {
  type: typeof MARK_MILESTONE;
  milestone: string;
}

/** A supervisor moves a milestone's due instant. */
export interface ExtendEvent extends ByPerson {
  type: typeof EXTEND;
  milestone: string;
  /** The new due instant. */
  dueAt: string;
}

/** A supervisor gives the awaited stage to another person of its role. */
export interface ReassignEvent extends ByPerson {
  type: typeof REASSIGN;
  /** The user now awaited. */
  assignee: string;
}

/** An event a person takes, after the process checked it. */
export type PersonEvent<D extends string = string> =
  DecisionEvent<D> | MarkMilestoneEvent | ExtendEvent | ReassignEvent;

/** The driver feeds it when an instant in context passes: the milestone's due instant, or one rung of its ladder. */
export interface DeadlineReachedEvent {
  type: typeof DEADLINE_REACHED;
  at: string;
  milestone: string;
  rung?: string;
}

/** The driver reports one delivery of an escalation. */
export interface EscalationDeliveredEvent {
  type: typeof ESCALATION_DELIVERED;
  at: string;
  delivery: Omit<EscalationRecord, 'at'>;
}

/** An event fed to a process machine: a person's, or the driver's (deadlines and deliveries). */
export type ProcessEvent<D extends string = string> = PersonEvent<D> | DeadlineReachedEvent | EscalationDeliveredEvent;
