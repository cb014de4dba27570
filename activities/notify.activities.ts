import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
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

/** One message accepted by an SMTP server or the webhook receiver, as the delivery log records it. */
export interface AcceptedMessage {
  key: string;
  channel: 'email' | 'webhook';
  recipient: string;
  workflowId: string;
}

/** The delivery log every worker shares (the store's `deliveries` table): what was accepted, by key. */
export interface DeliveryLog {
  /** Which of these keys are already recorded. */
  recorded(keys: readonly string[]): Promise<Set<string>>;
  /** Records one accepted message; called the moment the receiver accepts it. */
  record(message: AcceptedMessage): Promise<void>;
}

/** Where and how notifications go. */
export interface NotifyDeps {
  users: () => User[];
  mail: { transport: Pick<Transporter, 'sendMail'>; from: string } | undefined;
  webhook: { url: string; secret: string } | undefined;
  deliveries: DeliveryLog;
  /** Tells Temporal the attempt is alive (the activity's heartbeat); details name the last key delivered. */
  heartbeat: (details?: unknown) => void;
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
  if (n.template === 'task-coordinating') {
    return {
      subject: `[duyet] Phối hợp thực hiện nhiệm vụ / Coordinating: ${n.subject}`,
      text: [
        `Cơ quan của đồng chí được giao phối hợp thực hiện nhiệm vụ "${n.subject}"${due}; ý kiến đóng góp gửi bằng CONTRIBUTE.`,
        `Your agency coordinates on "${n.subject}"${due}; send contributions with CONTRIBUTE.`,
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

/** The email Message-ID of a key: stable, so a copy sent again is recognisably the same message; pure. */
export function messageIdOf(key: string): string {
  const readable = key.replace(/[^A-Za-z0-9.-]/g, '.').slice(0, 120);
  return `<${readable}.${createHash('sha256').update(key).digest('hex').slice(0, 16)}@duyet>`;
}

/** One message still to deliver: its record for the log and how to hand it to its receiver. */
interface Outgoing extends AcceptedMessage {
  send(): Promise<void>;
}

/** How often a running delivery heartbeats while it waits on a slow receiver. */
const HEARTBEAT_EVERY_MS = 1000;

/** The notification activities, over the given channels. */
export function createNotifyActivities(deps: NotifyDeps) {
  /** The messages a notification makes, in order, with what it reports for channels that are not configured. */
  function plan(n: Notification): Array<Outgoing | Delivery> {
    const recipients = deps.users().filter((u) => (n.assignee ? u.id === n.assignee : u.roles.includes(n.role)));
    const outgoing: Array<Outgoing | Delivery> = [];
    if (n.channels.includes('email')) {
      for (const user of recipients) {
        const key = `${n.key}:email:${user.id}`;
        const mail = deps.mail;
        if (!mail) {
          deps.log(`duyet notify (no SMTP configured) ${user.email}: ${mailText(n).subject}`);
          outgoing.push({ to: user.email, channel: 'email', delivered: false });
          continue;
        }
        outgoing.push({
          key,
          channel: 'email',
          recipient: user.email,
          workflowId: n.workflowId,
          send: async () => {
            await mail.transport.sendMail({
              from: mail.from,
              to: `${user.name} <${user.email}>`,
              ...mailText(n),
              messageId: messageIdOf(key),
              headers: { 'X-Duyet-Idempotency-Key': key },
            });
          },
        });
      }
    }
    if (n.channels.includes('webhook')) {
      const key = `${n.key}:webhook`;
      const webhook = deps.webhook;
      if (!webhook) {
        deps.log(`duyet notify (no webhook configured) ${n.kind} ${n.key}`);
        outgoing.push({ to: 'webhook', channel: 'webhook', delivered: false });
      } else {
        const body = JSON.stringify({
          ...n,
          recipients: recipients.map((u) => ({ id: u.id, name: u.name, email: u.email })),
        });
        outgoing.push({
          key,
          channel: 'webhook',
          recipient: webhook.url,
          workflowId: n.workflowId,
          send: async () => {
            const timestamp = Math.floor(Date.now() / 1000);
            const response = await fetch(webhook.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [SIGNATURE_HEADER]: signWebhook(webhook.secret, timestamp, body),
                'idempotency-key': key,
              },
              body,
              signal: AbortSignal.timeout(10_000),
            });
            // Failing here lets the activity retry; messages accepted before are in the log and are skipped.
            if (!response.ok) throw new Error(`webhook ${webhook.url} answered ${response.status}`);
          },
        });
      }
    }
    return outgoing;
  }

  return {
    /**
     * Delivers a notification on its channels, one message at a time, recording each in the shared delivery
     * log the moment its receiver accepts it; messages whose key is already recorded are skipped, so a crash
     * resends at most the one message that was in flight.
     */
    async notify(n: Notification): Promise<Delivery[]> {
      const planned = plan(n);
      const outgoing = planned.filter((m): m is Outgoing => 'send' in m);
      deps.heartbeat({ key: n.key, delivered: 0 });
      const ticker = setInterval(() => {
        // A timer's exception would end the worker process; a missed beat only lets the attempt time out.
        try {
          deps.heartbeat({ key: n.key });
        } catch {
          clearInterval(ticker);
        }
      }, HEARTBEAT_EVERY_MS);
      try {
        const done = await deps.deliveries.recorded(outgoing.map((m) => m.key));
        for (const message of outgoing) {
          if (done.has(message.key)) continue;
          await message.send();
          const { key, channel, recipient, workflowId } = message;
          await deps.deliveries.record({ key, channel, recipient, workflowId });
          deps.heartbeat({ key: n.key, last: message.key });
        }
      } finally {
        clearInterval(ticker);
      }
      return planned.map((m) => ('send' in m ? { to: m.recipient, channel: m.channel, delivered: true } : m));
    },
  };
}
