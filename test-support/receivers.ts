import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SIGNATURE_HEADER, verifyWebhook } from '../activities/index.js';

/** A mail as the test SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  idempotencyKey: string | null;
  messageId: string | null;
  /** When the server had the whole message (Date.now()), just before it answered. */
  receivedAt: number;
}

/** The test SMTP server: what it accepted, and what it holds unanswered while `holdAfter` says so. */
export interface TestSmtpServer {
  url: string;
  /** Every message accepted (answered 250), in order. */
  mails: ReceivedMail[];
  /** Messages received but left unanswered, as a receiver does while the sender crashes. */
  held: ReceivedMail[];
  /** Once this many messages are accepted, later ones are held unanswered; undefined accepts all. */
  holdAfter: number | undefined;
  stop(): Promise<void>;
}

/** A real SMTP server on a free loopback port that keeps every message it receives. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const held: ReceivedMail[] = [];
  const control: { holdAfter: number | undefined } = { holdAfter: undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        // Long header lines arrive folded (RFC 5322): unfold them before reading.
        const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(headers)?.[1]?.trim() ?? null;
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: header('Subject') ?? '',
          idempotencyKey: header('X-Duyet-Idempotency-Key'),
          messageId: header('Message-ID'),
          receivedAt: Date.now(),
        };
        if (control.holdAfter !== undefined && mails.length >= control.holdAfter) {
          held.push(mail);
          return;
        }
        mails.push(mail);
        callback();
      });
    },
  });
  // A sender killed mid-message resets its connection: its failure, not the receiver's, so it must not end the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    held,
    get holdAfter() {
      return control.holdAfter;
    },
    set holdAfter(value: number | undefined) {
      control.holdAfter = value;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A webhook as the receiver got it, and whether its signature checked out. */
export interface ReceivedWebhook {
  body: Record<string, unknown>;
  raw: string;
  signature: string | undefined;
  idempotencyKey: string | undefined;
  verified: boolean;
  /** When the receiver had the whole request (Date.now()), just before it answered. */
  receivedAt: number;
}

/** A real HTTP receiver that checks each webhook's signature, answering 401 to a bad one. */
export async function startWebhookReceiver(
  secret: string,
): Promise<{ url: string; hooks: ReceivedWebhook[]; rejected: number; stop(): Promise<void> }> {
  const state = { hooks: [] as ReceivedWebhook[], rejected: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers[SIGNATURE_HEADER] as string | undefined;
      const verified = verifyWebhook(secret, signature, raw, Math.floor(Date.now() / 1000));
      if (!verified) {
        state.rejected += 1;
        res.writeHead(401).end('bad signature');
        return;
      }
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
      state.hooks.push({
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
        signature,
        idempotencyKey,
        verified,
        receivedAt: Date.now(),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/duyet`,
    get hooks() {
      return state.hooks;
    },
    get rejected() {
      return state.rejected;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
