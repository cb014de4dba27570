import type { ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DossierStatus, ListedDossier } from '../../client/dossiers.js';
import { duyet, duyetJson, kill, startWorker, testEnv } from '../../test-support/cli.js';
import { startSmtpServer, startWebhookReceiver } from '../../test-support/receivers.js';
import { futureExample, futureExampleFile } from '../../test-support/future-example.js';
import { replayAndKeep } from '../../test-support/replay.js';

const secret = 'dev-server-webhook-secret';
const example = futureExample();
const plan = new URL('../fixtures/seeds/plan-nq22.txt', import.meta.url).pathname;

/** Polls `duyet status` until the condition holds; visibility and deliveries settle within seconds. */
async function statusWhen(
  env: NodeJS.ProcessEnv,
  id: string,
  until: (s: DossierStatus) => boolean,
): Promise<DossierStatus> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const current = await duyetJson<DossierStatus>(env, 'status', id, '--json');
    if (until(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`status of ${id} did not reach the expected state within 30 s`);
}

describe('escalation on the embedded server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let env: NodeJS.ProcessEnv;
  let worker: ChildProcess;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    hooks = await startWebhookReceiver(secret);
    env = { ...testEnv(), DUYET_SMTP_URL: smtp.url, DUYET_WEBHOOK_URL: hooks.url, DUYET_WEBHOOK_SECRET: secret };
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await kill(worker, 'SIGTERM');
    await smtp.stop();
    await hooks.stop();
  });

  it('mails the supervisors and posts the webhook once, within seconds of start, when the PM submission is already past', async () => {
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const dir = mkdtempSync(join(tmpdir(), 'duyet-input-'));
    const input = join(dir, 'late.json');
    writeFileSync(
      input,
      JSON.stringify({ ...example, milestones: { ...(example.milestones as object), pmSubmission: yesterday } }),
    );
    const { workflowId } = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'review-pipeline',
      '--input',
      input,
      '--id',
      'nq22-late',
    );

    const supervisors = ['dang.quang@chinhphu.example', 'hoang.nam@chinhphu.example'];
    const escalated = await statusWhen(
      env,
      workflowId,
      (s) => s.escalations.filter((e) => e.rung === 'supervisor').length === 3,
    );
    expect(
      escalated.escalations
        .filter((e) => e.milestone === 'pmSubmission' && e.rung === 'supervisor')
        .map((e) => [e.channel, e.to, e.delivered]),
    ).toEqual([...supervisors.map((to) => ['email', to, true]), ['webhook', hooks.url, true]]);
    expect(escalated.milestones.find((m) => m.id === 'pmSubmission')!.status).toBe('missed');
    expect(escalated.awaiting).toMatchObject({ role: 'secretariat', milestone: 'pmSubmission', dueAt: yesterday });
    expect(escalated.awaiting!.escalationLevel).toBeGreaterThanOrEqual(1);

    // A new worker replays the history: nothing is sent again.
    await kill(worker, 'SIGKILL');
    worker = await startWorker(env);
    await duyetJson(env, 'decide', workflowId, 'MARK_MILESTONE', '--as', 'nguyen.thu', '--milestone', 'conference');
    const supervisorMails = smtp.mails.filter((m) =>
      m.idempotencyKey?.startsWith(`${workflowId}:pmSubmission:supervisor:`),
    );
    expect(supervisorMails.map((m) => m.to[0]).sort()).toEqual(supervisors);
    expect(hooks.hooks.filter((h) => h.body.workflowId === workflowId && h.body.rung === 'supervisor')).toHaveLength(1);
    expect(hooks.rejected).toBe(0);

    let overdue: ListedDossier[] = [];
    for (let attempt = 0; attempt < 20 && !overdue.some((r) => r.workflowId === workflowId); attempt += 1) {
      overdue = await duyetJson<ListedDossier[]>(env, 'list', '--overdue', '--json');
      if (!overdue.some((r) => r.workflowId === workflowId)) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const row = overdue.find((r) => r.workflowId === workflowId);
    expect(row).toMatchObject({
      stage: 'drafting',
      status: 'running',
      awaitedRole: 'secretariat',
      dueAt: new Date(yesterday).toISOString(),
    });
    expect(row!.escalationLevel).toBeGreaterThanOrEqual(1);

    await duyetJson(env, 'decide', workflowId, 'WITHDRAW', '--as', 'nguyen.thu', '--comment', 'Kết thúc thử nghiệm');
    const client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
    try {
      expect(await replayAndKeep(client, workflowId, 'review-pipeline-escalated')).toBe(1);
    } finally {
      await client.connection.close();
    }
  });

  it('lists nothing overdue for a dossier whose milestones are all ahead', async () => {
    const { workflowId } = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'review-pipeline',
      '--input',
      futureExampleFile(),
    );
    await statusWhen(env, workflowId, (s) => s.state === 'drafting');
    const overdue = await duyetJson<ListedDossier[]>(env, 'list', '--overdue', '--json');
    expect(overdue.map((r) => r.workflowId)).not.toContain(workflowId);
  });

  it('takes the milestones of a plan document with `start --plan`, and lets a supervisor reassign the stage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duyet-input-'));
    const input = join(dir, 'no-dates.json');
    writeFileSync(input, JSON.stringify({ ...example, milestones: {} }));
    const { workflowId } = await duyetJson<{ workflowId: string }>(
      env,
      'start',
      'review-pipeline',
      '--plan',
      plan,
      '--input',
      input,
    );
    const started = await statusWhen(env, workflowId, (s) =>
      s.milestones.every((m) => m.id === 'pmApproval' || m.status === 'missed'),
    );
    expect(Object.fromEntries(started.milestones.map((m) => [m.id, m.dueAt]))).toEqual({
      draftReady: '2023-09-14T23:59:59+07:00',
      conference: '2023-09-30T23:59:59+07:00',
      pmSubmission: '2023-09-29T23:59:59+07:00',
      pmApproval: null,
      standingGovernmentApproval: '2023-10-10T23:59:59+07:00',
      politburoSubmission: '2023-10-31T23:59:59+07:00',
      politburoComments: '2023-11-30T23:59:59+07:00',
    });

    const refused = await duyet(env, 'decide', workflowId, 'REASSIGN', '--as', 'dang.quang', '--to', 'pham.minh');
    expect(refused.stderr).toContain(
      'user "pham.minh" cannot be awaited at stage "drafting": it needs role "secretariat"',
    );
    const notSupervisor = await duyet(env, 'decide', workflowId, 'REASSIGN', '--as', 'nguyen.thu', '--to', 'tran.an');
    expect(notSupervisor.stderr).toContain('it belongs to role "supervisor"');
    await duyetJson(
      env,
      'decide',
      workflowId,
      'REASSIGN',
      '--as',
      'dang.quang',
      '--to',
      'tran.an',
      '--comment',
      'Tổ Biên tập hoàn thiện',
    );
    const reassigned = await duyetJson<DossierStatus>(env, 'status', workflowId, '--json');
    expect(reassigned.awaiting).toMatchObject({ role: 'secretariat', assignee: 'tran.an' });
    expect(reassigned.history.at(-1)).toMatchObject({
      event: 'REASSIGN',
      actor: 'dang.quang',
      comment: 'Tổ Biên tập hoàn thiện',
    });
  });
});
