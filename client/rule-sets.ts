import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RuleSet, ruleSets } from '../delegation/rules.js';
import { RequestError } from './errors.js';

/**
 * The shipped rule sets and those in `dir` (each `*.json` a rule set, e.g. the year after the shipped ones); a file
 * that is not a valid rule set, or an id that is taken, is refused naming the file.
 */
export function loadRuleSets(dir: string | undefined): Record<string, RuleSet> {
  const all: Record<string, RuleSet> = { ...ruleSets };
  if (dir === undefined) return all;
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (err) {
    throw new RequestError(`cannot read the rule sets folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  for (const name of files.sort()) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (err) {
      throw new RequestError(`cannot read the rule set ${file}: ${(err as Error).message}`);
    }
    const parsed = RuleSet.safeParse(raw);
    if (!parsed.success) throw new RequestError(`${file} is not a rule set:\n${z.prettifyError(parsed.error)}`);
    if (all[parsed.data.id])
      throw new RequestError(
        `${file}: rule set id "${parsed.data.id}" is taken; expected a new id, such as "hanoi-2023"`,
      );
    all[parsed.data.id] = parsed.data;
  }
  return all;
}
