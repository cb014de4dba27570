import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const example = JSON.parse(readFileSync(new URL('../examples/review-pipeline.json', import.meta.url), 'utf8')) as {
  milestones: Record<string, string>;
};

/**
 * The example dossier with its milestones moved by whole years so the earliest is at least 200 days after
 * now: tests on a real clock stay clear of its deadlines whatever day they run.
 */
export function futureExample(): Record<string, unknown> {
  const earliest = Math.min(...Object.values(example.milestones).map((d) => Date.parse(d)));
  const years = Math.max(0, Math.ceil((Date.now() + 200 * 86_400_000 - earliest) / (365 * 86_400_000)));
  const milestones = Object.fromEntries(
    Object.entries(example.milestones).map(([id, due]) => [id, `${Number(due.slice(0, 4)) + years}${due.slice(4)}`]),
  );
  return { ...example, milestones };
}

/** {@link futureExample} written to a file, for the CLI's --input. */
export function futureExampleFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'duyet-example-')), 'review-pipeline.json');
  writeFileSync(file, JSON.stringify(futureExample()));
  return file;
}
