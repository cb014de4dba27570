import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DossierStatus, ListedDossier } from '../../client/dossiers.js';
import { duyet, duyetJson, kill, startWorker, testEnv } from '../../test-support/cli.js';
import { futureExampleFile } from '../../test-support/future-example.js';
import { replayAndKeep } from '../../test-support/replay.js';

const example = futureExampleFile();

let client: Client;
beforeAll(async () => {
  client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
});
afterAll(async () => {
  await client.connection.close();
});

describe('review pipeline on a real Temporal server, driven by the CLI', () => {
  const env = testEnv();
  let worker: ChildProcess;
  beforeAll(async () => {
    worker = await startWorker(env);
  });
  afterAll(() => kill(worker, 'SIGTERM'));

  it('takes a dossier through every stage and a revision loop to completed, refusing a wrong-role decision', async () => {
    const { workflowId } = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'review-pipeline',
      '--input',
      example,
      '--id',
      'nq22-full-run',
    );
    expect(workflowId).toBe('nq22-full-run');

    const steps: string[][] = [
      ['SUBMIT', '--as', 'nguyen.thu', '--comment', 'Trình Thủ tướng dự thảo 03 văn bản'],
      ['APPROVE', '--as', 'pham.minh'],
      [
        'REQUEST_REVISION',
        '--as',
        'nguyen.thu',
        '--on-behalf-of',
        'standing-government',
        '--comment',
        'Bổ sung số liệu',
      ],
      ['SUBMIT', '--as', 'tran.an', '--comment', 'Dự thảo lần 3'],
      ['APPROVE', '--as', 'le.hoa'],
      ['MARK_MILESTONE', '--as', 'nguyen.thu', '--milestone', 'conference'],
    ];
    for (const step of steps) await duyetJson(env, 'decide', workflowId, ...step);

    const refused = await duyet(env, 'decide', workflowId, 'APPROVE', '--as', 'vo.lan');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'cannot take "APPROVE" at stage "partyCommittee": it belongs to role "party-committee"',
    );

    const listed = await duyetJson<ListedDossier[]>(
      env,
      'list',
      '--stage',
      'partyCommittee',
      '--process',
      'review-pipeline',
      '--json',
    );
    expect(listed.map((r) => r.workflowId)).toContain(workflowId);

    await duyetJson(env, 'decide', workflowId, 'APPROVE', '--as', 'tran.binh');
    await duyetJson(
      env,
      'decide',
      workflowId,
      'APPROVE',
      '--as',
      'nguyen.thu',
      '--on-behalf-of',
      'politburo',
      '--comment',
      'Bộ Chính trị cho ý kiến',
    );

    const status = await duyetJson<DossierStatus>(env, 'status', workflowId, '--json');
    expect(status).toMatchObject({
      workflowId,
      process: 'review-pipeline',
      status: 'completed',
      state: 'completed',
      draftVersion: 3,
      awaiting: null,
    });
    expect(status.history.map((h) => [h.event, h.from, h.to, h.actor, h.onBehalfOf])).toEqual([
      ['SUBMIT', 'drafting', 'pmReview', 'nguyen.thu', null],
      ['APPROVE', 'pmReview', 'standingGovernment', 'pham.minh', null],
      ['REQUEST_REVISION', 'standingGovernment', 'drafting', 'nguyen.thu', 'standing-government'],
      ['SUBMIT', 'drafting', 'standingGovernment', 'tran.an', null],
      ['APPROVE', 'standingGovernment', 'partyCommittee', 'le.hoa', null],
      ['MARK_MILESTONE', 'partyCommittee', 'partyCommittee', 'nguyen.thu', null],
      ['APPROVE', 'partyCommittee', 'politburo', 'tran.binh', null],
      ['APPROVE', 'politburo', 'completed', 'nguyen.thu', 'politburo'],
    ]);
    expect(status.history[2]!.comment).toBe('Bổ sung số liệu');
    for (const h of status.history) expect(Date.parse(h.at)).not.toBeNaN();

    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get({ name: 'DuyetStatus', type: 'KEYWORD' })).toBe('completed');
    // The test server suggests continue-as-new after 60 events: the snapshot crossed runs intact.
    expect(await replayAndKeep(client, workflowId, 'review-pipeline-inline-loop')).toBeGreaterThan(1);
  });

  it('refuses bad input with a clear error and starts nothing', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['start', 'no-such-process', '--input', example, '--id', 'bad-1'],
        'unknown process "no-such-process"; expected one of: review-pipeline',
      ],
      [['start', 'review-pipeline', '--input', '/nonexistent.json', '--id', 'bad-2'], 'cannot read /nonexistent.json'],
      [
        [
          'start',
          'review-pipeline',
          '--input',
          fileURLToPath(new URL('../../package.json', import.meta.url)),
          '--id',
          'bad-3',
        ],
        'invalid input for review-pipeline',
      ],
    ];
    for (const [args, message] of cases) {
      const result = await duyet(env, ...args);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toContain(message);
      const id = args[args.indexOf('--id') + 1]!;
      const status = await duyet(env, 'status', id, '--json');
      expect(status.stderr).toContain(`no dossier with id "${id}"`);
    }
  });

  it('refuses an unknown user and a decision the stage cannot take, recording nothing', async () => {
    const { workflowId } = await duyetJson<{ workflowId: string }>(env, 'start', 'review-pipeline', '--input', example);
    const unknownUser = await duyet(env, 'decide', workflowId, 'SUBMIT', '--as', 'nobody');
    expect(unknownUser.code).not.toBe(0);
    expect(unknownUser.stderr).toContain('unknown user "nobody"; the directory has: nguyen.thu');
    const unknownEvent = await duyet(env, 'decide', workflowId, 'ESCALATE', '--as', 'nguyen.thu');
    expect(unknownEvent.stderr).toContain('unknown event "ESCALATE" for review-pipeline; expected one of:');
    const early = await duyet(env, 'decide', workflowId, 'APPROVE', '--as', 'pham.minh');
    expect(early.stderr).toContain(
      '"APPROVE" cannot be taken at stage "drafting"; expected one of: SUBMIT, WITHDRAW, MARK_MILESTONE, EXTEND, REASSIGN',
    );
    const status = await duyetJson<DossierStatus>(env, 'status', workflowId, '--json');
    expect(status.history).toEqual([]);
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const updates = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updates).toHaveLength(0);
    await duyetJson(env, 'decide', workflowId, 'WITHDRAW', '--as', 'nguyen.thu', '--comment', 'Thử nghiệm');
    expect((await duyetJson<DossierStatus>(env, 'status', workflowId, '--json')).status).toBe('withdrawn');
  });
});

