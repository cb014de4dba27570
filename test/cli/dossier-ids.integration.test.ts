import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DossierStatus } from '../../client/dossiers.js';
import { exitCodes } from '../../client/errors.js';
import { limits } from '../../client/limits.js';
import { inheritedEnv } from '../../temporal.config.js';
import { duyet, duyetJson, useWorkerAndClient } from '../../test-support/cli.js';
import { futureExample, futureExampleFile } from '../../test-support/future-example.js';
import { freePort } from '../../test-support/ports.js';

const example = futureExampleFile();
const dir = mkdtempSync(join(tmpdir(), 'duyet-ids-'));

describe('dossier ids, closed dossiers and sizes, through the CLI on a real Temporal server', () => {
  const face = useWorkerAndClient();
  const start = (id: string, input = example) =>
    duyet(face.env, 'start', 'review-pipeline', '--input', input, '--id', id);
  /** The Updates a dossier's history holds: a refused or unsent decision adds none. */
  const updates = async (id: string) =>
    ((await face.client.workflow.getHandle(id).fetchHistory()).events ?? []).filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
    ).length;

  it('refuses an id in use by a running dossier, and by a closed one, saying which and how it ended', async () => {
    expect((await start('ids-reused')).code).toBe(0);
    const running = await start('ids-reused');
    expect(running.code).toBe(exitCodes.conflict);
    expect(running.stderr).toContain('a dossier with id "ids-reused" already exists and is running (review-pipeline)');

    await duyetJson(face.env, 'decide', 'ids-reused', 'WITHDRAW', '--as', 'nguyen.thu', '--comment', 'Rút hồ sơ');
    await face.client.workflow.getHandle('ids-reused').result();
    const closed = await start('ids-reused');
    expect(closed.code).toBe(exitCodes.conflict);
    expect(closed.stderr).toMatch(
      /dossier "ids-reused" is closed: it ended withdrawn at stage "withdrawn" on \d{2}\/\d{2}\/\d{4}; its record: `duyet status ids-reused`; choose another --id/,
    );
    const runs = [];
    for await (const run of face.client.workflow.list({ query: `WorkflowId = 'ids-reused'` })) runs.push(run);
    expect(runs).toHaveLength(1);
  });

  it("shows a closed dossier's record, and refuses a decision on it saying it is closed and how it ended", async () => {
    const record = await duyetJson<DossierStatus>(face.env, 'status', 'ids-reused', '--json');
    expect(record.status).toBe('withdrawn');
    expect(record.execution.status).toBe('completed');
    expect(record.history.map((h) => [h.event, h.comment])).toEqual([['WITHDRAW', 'Rút hồ sơ']]);

    const before = await updates('ids-reused');
    const refused = await duyet(face.env, 'decide', 'ids-reused', 'SUBMIT', '--as', 'nguyen.thu');
    expect(refused.code).toBe(exitCodes.conflict);
    expect(refused.stderr).toContain('dossier "ids-reused" is closed: it ended withdrawn at stage "withdrawn"');
    expect(refused.stderr).toContain('a closed dossier takes no more decisions');
    expect(await updates('ids-reused')).toBe(before);
  });

  it('says a terminated dossier was terminated, and still shows its record', async () => {
    expect((await start('ids-terminated')).code).toBe(0);
    await duyetJson(face.env, 'status', 'ids-terminated', '--json');
    await face.client.workflow.getHandle('ids-terminated').terminate('opened by mistake');
    const refused = await duyet(face.env, 'decide', 'ids-terminated', 'SUBMIT', '--as', 'nguyen.thu');
    expect(refused.code).toBe(exitCodes.conflict);
    expect(refused.stderr).toMatch(
      /dossier "ids-terminated" is closed: its workflow was terminated on \d{2}\/\d{2}\/\d{4}/,
    );
    const record = await duyetJson<DossierStatus>(face.env, 'status', 'ids-terminated', '--json');
    expect([record.state, record.execution.status]).toEqual(['drafting', 'terminated']);
  });

  it('answers an unknown id with notFound', async () => {
    const missing = await duyet(face.env, 'status', 'ids-never-started');
    expect(missing.code).toBe(exitCodes.notFound);
    expect(missing.stderr).toContain('no dossier with id "ids-never-started"');
  });

  it('refuses an oversized comment before sending it, recording nothing', async () => {
    expect((await start('ids-sizes')).code).toBe(0);
    const before = await updates('ids-sizes');
    const comment = 'Ý kiến '.repeat(Math.ceil(limits.comment / 8) + 1);
    const refused = await duyet(face.env, 'decide', 'ids-sizes', 'SUBMIT', '--as', 'nguyen.thu', '--comment', comment);
    expect(refused.code).toBe(exitCodes.tooLarge);
    expect(refused.stderr).toMatch(
      /the comment is \d+ bytes \(\d+(\.\d)? KiB\), over the limit of 8 KiB \(8192 bytes\)/,
    );
    expect(await updates('ids-sizes')).toBe(before);
    const status = await duyetJson<DossierStatus>(face.env, 'status', 'ids-sizes', '--json');
    expect([status.state, status.history]).toEqual(['drafting', []]);
  });

  it('refuses an oversized start input before anything starts', async () => {
    const input = join(dir, 'big.json');
    writeFileSync(input, JSON.stringify({ ...futureExample(), subject: 'x'.repeat(limits.input) }));
    const refused = await start('ids-too-large', input);
    expect(refused.code).toBe(exitCodes.tooLarge);
    expect(refused.stderr).toContain('over the limit of 256 KiB (262144 bytes) for a start input');
    expect((await duyet(face.env, 'status', 'ids-too-large')).code).toBe(exitCodes.notFound);
  });

  it('refuses --as when DUYET_REQUIRE_AUTH=1, sending nothing', async () => {
    const before = await updates('ids-sizes');
    const refused = await duyet(
      { ...face.env, DUYET_REQUIRE_AUTH: '1' },
      'decide',
      'ids-sizes',
      'SUBMIT',
      '--as',
      'nguyen.thu',
    );
    expect(refused.code).toBe(exitCodes.unauthenticated);
    expect(refused.stderr).toContain('--as nguyen.thu is refused: DUYET_REQUIRE_AUTH=1');
    expect(await updates('ids-sizes')).toBe(before);
  });
});

describe('every face when Temporal cannot be reached', () => {
  it('says so, at what address, and how to start it, within seconds', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const env = inheritedEnv({ TEMPORAL_ADDRESS: address });
    for (const args of [
      ['status', 'nq22'],
      ['list', '--json'],
      ['start', 'review-pipeline', '--input', example],
      ['decide', 'nq22', 'SUBMIT', '--as', 'nguyen.thu'],
    ]) {
      const result = await duyet(env, ...args);
      expect(result.code).toBe(exitCodes.unavailable);
      expect(result.stderr).toContain(`Temporal is not reachable at ${address}`);
      expect(result.stderr).toContain('npx duyet dev');
      expect(result.stderr).not.toContain('Failed to connect before the deadline');
    }
  });
});
