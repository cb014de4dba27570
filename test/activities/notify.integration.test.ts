import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf, signWebhook, storeDeliveryLog, type Notification } from '../../activities/index.js';
import { createNotifyActivities as createActivities } from '../../activities/notify.activities.js';
import { loadDirectory } from '../../directory/directory.js';
import { deliveriesOf } from '../../store/index.js';
import { inheritedEnv } from '../../temporal.config.js';
import { startSmtpServer, startWebhookReceiver, type TestSmtpServer } from '../../test-support/receivers.js';
import { createTestStore } from '../../test-support/store.js';

const secret = 'a-shared-secret-of-the-webhook';
const users = loadDirectory(new URL('../../directory/users.json', import.meta.url).pathname);
const supervisors = users.filter((u) => u.roles.includes('supervisor'));

const escalation = (key: string, workflowId = 'nq22'): Notification => ({
  key,
  kind: 'escalation',
  template: 'escalation',
  workflowId,
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

/**
 * Runs the built notify activity in a process of its own against the same SMTP server, receiver and store, so a
 * test can kill it with SIGKILL mid-delivery.
 */
function notifyInChild(env: Record<string, string>) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const script = `
    import nodemailer from 'nodemailer';
    import { createActivities, storeDeliveryLog } from './dist/activities/index.js';
    import { loadDirectory } from './dist/directory/directory.js';
    import { openStore } from './dist/store/index.js';
    const e = process.env;
    const store = await openStore(e.NOTIFY_DATABASE_URL);
    const { notify } = createActivities({
      users: () => loadDirectory('directory/users.json'),
      mail: { transport: nodemailer.createTransport(e.NOTIFY_SMTP_URL), from: 'duyet <duyet@localhost>' },
      webhook: { url: e.NOTIFY_WEBHOOK_URL, secret: e.NOTIFY_WEBHOOK_SECRET },
      deliveries: storeDeliveryLog(store.db),
      heartbeat: () => {},
      log: () => {},
    });
    await notify(JSON.parse(e.NOTIFY_NOTIFICATION));
    await store.close();
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    env: inheritedEnv(env),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

describe('notify activity over real SMTP and HTTP, with the store as its delivery log', () => {
  let smtp: TestSmtpServer;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let store: Awaited<ReturnType<typeof createTestStore>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startWebhookReceiver(secret);
    store = await createTestStore();
  });
  afterAll(async () => {
    await smtp.stop();
    await receiver.stop();
    await store.close();
  });

  const activities = (heartbeats: unknown[] = []) =>
    createActivities({
      users: () => users,
      mail: { transport: nodemailer.createTransport(smtp.url), from: 'duyet <duyet@localhost>' },
      webhook: { url: receiver.url, secret },
      deliveries: storeDeliveryLog(store.db),
      heartbeat: (details) => heartbeats.push(details),
      log: () => {},
    });

  it('mails every supervisor and posts one signed webhook, each with its key, and sends nothing again for the same key', async () => {
    const key = 'nq22:pmApproval:supervisor:1';
    const heartbeats: unknown[] = [];
    const first = await activities(heartbeats).notify(escalation(key));
    expect(first).toEqual([
      ...supervisors.map((u) => ({ to: u.email, channel: 'email', delivered: true })),
      { to: receiver.url, channel: 'webhook', delivered: true },
    ]);
    const mailKeys = supervisors.map((u) => `${key}:email:${u.id}`);
    expect(smtp.mails.map((m) => m.idempotencyKey).sort()).toEqual([...mailKeys].sort());
    expect(smtp.mails.map((m) => m.messageId).sort()).toEqual(mailKeys.map(messageIdOf).sort());
    expect(receiver.hooks.map((h) => h.idempotencyKey)).toEqual([`${key}:webhook`]);
    expect(receiver.hooks[0]!.body).toMatchObject({ key, rung: 'supervisor', workflowId: 'nq22' });
    expect((await deliveriesOf(store.db, 'nq22')).map((d) => d.key).sort()).toEqual(
      [...mailKeys, `${key}:webhook`].sort(),
    );
    // A heartbeat at the start and one after each accepted message, naming it.
    expect(heartbeats.filter((h) => (h as { last?: string }).last)).toEqual(
      [...mailKeys, `${key}:webhook`].map((last) => ({ key, last })),
    );

    // A retried activity (or a second worker) with the same key: reported delivered, nothing sent twice.
    const again = await activities().notify(escalation(key));
    expect(again).toEqual(first);
    expect(smtp.mails).toHaveLength(supervisors.length);
    expect(receiver.hooks).toHaveLength(1);
  });

  it('after a worker killed between two messages, the retry sends only what was not recorded', async () => {
    const key = 'nq22-crash:pmApproval:supervisor:1';
    const notification = escalation(key, 'nq22-crash');
    const before = smtp.mails.length;
    smtp.holdAfter = before + 1; // the first mail is accepted; the second is left unanswered
    const child = notifyInChild({
      NOTIFY_DATABASE_URL: store.connectionUrl,
      NOTIFY_SMTP_URL: smtp.url,
      NOTIFY_WEBHOOK_URL: receiver.url,
      NOTIFY_WEBHOOK_SECRET: secret,
      NOTIFY_NOTIFICATION: JSON.stringify(notification),
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await until(
      async () => smtp.held.length === 1,
      () => `the second mail never arrived: ${stderr}`,
    );
    // The first mail is recorded before the second is sent; the crash falls while the second is in flight.
    expect((await deliveriesOf(store.db, 'nq22-crash')).map((d) => d.key)).toEqual([
      `${key}:email:${supervisors[0]!.id}`,
    ]);
    child.kill('SIGKILL');
    await exited;
    smtp.holdAfter = undefined;

    await activities().notify(notification);
    const accepted = smtp.mails.slice(before).map((m) => m.idempotencyKey);
    expect(accepted).toEqual(supervisors.map((u) => `${key}:email:${u.id}`));
    expect(receiver.hooks.filter((h) => h.idempotencyKey === `${key}:webhook`)).toHaveLength(1);
    expect((await deliveriesOf(store.db, 'nq22-crash')).map((d) => d.key).sort()).toEqual(
      [...supervisors.map((u) => `${key}:email:${u.id}`), `${key}:webhook`].sort(),
    );
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

  it('fails the delivery, so the activity retries, when the webhook answers an error, and records nothing', async () => {
    const failing = createActivities({
      users: () => users,
      mail: undefined,
      webhook: { url: `${receiver.url.replace('/duyet', '')}/missing`, secret: 'wrong-secret-on-purpose' },
      deliveries: storeDeliveryLog(store.db),
      heartbeat: () => {},
      log: () => {},
    });
    await expect(failing.notify({ ...escalation('nq22-x:y:1', 'nq22-x'), channels: ['webhook'] })).rejects.toThrow(
      'answered 401',
    );
    expect(await deliveriesOf(store.db, 'nq22-x')).toEqual([]);
  });

  it('derives a stable Message-ID from the key, distinct for keys that differ only in punctuation', () => {
    expect(messageIdOf('a:b')).toBe(messageIdOf('a:b'));
    expect(messageIdOf('a:b')).not.toBe(messageIdOf('a.b'));
    expect(messageIdOf('nq22:pmApproval:supervisor:1:email:dang.quang')).toMatch(
      /^<nq22\.pmApproval\.supervisor\.1\.email\.dang\.quang\.[0-9a-f]{16}@duyet>$/,
    );
  });
});

/** Polls until the condition holds, for at most 20 s. */
async function until(condition: () => Promise<boolean>, message: () => string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(message());
}
