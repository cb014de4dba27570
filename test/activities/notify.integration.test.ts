import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, fileDeliveryStore, signWebhook, type Notification } from '../../activities/index.js';
import { loadDirectory } from '../../directory/directory.js';
import { startSmtpServer, startWebhookReceiver } from '../../test-support/receivers.js';

const secret = 'a-shared-secret-of-the-webhook';
const users = loadDirectory(new URL('../../directory/users.json', import.meta.url).pathname);

const escalation = (key: string): Notification => ({
  key,
  kind: 'escalation',
  template: 'escalation',
  workflowId: 'nq22',
  process: 'review-pipeline',
  subject: 'Đề án Tổng kết 10 năm thực hiện Nghị quyết 22',
  stage: 'pmReview',
  role: 'supervisor',
  assignee: null,
  channels: ['email', 'webhook'],
  draftVersion: 2,
  milestone: { id: 'pmApproval', title: 'Thủ tướng cho ý kiến', dueAt: '2027-09-29T23:59:59+07:00' },
  rung: 'supervisor',
  at: '2027-09-29T23:59:59+07:00',
});

describe('notify activity over real SMTP and HTTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let dir: string;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver(secret);
    dir = mkdtempSync(join(tmpdir(), 'duyet-notify-'));
  });
  afterAll(async () => {
    await smtp.stop();
    await receiver.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const activities = (file: string) =>
    createActivities({
      users: () => users,
      mail: { transport: nodemailer.createTransport(smtp.url), from: 'duyet <duyet@localhost>' },
      webhook: { url: receiver.url, secret },
      deliveries: fileDeliveryStore(join(dir, file)),
      log: () => {},
    });

  it('mails every supervisor and posts one signed webhook, and sends nothing again for the same key', async () => {
    const { notify } = activities('deliveries.log');
    const first = await notify(escalation('nq22:pmApproval:supervisor:1'));
    const supervisors = users.filter((u) => u.roles.includes('supervisor')).map((u) => u.email);
    expect(first).toEqual([
      ...supervisors.map((to) => ({ to, channel: 'email', delivered: true })),
      { to: receiver.url, channel: 'webhook', delivered: true },
    ]);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([...supervisors].sort());
    expect(smtp.mails.map((m) => m.idempotencyKey).sort()).toEqual(
      users
        .filter((u) => u.roles.includes('supervisor'))
        .map((u) => `nq22:pmApproval:supervisor:1:email:${u.id}`)
        .sort(),
    );
    expect(receiver.hooks).toHaveLength(1);
    expect(receiver.hooks[0]!.body).toMatchObject({
      key: 'nq22:pmApproval:supervisor:1',
      rung: 'supervisor',
      workflowId: 'nq22',
    });

    // A retried activity (or a second worker) with the same key: reported delivered, nothing sent twice.
    const again = await activities('deliveries.log').notify(escalation('nq22:pmApproval:supervisor:1'));
    expect(again).toEqual(first);
    expect(smtp.mails).toHaveLength(supervisors.length);
    expect(receiver.hooks).toHaveLength(1);
  });

  it('has a receiver that accepts the signature and rejects a tampered body or a stale timestamp', async () => {
    const body = JSON.stringify({ key: 'k', rung: 'head' });
    const now = Math.floor(Date.now() / 1000);
    const post = (payload: string, signature: string) =>
      fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-duyet-signature': signature },
        body: payload,
      });
    expect((await post(body, signWebhook(secret, now, body))).status).toBe(204);
    expect((await post(body.replace('head', 'supervisor'), signWebhook(secret, now, body))).status).toBe(401);
    expect((await post(body, signWebhook(secret, now - 3600, body))).status).toBe(401);
    expect((await post(body, signWebhook('another-secret-entirely', now, body))).status).toBe(401);
    expect(receiver.rejected).toBe(3);
  });

  it('fails the delivery, so the activity retries, when the webhook answers an error', async () => {
    const failing = createActivities({
      users: () => users,
      mail: undefined,
      webhook: { url: `${receiver.url.replace('/duyet', '')}/missing`, secret: 'wrong-secret-on-purpose' },
      deliveries: fileDeliveryStore(join(dir, 'failing.log')),
      log: () => {},
    });
    await expect(failing.notify({ ...escalation('nq22:x:y:1'), channels: ['webhook'] })).rejects.toThrow(
      'answered 401',
    );
  });
});
