import { describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../store/index.js';
import { useApi } from '../../test-support/api.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApi();
const MiB = 1024 * 1024;

/** A refusal as the corpus expects it: the status, and words the problem's detail must hold. */
type Refusal = { status: number; detail?: RegExp; issues?: string[] };
/** One bad request: its name, how it is sent, and the refusal it must get. */
type Case = { name: string; token?: () => Promise<string> | string; raw?: string; body?: unknown } & {
  expected: Refusal;
};

const thu = () => api.token('nguyen.thu');
const revoked = async () => {
  const created = await createToken(api.store.db, { userId: 'nguyen.thu', name: 'revoked' });
  await revokeToken(api.store.db, created.info.id);
  return created.token;
};
const expired = async () =>
  (
    await createToken(api.store.db, {
      userId: 'nguyen.thu',
      name: 'expired',
      now: new Date('2024-01-01T00:00:00Z'),
      expiresAt: new Date('2024-06-30T00:00:00Z'),
    })
  ).token;

/** The refusals every body-taking route shares: JSON, size, actor fields, credentials. */
function commonCases(good: Record<string, unknown>): Case[] {
  return [
    { name: 'malformed JSON', raw: '{"event": ', expected: { status: 400, detail: /JSON/i } },
    {
      name: 'a body over 1 MiB',
      body: { ...good, comment: 'x'.repeat(MiB + 10) },
      expected: { status: 413, detail: /1 MiB/ },
    },
    ...['actor', 'as', 'by'].map((field) => ({
      name: `a body naming an actor in "${field}"`,
      body: { ...good, [field]: 'pham.minh' },
      expected: { status: 422, detail: /the actor is always the authenticated user/, issues: ['(root)'] },
    })),
    { name: 'a revoked token', token: revoked, body: good, expected: { status: 401, detail: /has been revoked/ } },
    { name: 'an expired token', token: expired, body: good, expected: { status: 401, detail: /has expired/ } },
  ];
}

async function send(path: string, c: Case) {
  const token = await (c.token ?? thu)();
  return api.call('POST', path, c.raw !== undefined ? { token, raw: c.raw } : { token, body: c.body });
}

/** Checks one answer against its case; returns what did not match (pure but for the answer). */
function mismatch(c: Case, res: Awaited<ReturnType<typeof send>>): string | undefined {
  const detail = String(res.json?.detail ?? '');
  const paths = ((res.json?.issues ?? []) as Array<{ path: string }>).map((i) => i.path);
  const ok =
    res.status === c.expected.status &&
    res.type === 'application/problem+json' &&
    (!c.expected.detail || c.expected.detail.test(detail)) &&
    (!c.expected.issues || c.expected.issues.every((p) => paths.includes(p)));
  return ok
    ? undefined
    : `${c.name}: expected ${c.expected.status} ${c.expected.detail}, got ${res.status} ${res.text}`;
}

/** How many dossiers Temporal knows on this file's task queue. */
const startedCount = async () =>
  (await api.temporal.client.workflow.count(`TaskQueue = '${api.temporal.config.temporal.taskQueue}'`)).count;

describe('the bad-input corpus through the HTTP API', () => {
  it('refuses bad starts with problem+json and starts nothing', async () => {
    const good = { process: 'review-pipeline', input: futureExample() };
    const cases: Case[] = [
      ...commonCases(good),
      { name: 'no process', body: { input: good.input }, expected: { status: 422, issues: ['process'] } },
      {
        name: 'an unknown process',
        body: { ...good, process: 'no-such-process' },
        expected: { status: 422, detail: /unknown process "no-such-process"; expected one of/ },
      },
      {
        name: 'an input its schema refuses',
        body: { ...good, input: { subject: 42 } },
        expected: { status: 422, detail: /input/ },
      },
    ];
    const before = await startedCount();
    const mismatches = [];
    for (const c of cases) mismatches.push(mismatch(c, await send('/api/dossiers', c)));
    expect(mismatches.filter(Boolean)).toEqual([]);
    // A good start afterwards is the only one visibility ever lists.
    expect((await send('/api/dossiers', { name: 'good', body: good, expected: { status: 201 } })).status).toBe(201);
    await expect.poll(startedCount, { timeout: 20_000 }).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await startedCount()).toBe(before + 1);
  });

  it('refuses bad decisions with problem+json and records nothing', async () => {
    const started = await api.call('POST', '/api/dossiers', {
      token: thu(),
      body: { process: 'review-pipeline', input: futureExample() },
    });
    const id = started.json.workflowId as string;
    expect(
      (await api.call('POST', `/api/dossiers/${id}/decisions`, { token: thu(), body: { event: 'SUBMIT' } })).status,
    ).toBe(200);
    const view = () => api.call('GET', `/api/dossiers/${id}`, { token: thu() }).then((r) => r.json);
    const before = await view();
    const good = { event: 'WITHDRAW' };
    const cases: Case[] = [
      ...commonCases(good),
      {
        name: 'an event that is no UPPER_SNAKE name',
        body: { event: 'withdraw' },
        expected: { status: 422, issues: ['event'] },
      },
      { name: 'an unknown field', body: { ...good, reason: 'x' }, expected: { status: 422, detail: /"reason"/ } },
      {
        name: 'a comment over 8 KiB',
        body: { ...good, comment: 'ý'.repeat(4200) },
        expected: { status: 413, detail: /8 KiB/ },
      },
    ];
    const mismatches = [];
    for (const c of cases) mismatches.push(mismatch(c, await send(`/api/dossiers/${id}/decisions`, c)));
    const unknown = await send(`/api/dossiers/${id}-not-there/decisions`, {
      name: 'unknown',
      body: good,
      expected: { status: 404 },
    });
    mismatches.push(mismatch({ name: 'an unknown dossier', expected: { status: 404, detail: /no dossier/ } }, unknown));
    expect(mismatches.filter(Boolean)).toEqual([]);
    const after = await view();
    expect(after).toEqual(before);
    expect(after).toMatchObject({ state: 'pmReview', status: 'running' });
  });
});
