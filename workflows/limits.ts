const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Sizes a request may have, in bytes of UTF-8 (JSON for structured values). The faces check them before anything
 * is sent and the workflows check them again in their Update validators, so nothing can reach a history that is
 * too large for Temporal (2 MiB per payload); the HTTP API uses `request` as its body limit.
 */
export const sizeLimits = {
  /** A comment kept with a decision, or the reason for a plan adjustment. */
  comment: 8 * KiB,
  /** A start input (the dossier, a delegation proposal, a plan's delegations) as JSON. */
  input: 256 * KiB,
  /** A plan document's text. */
  planText: 256 * KiB,
  /** Everything one request sends to Temporal (a start's arguments, a decision), as JSON. */
  request: 1024 * KiB,
} as const;

/**
 * What a workflow keeps itself below, so that no Update can put a workflow task into a failed state: the view an
 * Update returns and continueAsNew carries (Temporal refuses a payload over 2 MiB), the results of applied Updates
 * carried for idempotency, and the history of one run (Temporal ends a run at 51,200 events or 50 MiB).
 */
export const serverLimits = {
  /** The dossier's view, as JSON, after the decision. */
  view: 1 * MiB,
  /** The results of applied Updates carried across continueAsNew. */
  appliedResults: 256 * KiB,
  /** How many applied Update ids are carried across continueAsNew. */
  appliedIds: 200,
  /** Events in one run before decisions wait for the run to continue as new. */
  historyEvents: 40_000,
  /** Bytes of history in one run before decisions wait for the run to continue as new. */
  historyBytes: 40 * MiB,
} as const;

/** The UTF-8 size of a string, or of a value's JSON (pure; no Buffer, so workflows may call it). */
export function byteSize(value: unknown): number {
  if (value === undefined) return 0;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one four-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}