describe('review pipeline when its worker is killed', () => {
  const env = testEnv();

  it('completes with its full history on a new worker, including a decision sent while no worker ran', async () => {
    const first = await startWorker(env);
    const { workflowId } = await duyetJson<{ workflowId: string }>(env, 'start', 'review-pipeline', '--input', example);
    await duyetJson(env, 'decide', workflowId, 'SUBMIT', '--as', 'nguyen.thu');
    await duyetJson(env, 'decide', workflowId, 'REQUEST_REVISION', '--as', 'pham.minh', '--comment', 'Làm rõ lộ trình');
    await kill(first, 'SIGKILL');

    const pending = duyetJson<DossierStatus>(
      env,
      'decide',
      workflowId,
      'SUBMIT',
      '--as',
      'nguyen.thu',
      '--comment',
      'Dự thảo lần 3',
    );
    const second = await startWorker(env);
    try {
      expect((await pending).state).toBe('pmReview');
      for (const step of [
        ['APPROVE', '--as', 'pham.minh'],
        ['APPROVE', '--as', 'nguyen.thu', '--on-behalf-of', 'standing-government'],
        ['APPROVE', '--as', 'nguyen.thu', '--on-behalf-of', 'party-committee'],
        ['APPROVE', '--as', 'vo.lan'],
      ]) {
        await duyetJson(env, 'decide', workflowId, ...step);
      }
      const status = await duyetJson<DossierStatus>(env, 'status', workflowId, '--json');
      expect(status.status).toBe('completed');
      expect(status.draftVersion).toBe(3);
      expect(status.history.map((h) => `${h.event}:${h.from}->${h.to}`)).toEqual([
        'SUBMIT:drafting->pmReview',
        'REQUEST_REVISION:pmReview->drafting',
        'SUBMIT:drafting->pmReview',
        'APPROVE:pmReview->standingGovernment',
        'APPROVE:standingGovernment->partyCommittee',
        'APPROVE:partyCommittee->politburo',
        'APPROVE:politburo->completed',
      ]);
      expect(await replayAndKeep(client, workflowId, 'review-pipeline-worker-killed')).toBeGreaterThan(1);
    } finally {
      await kill(second, 'SIGTERM');
    }
  });
});
