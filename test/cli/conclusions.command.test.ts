import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerProgrammeCommands } from '../../cli/programme.command.js';
import type { ConclusionItem } from '../../client/conclusions-import.js';

/** Seed 002, the notice of conclusions of 14 July 2023. */
const notice = fileURLToPath(new URL('../fixtures/seeds/conclusions-2023-07-14.txt', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'duyet-cli-conclusions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `duyet <args>` with the programme commands and returns what it printed. */
async function run(args: string[]): Promise<string> {
  const program = new Command('duyet').exitOverride();
  registerProgrammeCommands(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

/** Writes corrections to a file and gives its path. */
function corrections(name: string, edited: unknown): string {
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify(edited));
  return file;
}

describe('duyet conclusions import --preflight', () => {
  it('prints the items of seed 002 as corrected: item 7 due earlier, item 1 given a lead', async () => {
    const file = corrections('good.json', [
      { number: '7', dueAt: '30/11/2023' },
      { number: '1', agencies: ['bo-ngoai-giao'] },
    ]);
    const items = JSON.parse(
      await run(['conclusions', 'import', notice, '--json', '--year', '2023', '--preflight', file]),
    ) as ConclusionItem[];
    expect(items.find((i) => i.number === '7')!.dueAt).toBe('2023-11-30T23:59:59+07:00');
    expect(items.find((i) => i.number === '1')!.agencies).toEqual(['bo-ngoai-giao']);
  });

  it('takes the whole --json output edited, and refuses a bad edit naming the item and what was expected', async () => {
    const printed = JSON.parse(await run(['conclusions', 'import', notice, '--json', '--year', '2023'])) as Array<
      ConclusionItem & { dueAt: string | null }
    >;
    printed.find((i) => i.number === '7')!.dueAt = '31/13/2023';
    const file = corrections('bad.json', printed);
    await expect(run(['conclusions', 'import', notice, '--json', '--preflight', file])).rejects.toThrow(
      'nothing was started: the corrections have 1 fault(s):\n✖ item 7: dueAt: "31/13/2023" is not a real day',
    );
  });
});
