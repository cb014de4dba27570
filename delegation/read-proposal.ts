import type { z } from 'zod';
import type { UnitIndex } from '../directory/units.js';
import { proposalSchema, type Proposal } from './proposal.schema.js';

/** The largest proposal file, or API body carrying one, that is read: 256 KiB. */
export const MAX_PROPOSAL_BYTES = 256 * 1024;

/** A value read from text, or why it could not be: too large, not UTF-8, or not JSON. */
export type Read<T> =
  { success: true; data: T } | { success: false; reason: 'tooLarge' | 'encoding' | 'json'; error: string };

/**
 * JSON from the bytes of a file or body: refused past `maxBytes`, UTF-8 only, a byte-order mark (as Windows Notepad
 * writes) dropped (pure).
 */
export function parseJsonText(input: Uint8Array | string, maxBytes = MAX_PROPOSAL_BYTES): Read<unknown> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes.byteLength > maxBytes)
    return {
      success: false,
      reason: 'tooLarge',
      error: `expected at most ${maxBytes / 1024} KiB (${maxBytes} bytes); got ${bytes.byteLength} bytes`,
    };
  let text: string;
  try {
    // TextDecoder drops a leading byte-order mark unless told not to.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { success: false, reason: 'encoding', error: 'expected UTF-8 text; save the file as UTF-8' };
  }
  try {
    return { success: true, data: JSON.parse(text) };
  } catch (err) {
    return { success: false, reason: 'json', error: `expected JSON: ${(err as Error).message}` };
  }
}

/** A zod issue's path written as in JavaScript: `members[2].keyLeader`, `[0].year`. */
export function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the whole file)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** Each issue on its own line, after its path (pure). */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${pathOf(issue.path)}: ${issue.message}`).join('\n');
}

const LEGACY = 'managedByStandingBoard';
const CURRENT = 'managedByStandingCommittee';

/** People written with the old field name get the new one; returns the warning when any did (pure, copies). */
function renameLegacy(raw: unknown): { raw: unknown; warning?: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { raw };
  const proposal = raw as Record<string, unknown>;
  let renamed = 0;
  const person = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || !(LEGACY in value) || CURRENT in value) return value;
    const { [LEGACY]: flag, ...rest } = value as Record<string, unknown>;
    renamed += 1;
    return { ...rest, [CURRENT]: flag };
  };
  const copy = {
    ...proposal,
    ...('leader' in proposal ? { leader: person(proposal.leader) } : {}),
    ...(Array.isArray(proposal.members) ? { members: proposal.members.map(person) } : {}),
  };
  if (renamed === 0) return { raw };
  return {
    raw: copy,
    warning: `"${LEGACY}" is the old name of "${CURRENT}" (cán bộ diện Ban Thường vụ Thành ủy quản lý — the Standing Committee, not the Standing Board); read as "${CURRENT}" for ${renamed} ${renamed === 1 ? 'person' : 'people'} this time: rename the field, a later version will refuse it`,
  };
}

/** A proposal read against the unit directory, with the warnings it deserves. */
export type ReadProposal =
  { success: true; data: Proposal; warnings: string[] } | { success: false; error: string; issues: z.ZodError };

/**
 * Reads a proposal as written: the old field name accepted with a warning, unknown fields refused by name, units
 * looked up in the directory and countries as ISO 3166 codes; every issue listed with its path (pure).
 */
export function readProposal(raw: unknown, units: UnitIndex): ReadProposal {
  const { raw: current, warning } = renameLegacy(raw);
  const parsed = proposalSchema(units).safeParse(current);
  if (!parsed.success) return { success: false, error: formatIssues(parsed.error), issues: parsed.error };
  return { success: true, data: parsed.data, warnings: warning ? [warning] : [] };
}
