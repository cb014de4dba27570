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
}

/** A milestone with its due instant and whether it was met or missed. */
export interface MilestoneState {
  id: string;
  title: Localized;
  /** The stage this milestone bounds, or null when it is tracked beside the main line. */
  stage: string | null;
  lead: string | null;
  dueAt: string | null;
  status: 'pending' | 'met' | 'missed';
  /** When it was met (or found missed). */
  at: string | null;
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
  startedAt: string;
}

/** An event fed to a process machine. Decisions carry the actor; deadlines carry only the milestone. */
export interface ProcessEvent {
  type: string;
  at: string;
  actor?: string;
  onBehalfOf?: string | null;
  comment?: string | null;
  milestone?: string;
}

/** The event the driver feeds when a milestone's due instant passes. */
export const DEADLINE_REACHED = 'DEADLINE_REACHED';
/** The event that records a milestone beside the main line as met. */
export const MARK_MILESTONE = 'MARK_MILESTONE';
