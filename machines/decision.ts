import type { Result } from './start-context.js';

/** A decision as a face (CLI, API) submits it: the actor is already authenticated and their roles resolved. */
export interface DecisionInput {
  type: string;
  actor: string;
  roles?: string[] | undefined;
  onBehalfOf?: string | null | undefined;
  comment?: string | null | undefined;
  milestone?: string | undefined;
  /** EXTEND: the new due instant. */
  dueAt?: string | undefined;
  /** REASSIGN: the user now awaited, with the roles the directory gives them. */
  assignee?: { id: string; roles: string[] } | undefined;
  /** The files a decision carries (a product on SUBMIT, a report), by SHA-256; the face checked each is stored. */
  files?: string[] | undefined;
  /** The entries a decision that appends to a fact's list adds (e.g. a programme's tasks added by a changed file). */
  entries?: Array<Record<string, unknown>> | undefined;
  /** The new values of facts held as text, for a decision that changes them (a task's content approved anew). */
  facts?: Record<string, string> | undefined;
}

/** A decision whose fields were checked, with its roles filled in. */
export type Decision = DecisionInput & { roles: string[] };

const decisionKeys = new Set([
  'type',
  'actor',
  'roles',
  'onBehalfOf',
  'comment',
  'milestone',
  'dueAt',
  'assignee',
  'files',
  'entries',
  'facts',
]);

/** At most this many entries on one decision. */
export const MAX_DECISION_ENTRIES = 500;
/** At most this many facts changed by one decision, each at most this many characters. */
export const MAX_DECISION_FACTS = 20;
export const MAX_FACT_TEXT = 4000;
/** At most this many files on one decision. */
export const MAX_DECISION_FILES = 20;
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
const eventName = /^[A-Z][A-Z0-9_]*$/;
/** An ISO 8601 instant with a Z or numeric offset, as the faces send due instants. */
export const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Checks the fields of a decision as a hand-written validator does, one test per field (no schema is built): the
 * decision with its roles defaulted, or every field that is wrong with what was expected.
 */
export function parseDecision(raw: unknown): Result<Decision> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { success: false, error: 'invalid decision: expected an object with type, actor and roles' };
  const d = raw as Record<string, unknown>;
  const problems: string[] = [];
  const expect = (ok: boolean, field: string, what: string) => {
    if (!ok) problems.push(`✖ ${what}\n  → at ${field}`);
  };
  for (const key of Object.keys(d)) expect(decisionKeys.has(key), key, `unrecognized key: "${key}"`);
  expect(isText(d.type) && eventName.test(d.type), 'type', 'expected an UPPER_SNAKE event name such as "APPROVE"');
  expect(isText(d.actor) && d.actor.length > 0, 'actor', 'expected the id of the user deciding');
  expect(d.roles === undefined || isTextList(d.roles), 'roles', 'expected the list of the role ids the user holds');
  expect(d.onBehalfOf == null || (isText(d.onBehalfOf) && d.onBehalfOf.length > 0), 'onBehalfOf', 'expected a role id');
  expect(d.comment == null || isText(d.comment), 'comment', 'expected the comment as text');
  expect(
    d.milestone === undefined || (isText(d.milestone) && d.milestone.length > 0),
    'milestone',
    'expected a milestone id',
  );
  expect(
    d.dueAt === undefined || (isText(d.dueAt) && isoInstant.test(d.dueAt) && !Number.isNaN(Date.parse(d.dueAt))),
    'dueAt',
    'expected the new due instant as ISO 8601 with offset',
  );
  const a = d.assignee as Record<string, unknown> | undefined;
  expect(
    a === undefined ||
      (typeof a === 'object' &&
        a !== null &&
        Object.keys(a).every((k) => k === 'id' || k === 'roles') &&
        isText(a.id) &&
        a.id.length > 0 &&
        isTextList(a.roles)),
    'assignee',
    'expected the user awaited as { id, roles }',
  );
  expect(
    d.files === undefined ||
      (isTextList(d.files) && d.files.length <= MAX_DECISION_FILES && d.files.every((f) => /^[0-9a-f]{64}$/.test(f))),
    'files',
    `expected at most ${MAX_DECISION_FILES} files, each the SHA-256 of a stored file (64 lowercase hex digits)`,
  );
  expect(
    d.entries === undefined ||
      (Array.isArray(d.entries) &&
        d.entries.length > 0 &&
        d.entries.length <= MAX_DECISION_ENTRIES &&
        d.entries.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e))),
    'entries',
    `expected from 1 to ${MAX_DECISION_ENTRIES} entries, each an object`,
  );
  const facts = d.facts as Record<string, unknown> | undefined;
  expect(
    facts === undefined ||
      (typeof facts === 'object' &&
        facts !== null &&
        !Array.isArray(facts) &&
        Object.keys(facts).length > 0 &&
        Object.keys(facts).length <= MAX_DECISION_FACTS &&
        Object.entries(facts).every(
          ([k, v]) => /^[a-z][a-zA-Z0-9-]*$/.test(k) && isText(v) && v.length <= MAX_FACT_TEXT,
        )),
    'facts',
    `expected from 1 to ${MAX_DECISION_FACTS} facts, each a fact id with its new text of at most ${MAX_FACT_TEXT} characters`,
  );
  if (problems.length > 0) return { success: false, error: `invalid decision:\n${problems.join('\n')}` };
  const decision = d as unknown as DecisionInput;
  return { success: true, data: { ...decision, roles: decision.roles ?? [] } };
}
