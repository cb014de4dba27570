import { z } from 'zod';
import { definitionProblems } from './definition.js';

/** Text shown to users, in Vietnamese and English. */
export const Localized = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof Localized>;

const Id = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'expected a camelCase id such as "pmReview"');
const RoleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case role id such as "standing-government"');
const EventName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected an UPPER_SNAKE event name such as "APPROVE"');

/** A condition over the workflow's facts (its validated input), evaluated by the compiled guards. */
export type Condition =
  | { fact: string; equals: string | number | boolean | null }
  | { fact: string; in: Array<string | number | boolean> }
  | { fact: string; exists: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** Schema of a {@link Condition}; `fact` is a dot path into the facts, e.g. "direction" or "plan.inPlan". */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ fact: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean(), z.null()]) }),
    z.strictObject({ fact: z.string().min(1), in: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }),
    z.strictObject({ fact: z.string().min(1), exists: z.boolean() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

/** A side effect a transition asks the driver to carry out through an activity. */
export const Effect = z.strictObject({
  type: z.literal('notify'),
  /** Who is told: the role awaited after the transition, the coordinating units' contributors, or a named role. */
  to: z.union([z.literal('awaited'), z.literal('contributors'), RoleId]),
  template: z.string().min(1),
});
export type Effect = z.infer<typeof Effect>;

/** One branch of a decision: where it leads, and on which condition. */
export const Branch = z.strictObject({
  to: Id,
  when: Condition.optional(),
  /** A milestone this decision gives a new due instant (the decision then carries `dueAt`), its ladder armed again. */
  moves: Id.optional(),
  /** A fact holding a list that this decision adds to (the decision then carries `entries`); an entry already in it is skipped. */
  appends: Id.optional(),
  /**
   * Facts held as text that this decision may give new values (the decision then carries `facts`, some of them); its
   * history record keeps each one changed, before and after. With `moves`, the decision gives a new due instant, new
   * values, or both.
   */
  sets: z.array(Id).min(1).optional(),
});
export type Branch = z.infer<typeof Branch>;

/** A decision taken at a stage: ordered branches (first whose condition holds wins), or a revision. */
export const Decision = z.union([
  Id.transform((to): Branch[] => [{ to }]),
  Branch.transform((branch) => [branch]),
  z.array(Branch).min(1),
  z.strictObject({ revise: z.literal(true) }),
]);
export type Decision = z.infer<typeof Decision>;

/** The server-side steps a decision may pass through, each an activity the worker hosts. */
export const DECISION_STEPS = ['reserveTrips', 'releaseTrips', 'recordReport'] as const;

/**
 * A step a decision completes on the server before it takes effect (e.g. a delegation's final approval reserving
 * trips in the ledger): a refusal by the step refuses the decision, so the two never disagree.
 */
export const DecisionStep = z.strictObject({
  /** The decision that passes through the step. */
  on: EventName,
  /** The stages at which it does. */
  at: z.array(Id).min(1),
  /** Only when the facts meet this condition. */
  when: Condition.optional(),
  step: z.enum(DECISION_STEPS),
});
export type DecisionStep = z.infer<typeof DecisionStep>;

/** A stage where the dossier waits for one role to decide. */
export const Stage = z.strictObject({
  title: Localized,
  role: RoleId,
  /**
   * The fact naming the unit this stage awaits (e.g. "lead", chosen at start): then a member of that unit with `role`
   * acts for it (a user holding `role@unit`).
   */
  unit: Id.optional(),
  /** Roles that may record this stage's decision on behalf of `role` (a collective body). */
  recordedBy: z.array(RoleId).default([]),
  /** The milestone whose due date bounds this stage. */
  milestone: Id.optional(),
  /** Effects carried out each time the dossier enters this stage. */
  entry: z.array(Effect).default([]),
  on: z.record(EventName, Decision),
});
export type Stage = z.infer<typeof Stage>;

/** A final state and the workflow status it means. */
export const Outcome = z.strictObject({
  title: Localized,
  status: z.enum(['completed', 'rejected', 'withdrawn']),
});

/** A decision accepted at every stage, e.g. the secretariat withdrawing the dossier. */
export const Anytime = z.strictObject({ role: RoleId, to: Id });

/** A span of working days (weekends and Vietnamese public holidays skipped); negative means before. */
const WorkingDays = z.strictObject({ workingDays: z.number().int() });

/** One rung of an escalation ladder: who is told, how, and when relative to the milestone's due day. */
export const Rung = z.strictObject({
  id: Id,
  /** 0 fires at the due instant; other offsets fire at 08:00 that many working days before or after. */
  offset: WorkingDays,
  /** The role told; "awaited" is whoever the dossier waits for when the rung fires. */
  to: z.union([z.literal('awaited'), RoleId]),
  channels: z.array(z.enum(['email', 'webhook'])).min(1),
  /** An outcome the rung ends the process in; without it the stage goes on. */
  outcome: Id.optional(),
});
export type Rung = z.infer<typeof Rung>;

/**
 * A recurring obligation: one occurrence per period (a year, half a year, a quarter, a month), each with its own due
 * instant, ladder and report. Due at the end of the period, of the day `on` (yearly), or of the Nth working day of the
 * period (`byWorkingDay`). The series runs from the start up to the due instant the input gives the milestone
 * (included) or, without one, up to the due instant of the milestone `until` (excluded).
 */
export const Recurrence = z.strictObject({
  every: z.enum(['year', 'halfYear', 'quarter', 'month']),
  on: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).optional(),
  byWorkingDay: z.number().int().min(1).max(60).optional(),
  until: Id.optional(),
  /** The decision that files an occurrence's report, and the role that takes it; it closes that occurrence only. */
  report: z.strictObject({ event: EventName, role: RoleId }),
});
export type Recurrence = z.infer<typeof Recurrence>;

/** Units beside the awaited one (a fact listing unit ids) whose members of `role` may add contributions to history. */
export const Contributions = z.strictObject({ event: EventName, role: RoleId, units: Id });
export type Contributions = z.infer<typeof Contributions>;

/** A dated milestone; a stage that names it is bounded by it, one no stage names is tracked beside the main line. */
export const Milestone = z.strictObject({
  id: Id,
  title: Localized,
  lead: z.string().optional(),
  /** The number of the item in a plan document (`duyet plan import`) that gives this milestone's due date. */
  planItem: z.number().int().positive().optional(),
  /** Due this long after its stage is entered, when the input gives no instant. */
  duration: WorkingDays.optional(),
  /** After a revision: "restart" the full duration on resubmission, or "resume" the working days that were left. */
  onResubmit: z.enum(['restart', 'resume']).default('resume'),
  escalation: z.array(Rung).default([]),
  /** Recurs once per period instead of falling due once. */
  recurs: Recurrence.optional(),
});
export type Milestone = z.infer<typeof Milestone>;

/** A document kind the dossier carries. */
export const DocumentKind = z.strictObject({
  kind: Id,
  title: Localized,
  required: z.boolean(),
});

/** A multi-stage process as data: stages, roles, decisions, milestones and what a revision does. */
export const ProcessDefinition = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case process id such as "review-pipeline"'),
    version: z.number().int().positive(),
    title: Localized,
    roles: z.record(RoleId, Localized),
    initial: Id,
    stages: z.record(Id, Stage),
    outcomes: z.record(Id, Outcome),
    anytime: z.record(EventName, Anytime).default({}),
    revision: z
      .strictObject({
        /** The stage a revision request sends the dossier back to. */
        stage: Id,
        /** The event that resubmits it; it returns to the stage that asked. */
        resubmit: EventName,
        /** The draft number of the first draft. */
        firstDraft: z.number().int().positive(),
        /** A revision reopens the milestone of the stage it sends back to: what was delivered is no longer met. */
        reopens: z.boolean().optional(),
      })
      .optional(),
    /** Who may record that an unbound milestone was met. */
    milestoneRole: RoleId.optional(),
    /** Who may extend a milestone's due date and reassign the awaited person. */
    supervisorRole: RoleId.optional(),
    milestones: z.array(Milestone).default([]),
    documents: z.array(DocumentKind).default([]),
    /** Contributions coordinating units may add at any stage, kept in the history. */
    contributions: Contributions.optional(),
    /** What decisions complete on the server before they take effect. */
    decisionSteps: z.array(DecisionStep).default([]),
  })
  .superRefine((def, ctx) => {
    for (const { path, message } of definitionProblems(def)) ctx.addIssue({ code: 'custom', path, message });
  });
/** A validated process definition. */
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;
/** A process definition as written, before defaults are applied. */
export type ProcessDefinitionInput = z.input<typeof ProcessDefinition>;
