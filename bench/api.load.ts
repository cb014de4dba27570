import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen, type ApiServer } from '../api/server.js';
import { useApi } from '../test-support/api.js';
import { futureExample } from '../test-support/future-example.js';

/** 20 concurrent clients for 30 s on each measured route, against a real Temporal dev server and PGlite store. */
const CONNECTIONS = 20;
const DURATION_S = 30;
const DOSSIERS = 20;

const api = useApi();
let server: ApiServer;
const ids: string[] = [];

beforeAll(async () => {
  server = await listen(api.deps, { host: '127.0.0.1', port: 0 });
  for (let i = 0; i < DOSSIERS; i++) {
    const started = await api.call('POST', '/api/dossiers', {
      token: api.token('nguyen.thu'),
      body: { process: 'review-pipeline', input: futureExample() },
    });
    const id = started.json.workflowId as string;
    await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: api.token('nguyen.thu'),
      body: { event: 'SUBMIT' },
    });
    ids.push(id);
  }
});
afterAll(async () => {
  await server?.close();
});

async function load(title: string, token: string, request: (i: number) => autocannon.Request) {
  let n = 0;
  const refusals = new Map<string, number>();
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...request(n++) }),
        onResponse: (status, body) => {
          if (status < 400) return;
          const detail = (JSON.parse(body || '{}') as { detail?: string }).detail ?? body;
          const key = `${status} ${detail.replace(/"[^"]*"/g, '"…"').slice(0, 200)}`;
          refusals.set(key, (refusals.get(key) ?? 0) + 1);
        },
      },
    ],
  });
  for (const [what, count] of refusals) process.stdout.write(`${title}: ${count} × ${what}\n`);
  if (result.errors || result.timeouts)
    process.stdout.write(`${title}: ${result.errors} connection errors, ${result.timeouts} timeouts\n`);
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    title,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors,
  };
}

it('serves status, the awaiting-me list and decisions under load without an error', async () => {
  const rows = [
    await load('GET /api/dossiers/{id}', api.token('pham.minh'), (i) => ({
      method: 'GET',
      path: `/api/dossiers/${ids[i % DOSSIERS]}`,
    })),
    await load('GET /api/dossiers?awaiting=me', api.token('pham.minh'), () => ({
      method: 'GET',
      path: '/api/dossiers?awaiting=me',
    })),
    await load('POST /api/dossiers/{id}/decisions (EXTEND)', api.token('dang.quang'), (i) => ({
      method: 'POST',
      path: `/api/dossiers/${ids[i % DOSSIERS]}/decisions`,
      body: JSON.stringify({ event: 'EXTEND', milestone: 'politburoComments', due: '2099-12-31T23:59:59+07:00' }),
    })),
  ];
  const table = [
    `API under load: ${CONNECTIONS} connections × ${DURATION_S} s each, embedded Temporal dev server + PGlite`,
    '| route | requests | req/s | p50 ms | p99 ms | errors |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.title} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`),
  ].join('\n');
  process.stdout.write(`\n${table}\n`);
  expect(rows.map((r) => r.errors)).toEqual(rows.map(() => 0));
});
