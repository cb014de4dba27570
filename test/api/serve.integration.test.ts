import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duyet, kill, useWorkerAndClient } from '../../test-support/cli.js';
import { futureExample } from '../../test-support/future-example.js';
import { freePort } from '../../test-support/ports.js';

const cliMain = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const face = useWorkerAndClient();
const state: { serve?: ChildProcess; url?: string; output: string } = { output: '' };

/** `duyet serve` as an operator runs it, on a free port of the test server and store. */
beforeAll(async () => {
  const env = { ...face.env, DUYET_HTTP_PORT: String(await freePort()) };
  const serve = spawn(process.execPath, [cliMain, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  state.serve = serve;
  state.url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      state.output += chunk.toString();
      const match = /API at (http:\/\/[^\s/]+)\/api /.exec(state.output);
      if (match) resolve(match[1]!);
    };
    serve.stdout!.on('data', onData);
    serve.stderr!.on('data', onData);
    serve.once('exit', (code) => reject(new Error(`duyet serve exited with ${code}:\n${state.output}`)));
  });
});
afterAll(async () => {
  if (state.serve) await kill(state.serve, 'SIGTERM');
});

/** A token as an operator creates one: `duyet tokens create`, the token read from the JSON it prints. */
async function tokenFor(user: string): Promise<string> {
  const created = await duyet(face.env, 'tokens', 'create', '--user', user, '--name', 'curl');
  expect(created.code, created.stderr).toBe(0);
  return (JSON.parse(created.stdout) as { token: string }).token;
}

/** What curl sends: a method, a bearer token and maybe a JSON body. */
async function curl(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${state.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('duyet serve, driven as the README shows with curl', () => {
  it('takes a dossier from start to completed with tokens from duyet tokens create', async () => {
    const steps: Array<[string, Record<string, unknown>]> = [
      ['nguyen.thu', { event: 'SUBMIT', comment: 'Trình Thủ tướng' }],
      ['pham.minh', { event: 'APPROVE' }],
      ['nguyen.thu', { event: 'APPROVE', onBehalfOf: 'standing-government' }],
      ['tran.binh', { event: 'APPROVE' }],
      ['nguyen.thu', { event: 'APPROVE', onBehalfOf: 'politburo', comment: 'Bộ Chính trị cho ý kiến' }],
    ];
    const tokens = new Map<string, string>();
    for (const user of new Set(steps.map(([user]) => user))) tokens.set(user, await tokenFor(user));

    const started = await curl('POST', '/api/dossiers', tokens.get('nguyen.thu')!, {
      process: 'review-pipeline',
      input: futureExample(),
    });
    expect(started.status, JSON.stringify(started.json)).toBe(201);
    const id = String(started.json.workflowId);
    for (const [user, body] of steps) {
      const decided = await curl('POST', `/api/dossiers/${id}/decisions`, tokens.get(user)!, body);
      expect(decided.status, `${user} ${JSON.stringify(body)}: ${JSON.stringify(decided.json)}`).toBe(200);
    }
    const done = await curl('GET', `/api/dossiers/${id}`, tokens.get('nguyen.thu')!);
    expect(done.json).toMatchObject({ state: 'completed', status: 'completed' });
    expect((done.json.history as Array<{ actor: string }>).map((d) => d.actor)).toEqual(steps.map(([user]) => user));
  });

  it('takes browser sessions too: a password sign-in at /auth/sign-in, then /api with the cookie', async () => {
    const password = 'mật khẩu của phiên thử';
    const set = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [cliMain, 'users', 'set-password', 'dang.quang'], { env: face.env });
      child.once('exit', (code) => resolve(code ?? 1));
      child.stdin.end(`${password}\n`);
    });
    expect(set).toBe(0);
    const signIn = await fetch(`${state.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'dang.quang', password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${state.url}/api/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ id: 'dang.quang', via: 'session' });
    const page = await fetch(`${state.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});
