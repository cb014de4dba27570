import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createToken, DEMO_PASSWORD, revokeToken } from '../store/index.js';
import { packageRoot, type DuyetConfig } from '../temporal.config.js';
import { startEmbedded } from './dev.js';

const say = (line: string) => process.stdout.write(`demo: ${line}\n`);

/** One decision of the demo: who sends it and the body of `POST /api/dossiers/{id}/decisions`. */
type Step = { as: string; body: { event: string; comment?: string; onBehalfOf?: string; milestone?: string } };

/** The demo's decisions, a revision and a refusal (the Politburo cannot approve for the standing government) among them. */
const steps: Step[] = [
  { as: 'nguyen.thu', body: { event: 'SUBMIT', comment: 'Trình Thủ tướng dự thảo 03 văn bản' } },
  { as: 'pham.minh', body: { event: 'APPROVE', comment: 'Đồng ý, trình Thường trực Chính phủ' } },
  { as: 'vo.lan', body: { event: 'APPROVE' } },
  {
    as: 'nguyen.thu',
    body: { event: 'REQUEST_REVISION', onBehalfOf: 'standing-government', comment: 'Bổ sung đánh giá tác động' },
  },
  { as: 'tran.an', body: { event: 'SUBMIT', comment: 'Dự thảo lần 3 đã tiếp thu ý kiến' } },
  {
    as: 'nguyen.thu',
    body: { event: 'MARK_MILESTONE', milestone: 'conference', comment: 'Hội nghị toàn quốc đã tổ chức' },
  },
  {
    as: 'nguyen.thu',
    body: { event: 'APPROVE', onBehalfOf: 'standing-government', comment: 'Thường trực Chính phủ thông qua' },
  },
  { as: 'tran.binh', body: { event: 'APPROVE', comment: 'Trình Bộ Chính trị' } },
  { as: 'nguyen.thu', body: { event: 'APPROVE', onBehalfOf: 'politburo', comment: 'Bộ Chính trị cho ý kiến' } },
];

/** Sends one JSON request with a bearer token and gives the status and the parsed answer. */
async function call(url: string, token: string, method: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The demo accounts to try the web app with, by what each does in the review pipeline and the other processes. */
const guide: Array<[string, string]> = [
  ['nguyen.thu', 'secretariat: starts a dossier, uploads drafts, records a body’s decision on its behalf'],
  ['pham.minh', 'the Prime Minister: decides at pmReview'],
  ['le.hoa', 'the Standing Government'],
  ['tran.binh', 'the Government Party Committee'],
  ['vo.lan', 'the Politburo'],
  ['dang.quang', 'supervisor: what is late, EXTEND and REASSIGN'],
  ['tran.mai', 'an organising unit: proposes a delegation'],
  ['ngoai-giao.dau-moi', 'an agency’s focal point: what it owes on a programme'],
];

/** Waits for Ctrl-C or SIGTERM, or for the worker to end. */
function untilStopped(embedded: Awaited<ReturnType<typeof startEmbedded>>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    embedded.worker.once('exit', stop);
  });
}

/**
 * `duyet demo`: the embedded stack with the HTTP API, then a demo dossier from drafting to completed through the
 * API, each reviewer with an API token of their own (revoked at the end), as a document system would. With `stay`
 * (the default at a terminal) the stack then goes on serving the web app, with the demo accounts to sign in with,
 * until Ctrl-C.
 */
export async function runDemo(config: DuyetConfig, options: { stay: boolean }): Promise<void> {
  const embedded = await startEmbedded(config);
  const { db } = embedded.api.deps;
  const api = `${embedded.api.server.url}/api`;
  const users = [...new Set(steps.map((s) => s.as))];
  const tokens = new Map<string, { token: string; id: string }>();
  try {
    const expiresAt = new Date(Date.now() + 3_600_000);
    for (const user of users) {
      const created = await createToken(db, { userId: user, name: 'demo', expiresAt });
      tokens.set(user, { token: created.token, id: created.info.id });
    }
    const tokenOf = (user: string) => tokens.get(user)!.token;
    const input = JSON.parse(readFileSync(join(packageRoot, 'examples', 'review-pipeline.json'), 'utf8')) as unknown;
    const started = await call(`${api}/dossiers`, tokenOf('nguyen.thu'), 'POST', { process: 'review-pipeline', input });
    if (started.status !== 201) throw new Error(`the API refused the demo's start: ${JSON.stringify(started.json)}`);
    const workflowId = String(started.json.workflowId);
    say(`POST ${api}/dossiers → 201, started ${workflowId}`);
    for (const step of steps) {
      const decided = await call(`${api}/dossiers/${workflowId}/decisions`, tokenOf(step.as), 'POST', step.body);
      const what = `${step.as} ${step.body.event}${step.body.onBehalfOf ? ` on behalf of ${step.body.onBehalfOf}` : ''}`;
      if (decided.status === 200)
        say(`${what} → ${String(decided.json.state)} (draft ${String(decided.json.draftVersion)})`);
      else if (decided.status === 403 || decided.status === 409)
        say(`${what} refused (${decided.status}), as it should be: ${String(decided.json.detail)}`);
      else throw new Error(`the API answered ${decided.status} to ${what}: ${JSON.stringify(decided.json)}`);
    }
    const view = await call(`${api}/dossiers/${workflowId}`, tokenOf('nguyen.thu'), 'GET');
    process.stdout.write(JSON.stringify(view.json, null, 2) + '\n');
    if (view.json.status !== 'completed') throw new Error(`the demo dossier ended ${String(view.json.status)}`);
    say(`done: ${workflowId} completed through the API at ${api}`);
    if (!options.stay) return;
    // The demo's API tokens end with its dossier; the web app takes sign-ins of its own.
    for (const { id } of tokens.values()) await revokeToken(db, id).catch(() => undefined);
    tokens.clear();
    const web = embedded.api.server.url;
    const password = embedded.store.demoUsers.length > 0 ? ` with the password "${DEMO_PASSWORD}"` : '';
    say(`the web app is at ${web}/ (Vietnamese; English with ?lang=en). Sign in as one of these${password}:`);
    for (const [id, what] of guide) say(`  ${id.padEnd(20)} ${what}`);
    say(
      `the dossier above is at ${web}/dossiers/${encodeURIComponent(workflowId)}; start your own from "Khởi tạo hồ sơ"`,
    );
    say('press Ctrl-C to stop');
    await untilStopped(embedded);
    say('stopping; the worker drains first');
  } finally {
    for (const { id } of tokens.values()) await revokeToken(db, id).catch(() => undefined);
    await embedded.stop();
  }
}
