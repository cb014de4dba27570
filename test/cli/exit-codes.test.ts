import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodes } from '../../client/errors.js';
import { inheritedEnv } from '../../temporal.config.js';
import { duyet } from '../../test-support/cli.js';

// Refusals caught before any server is reached: the built CLI is run with no Temporal behind it.
const env = inheritedEnv({ TEMPORAL_ADDRESS: '127.0.0.1:9' });
const dir = mkdtempSync(join(tmpdir(), 'duyet-exit-'));

describe('exit codes of refusals made before anything is sent', () => {
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{');
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, '{}');
  const table = join(dir, 'table.csv');
  writeFileSync(
    table,
    'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian\n1.1,Đề án,Bộ Ngoại giao,,Đề án,2014\n',
  );
  const corrected = join(dir, 'corrected.json');
  writeFileSync(corrected, JSON.stringify({ tasks: [{ number: '1.1', dueAt: 'sớm nhất' }] }));
  // One test a command: each runs the built CLI once, so each has the whole test timeout to itself.
  it.each([
    [['calendar', 'holidays', 'abc'], 'expected a year between 1900 and 2200'],
    [['diagram', 'budget'], 'unknown process "budget"; expected one of: review-pipeline, delegation, task, programme'],
    [['start', 'review-pipeline', '--input', notJson], `${notJson} is not valid JSON`],
    [['start', 'review-pipeline', '--input', empty, '--rules', 'hanoi-2022'], 'takes no start option "rules"'],
    [['delegation', 'check', notJson], `${notJson} is not valid JSON`],
    [
      ['programme', 'import', table, '--preflight', corrected, '--apply', '--id', 'never-started'],
      'nothing was started: the corrected preflight has 1 fault(s):\n✖ task 1.1: dueAt: "sớm nhất"',
    ],
    [
      ['programme', 'import', table, '--apply', '--id', 'never-started', '--by', 'nobody.here'],
      '--by: unknown user "nobody.here"; the directory has:',
    ],
  ])('exits 2 (invalid) for duyet %j, naming what was expected', async (args, message) => {
    const result = await duyet(env, ...args);
    expect([result.code, result.stderr]).toEqual([exitCodes.invalid, expect.stringContaining(message)]);
  });

  it('exits 7 (tooLarge) for a plan text over its limit', async () => {
    const plan = join(dir, 'plan.txt');
    writeFileSync(plan, 'Thời gian: '.repeat(30_000));
    const input = join(dir, 'input.json');
    writeFileSync(input, '{}');
    const result = await duyet(env, 'start', 'review-pipeline', '--input', input, '--plan', plan);
    expect(result.code).toBe(exitCodes.tooLarge);
    expect(result.stderr).toContain('over the limit of 256 KiB (262144 bytes) for a plan text');
  });
});
