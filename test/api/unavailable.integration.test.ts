import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type ApiServer } from '../../api/server.js';
import { loadDirectory } from '../../directory/directory.js';
import { createToken, type Queryable } from '../../store/index.js';
import { useTestStore } from '../../test-support/store.js';
import { freePort } from '../../test-support/ports.js';
import { loadConfig } from '../../temporal.config.js';

const proposal = JSON.parse(
  readFileSync(new URL('../../examples/delegation-compliant.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const items = [
  { item: 'DR-01', direction: 'out', unit: 'Sở Du lịch', title: 'Đoàn xúc tiến', countries: ['Nhật Bản'] },
];

/** Every route these tests cover that reaches Temporal: method, path, body. */
const temporalRoutes: Array<[string, string, unknown?]> = [
  ['POST', '/api/delegations/check', proposal],
  ['POST', '/api/delegations', proposal],
  ['GET', '/api/delegations/plans/hanoi-2022/2022'],
  ['POST', '/api/delegations/plans/hanoi-2022/2022', { items }],
  ['POST', '/api/delegations/plans/hanoi-2022/2022/adjustments', { items, reason: 'Điều chỉnh' }],
  ['GET', '/api/delegations/ledgers/hanoi-2022/2022'],
  ['GET', '/api/delegations/ledgers/hanoi-2022/2022/people/ngo.thi.thu.trang'],
];

/** The routes that read only files (definitions, holidays, plan text): the store alone stands between them and an answer. */
const fileRoutes: Array<[string, string, unknown?]> = [
  ['GET', '/api/processes'],
  ['GET', '/api/processes/delegation'],
  ['GET', '/api/calendar/holidays/2025'],
  ['POST', '/api/calendar/working-days', { from: '2025-01-24', days: 1 }],
  ['POST', '/api/plans/import', { text: 'II. NỘI DUNG\n\n1. Họp (trong tháng 11 năm 2023)\n' }],
];

/** A server over the given store and a Temporal address nothing listens on (no retries, so the refusal comes at once). */
function useServer(db: () => Queryable) {
  const state: { server?: ApiServer; client?: Client; address?: string } = {};
  beforeAll(async () => {
    state.address = `127.0.0.1:${await freePort()}`;
    state.client = new Client({ connection: Connection.lazy({ address: state.address, interceptors: [] }) });
    const config = loadConfig({ TEMPORAL_ADDRESS: state.address });
    const users = loadDirectory(config.directoryFile);
    state.server = await listen(
      { client: state.client, db: db(), directory: () => users, config },
      { host: '127.0.0.1', port: 0 },
    );
  });
  afterAll(async () => {
    await state.server?.close();
    await state.client?.connection.close();
  });
  return {
    address: () => state.address!,
    async call(method: string, path: string, token: string, body?: unknown) {
      const response = await fetch(`${state.server!.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        json: (await response.json()) as { detail?: string },
      };
    },
  };
}

describe('the routes when Temporal does not answer', () => {
  const store = useTestStore();
  const server = useServer(() => store.db);
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    for (const user of ['tran.mai', 'le.minh'])
      tokens[user] = (await createToken(store.db, { userId: user, name: 'test' })).token;
  });

  it('answers 503 naming Temporal, where it is and how to start it, on every route that reaches it', async () => {
    for (const [method, path, body] of temporalRoutes) {
      const user = path.includes('/plans/') || path.includes('/ledgers/') ? 'le.minh' : 'tran.mai';
      const res = await server.call(method, path, tokens[user]!, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBe(503);
      expect(res.type).toBe('application/problem+json');
      expect(res.json.detail).toContain(`Temporal is not reachable at ${server.address()}`);
      expect(res.json.detail).toContain('duyet dev');
    }
  });

  it('still answers the routes that need only files', async () => {
    for (const [method, path, body] of fileRoutes) {
      const res = await server.call(method, path, tokens['tran.mai']!, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBe(200);
    }
  });
});

describe('the routes when the store does not answer', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: `postgres://duyet@127.0.0.1:${await freePort()}/duyet` });
  });
  const server = useServer(() => pool);
  afterAll(async () => {
    await pool.end();
  });

  it('answers 503 naming the store on every route, before anything is read or started', async () => {
    for (const [method, path, body] of [...temporalRoutes, ...fileRoutes]) {
      const res = await server.call(method, path, 'dyt_whatever', body);
      expect(res.status, `${method} ${path}`).toBe(503);
      expect(res.type).toBe('application/problem+json');
      expect(res.json.detail).toMatch(/^the store is not reachable .*duyet dev/);
    }
  });
});
