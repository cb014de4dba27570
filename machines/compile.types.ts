import type { Condition, Effect } from './definition.schema.js';
import type { ObligationActionParams, ObligationGuardParams } from './obligations.js';
import type { ProcessEvent } from './process.types.js';

/** What the `escalate` effect carries: which rung fired and whom it tells over which channels. */
export interface EscalateParams {
  milestone: string;
  rung: string;
  /** Working days from the due day; 0 is the due instant. */
  offset: number;
  to: string;
  channels: Array<'email' | 'webhook'>;
}

/** What the `notify` effect carries: the stage it was decided at, whom it tells and with which template. */
export type NotifyParams = { stage: string } & Effect;

/** Every action a compiled process names, with its params (`undefined`: none). */
export interface ActionParams extends ObligationActionParams {
  recordDecision: { from: string; to: string };
  startRevision: { from: string };
  finishRevision: undefined;
  armClock: { milestone: string };
  pauseClock: { milestone: string };
  completeMilestone: { milestone: string };
  markMilestone: undefined;
  missMilestone: { milestone: string };
  fireRung: EscalateParams;
  extendMilestone: undefined;
  reassign: { stage: string };
  clearAssignee: undefined;
  appendFacts: { fact: string };
  setFacts: { facts: string[] };
  recordDelivery: undefined;
  /** Effects: returned by transition() and carried out by the workflow through activities. */
  notify: NotifyParams;
  escalate: EscalateParams;
}

/** Every guard a compiled process names, with its params (`undefined`: none). */
export interface GuardParams extends ObligationGuardParams {
  isReturningTo: { stage: string };
  isConditionMet: { condition: Condition };
  isMilestoneOpen: undefined;
  isMilestoneExtendable: undefined;
  isMilestoneDue: { milestone: string };
  isRungDue: EscalateParams;
}

/** A named action or guard as a transition refers to it; a name not in `P` does not compile. */
type Named<P> = { [K in keyof P]: P[K] extends undefined ? { type: K } : { type: K; params: P[K] } }[keyof P];
/** An action as a transition refers to it. */
export type ProcessAction = Named<ActionParams>;
/** A guard as a transition refers to it. */
export type ProcessGuard = Named<GuardParams>;

/** The escalation of an occurrence: its params read from the deadline event, which names the occurrence. */
export type OccurrenceEscalation = { type: 'escalate'; params: (args: { event: ProcessEvent }) => EscalateParams };

/** One transition of the compiled config. */
export interface TransitionConfig {
  target?: string;
  guard?: ProcessGuard;
  actions: Array<ProcessAction | OccurrenceEscalation>;
}
