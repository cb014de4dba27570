import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { User } from '../directory/directory.js';

/** A message the workflow asks to deliver: a stage waiting for someone, or a rung of an escalation ladder. */
export interface Notification {
  /** Unique per workflow and message (for a rung: workflow, milestone and rung), so a retried delivery sends once. */
  key: string;
  kind: 'stage' | 'escalation';
  template: string;
  workflowId: string;
  process: string;
  subject: string;
  stage: string;
  /** The role told. */
  role: string;
  /** A named person of that role, when the stage was reassigned to them. */
  assignee: string | null;
  channels: Array<'email' | 'webhook'>;
  draftVersion: number;
  milestone: { id: string; title: string; dueAt: string | null } | null;
  rung: string | null;
  at: string;
}

/** What one channel did for one recipient. */
export interface Delivery {
  to: string;
  channel: 'email' | 'webhook';
  delivered: boolean;
}

/** Remembers which deliveries were made, by idempotency key. */
export interface DeliveryStore {
  has(key: string): boolean;
  add(key: string): void;
}

/** A delivery store kept as one key a line in a file, so deliveries made before a crash are not repeated. */
export function fileDeliveryStore(file: string): DeliveryStore {
  const keys = new Set(existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
  return {
    has: (key) => keys.has(key),
    add(key) {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, key + '\n');
      keys.add(key);
    },
  };
}

/** Where and how notifications go. */
export interface NotifyDeps {
  users: () => User[];
  mail: { transport: Pick<Transporter, 'sendMail'>; from: string } | undefined;
  webhook: { url: string; secret: string } | undefined;
  deliveries: DeliveryStore;
  /** Where a notification goes when no channel is configured. */
  log: (line: string) => void;
}

/** The header that carries the webhook signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'x-duyet-signature';

/** Signs a webhook body for a timestamp (unix seconds) with the shared secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Whether a webhook's signature header matches its body and is recent enough, for receivers to check. */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

function mailText(n: Notification): { subject: string; text: string } {
  const due = n.milestone?.dueAt ? ` (hạn / due ${n.milestone.dueAt})` : '';
  if (n.kind === 'escalation') {
    return {
      subject: `[duyet] Cảnh báo tiến độ / Escalation: ${n.milestone?.title ?? n.stage} — ${n.subject}`,
      text: [
        `Mốc "${n.milestone?.title}"${due} của hồ sơ "${n.subject}" cần được xử lý (bậc ${n.rung}).`,
        `Milestone "${n.milestone?.title}"${due} of "${n.subject}" needs attention (rung ${n.rung}).`,
        `Giai đoạn hiện tại / current stage: ${n.stage}. Dự thảo / draft ${n.draftVersion}.`,
        `duyet status ${n.workflowId}`,
      ].join('\n'),
    };
  }
  return {
    subject: `[duyet] Hồ sơ chờ xử lý / Awaiting you: ${n.subject}`,
    text: [
      `Hồ sơ "${n.subject}" đang chờ ý kiến tại giai đoạn ${n.stage}${due}.`,
      `"${n.subject}" awaits your decision at ${n.stage}${due}.`,
      `duyet status ${n.workflowId}`,
    ].join('\n'),
  };
}

/** The notification activities, over the given channels. */
export function createNotifyActivities(deps: NotifyDeps) {
  return {
    /** Delivers a notification on its channels; a delivery already made under the same key is not made again. */
    async notify(n: Notification): Promise<Delivery[]> {
      const recipients = deps.users().filter((u) => (n.assignee ? u.id === n.assignee : u.roles.includes(n.role)));
      const deliveries: Delivery[] = [];
      if (n.channels.includes('email')) {
        for (const user of recipients) {
          const key = `${n.key}:email:${user.id}`;
          if (!deps.mail) {
            deps.log(`duyet notify (no SMTP configured) ${user.email}: ${mailText(n).subject}`);
            deliveries.push({ to: user.email, channel: 'email', delivered: false });
            continue;
          }
          if (!deps.deliveries.has(key)) {
            await deps.mail.transport.sendMail({
              from: deps.mail.from,
              to: `${user.name} <${user.email}>`,
              ...mailText(n),
              messageId: `<${key.replace(/[^A-Za-z0-9.-]/g, '.')}@duyet>`,
              headers: { 'X-Duyet-Idempotency-Key': key },
            });
            deps.deliveries.add(key);
          }
          deliveries.push({ to: user.email, channel: 'email', delivered: true });
        }
      }
      if (n.channels.includes('webhook')) {
        const key = `${n.key}:webhook`;
        if (!deps.webhook) {
          deps.log(`duyet notify (no webhook configured) ${n.kind} ${n.key}`);
          deliveries.push({ to: 'webhook', channel: 'webhook', delivered: false });
        } else {
          if (!deps.deliveries.has(key)) {
            const body = JSON.stringify({
              ...n,
              recipients: recipients.map((u) => ({ id: u.id, name: u.name, email: u.email })),
            });
            const timestamp = Math.floor(Date.now() / 1000);
            const response = await fetch(deps.webhook.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [SIGNATURE_HEADER]: signWebhook(deps.webhook.secret, timestamp, body),
                'idempotency-key': key,
              },
              body,
              signal: AbortSignal.timeout(10_000),
            });
            // Failing here lets the activity retry; the store keeps deliveries made on earlier attempts.
            if (!response.ok) throw new Error(`webhook ${deps.webhook.url} answered ${response.status}`);
            deps.deliveries.add(key);
          }
          deliveries.push({ to: deps.webhook.url, channel: 'webhook', delivered: true });
        }
      }
      return deliveries;
    },
  };
}
