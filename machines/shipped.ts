import type { ProcessDefinitionInput } from './definition.schema.js';
import { shippedVersions } from './definitions/index.js';
import { compileProcess, type Process } from './process.js';
import type { Result } from './start-context.js';

/** What a start carries instead of the whole definition: a shipped definition's id, version and content hash. */
export interface DefinitionRef {
  id: string;
  version: number;
  /** {@link definitionHash} of the definition the start was prepared with. */
  hash: string;
}

/**
 * A 53-bit hash of a definition's JSON as 14 hex digits (cyrb53; pure). Not a security measure: it tells a worker
 * whether its definition of an id and version is the one a workflow was started with.
 */
export function definitionHash(definition: ProcessDefinitionInput): string {
  const text = JSON.stringify(definition);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The reference a start sends for a shipped definition (pure). */
export const refOf = (definition: ProcessDefinitionInput): DefinitionRef => ({
  id: definition.id,
  version: definition.version,
  hash: definitionHash(definition),
});

/** The shipped definitions by `id@version`, each with its hash, computed on first use. */
let byVersion: Map<string, { definition: ProcessDefinitionInput; hash: string }> | undefined;

/**
 * The shipped definition a reference names, or why this code does not have it: an unknown id or version, or a
 * definition of that id and version whose content differs from the one the workflow was started with (pure).
 */
export function shippedDefinition(ref: DefinitionRef): Result<ProcessDefinitionInput> {
  byVersion ??= new Map(
    shippedVersions.map((d) => [`${d.id}@${d.version}`, { definition: d, hash: definitionHash(d) }]),
  );
  const found = byVersion.get(`${ref.id}@${ref.version}`);
  const known = [...byVersion.keys()].join(', ');
  if (!found)
    return {
      success: false,
      error: `this code ships no definition ${ref.id}@${ref.version} (it ships ${known}); expected every version a running workflow was started with in shippedVersions (machines/definitions/index.ts)`,
    };
  if (found.hash !== ref.hash)
    return {
      success: false,
      error: `the definition ${ref.id}@${ref.version} shipped here (hash ${found.hash}) is not the one the workflow was started with (hash ${ref.hash}); a changed definition needs a new version, the old one kept in shippedVersions (machines/definitions/index.ts)`,
    };
  return { success: true, data: found.definition };
}

/** Compiled processes by definition hash: a definition is compiled once per workflow thread when this module is shared. */
const compiled = new Map<string, Process>();

/**
 * The compiled process of a definition, compiled on first use and kept: pure, since compiling is pure and a
 * compiled process holds no state of its own. The worker preloads this module, so every workflow of a thread shares
 * one compiled process per definition (see `bundlerOptions` in worker/worker.ts).
 */
export function processOf(definition: ProcessDefinitionInput, hash = definitionHash(definition)): Process {
  const cached = compiled.get(hash);
  if (cached) return cached;
  const process = compileProcess(definition);
  if (compiled.size >= 64) compiled.delete(compiled.keys().next().value as string);
  compiled.set(hash, process);
  return process;
}
