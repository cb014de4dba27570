import { describe, expect, it } from 'vitest';
import { listAudit } from '../../store/index.js';
import { useApi } from '../../test-support/api.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApi();
const example = futureExample();

async function start(token = api.token('nguyen.thu'), headers: Record<string, string> = {}) {
  const res = await api.call('POST', '/api/dossiers', {
    token,
    headers,
    body: { process: 'review-pipeline', input: example },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.workflowId as string;
}

const decide = (id: string, user: string, body: Record<string, unknown>) =>
  api.call('POST', `/api/dossiers/${id}/decisions`, { token: api.token(user), body });

describe('the HTTP API over a real Temporal server and store', () => {
  it('answers /healthz, /api/me and the OpenAPI document', async () => {
    expect((await api.call('GET', '/healthz')).json).toEqual({ temporal: 'ok', store: 'ok' });
    const me = await api.call('GET', '/api/me', { token: api.token('pham.minh') });
    expect(me.json).toMatchObject({ id: 'pham.minh', roles: ['pm'], via: 'token' });
    const doc = await api.call('GET', '/openapi.json');
    expect(doc.json.openapi).toBe('3.1.0');
    expect(Object.keys(doc.json.paths)).toContain('/api/dossiers/{id}/decisions');
    const page = await api.call('GET', '/docs');
    expect(page.text).toContain('POST /api/dossiers/{id}/decisions');
  });

  it('takes a dossier from drafting to completed, each reviewer with their own token', async () => {
    const id = await start();
    const steps: Array<[string, Record<string, unknown>]> = [
      ['nguyen.thu', { event: 'SUBMIT', comment: 'Trình Thủ tướng' }],
      ['pham.minh', { event: 'APPROVE' }],
      ['nguyen.thu', { event: 'REQUEST_REVISION', onBehalfOf: 'standing-government', comment: 'Bổ sung số liệu' }],
      ['tran.an', { event: 'SUBMIT' }],
      ['le.hoa', { event: 'APPROVE' }],
      ['tran.binh', { event: 'APPROVE' }],
      ['vo.lan', { event: 'APPROVE' }],
    ];
    for (const [user, body] of steps) {
      const res = await decide(id, user, body);
      expect(res.status, `${user} ${JSON.stringify(body)}: ${res.text}`).toBe(200);
    }
    const done = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('dang.quang') });
    expect(done.json).toMatchObject({ state: 'completed', status: 'completed' });
    expect(done.json.history.map((d: { actor: string }) => d.actor)).toEqual(steps.map(([user]) => user));
  });

  it('refuses the Politburo approving at pmReview and a PM acting for the Politburo: 403, nothing recorded, audited', async () => {
    const id = await start();
    expect((await decide(id, 'nguyen.thu', { event: 'SUBMIT' })).status).toBe(200);
    const politburo = await decide(id, 'vo.lan', { event: 'APPROVE' });
    expect(politburo.status).toBe(403);
    expect(politburo.type).toBe('application/problem+json');
    expect(politburo.json.detail).toContain('it belongs to role "pm"');
    for (const user of ['pham.minh', 'le.hoa', 'tran.binh'])
      expect((await decide(id, user, { event: 'APPROVE' })).status).toBe(200);
    const before = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('nguyen.thu') });
    expect(before.json.state).toBe('politburo');
    const forPolitburo = await decide(id, 'pham.minh', { event: 'APPROVE', onBehalfOf: 'politburo' });
    expect(forPolitburo.status).toBe(403);
    expect(forPolitburo.json.detail).toContain('it belongs to role "politburo"');
    const after = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('nguyen.thu') });
    expect(after.json).toMatchObject({ state: 'politburo', history: before.json.history });
    const audit = await listAudit(api.store.db, { kind: 'decision.refused', subject: id });
    expect(audit.map((a) => [a.actor, a.outcome, a.detail.event])).toEqual([
      ['pham.minh', '403', 'APPROVE'],
      ['vo.lan', '403', 'APPROVE'],
    ]);
  });

  it('answers an event the stage cannot take with 409, and a reader outside the process with 404', async () => {
    const id = await start();
    const early = await decide(id, 'pham.minh', { event: 'APPROVE' });
    expect(early.status).toBe(409);
    expect(early.json.detail).toContain('cannot be taken at stage "drafting"');
    const supervisor = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('dang.quang') });
    expect(supervisor.status).toBe(200);
    const outsider = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('tran.mai') });
    const unknown = await api.call('GET', '/api/dossiers/no-such-dossier', { token: api.token('tran.mai') });
    expect([outsider.status, unknown.status]).toEqual([404, 404]);
    expect(outsider.json.detail).toBe(unknown.json.detail.replace('no-such-dossier', id));
    const listed = await api.call('GET', '/api/dossiers?pageSize=100', { token: api.token('tran.mai') });
    expect(listed.json.items.map((r: { process: string }) => r.process)).not.toContain('review-pipeline');
  });

  it('returns the same dossier for a retried start with the same Idempotency-Key, and 409 for another body', async () => {
    const first = await start(api.token('nguyen.thu'), { 'idempotency-key': 'retry-1' });
    const again = await start(api.token('nguyen.thu'), { 'idempotency-key': 'retry-1' });
    expect(again).toBe(first);
    const other = await api.call('POST', '/api/dossiers', {
      token: api.token('nguyen.thu'),
      headers: { 'idempotency-key': 'retry-1' },
      body: { process: 'review-pipeline', input: { ...example, subject: 'Khác' } },
    });
    expect(other.status).toBe(409);
    expect(other.json.detail).toContain(first);
  });

  it('lists what awaits me: the awaited role is mine, or the stage was reassigned to me', async () => {
    const id = await start();
    await decide(id, 'nguyen.thu', { event: 'SUBMIT' });
    // Visibility lists a change shortly after it is made.
    await expect
      .poll(async () => {
        const pm = await api.call('GET', '/api/dossiers?awaiting=me&pageSize=100', { token: api.token('pham.minh') });
        return pm.json.items.map((r: { workflowId: string }) => r.workflowId);
      })
      .toContain(id);
    const next = await decide(id, 'pham.minh', { event: 'APPROVE' });
    expect(next.json.state).toBe('standingGovernment');
    const reassigned = await decide(id, 'dang.quang', { event: 'REASSIGN', to: 'le.hoa' });
    expect(reassigned.status, reassigned.text).toBe(200);
    await expect
      .poll(async () => {
        const mine = await api.call('GET', '/api/dossiers?awaiting=me&stage=standingGovernment', {
          token: api.token('le.hoa'),
        });
        return mine.json.items.find((r: { workflowId: string }) => r.workflowId === id)?.assignee;
      })
      .toBe('le.hoa');
    const notPm = await api.call('GET', '/api/dossiers?awaiting=me&pageSize=100', { token: api.token('pham.minh') });
    expect(notPm.json.items.map((r: { workflowId: string }) => r.workflowId)).not.toContain(id);
  });

  it('pages the list by cursor, each dossier once, and refuses a cursor it did not hand out', async () => {
    const started = [await start(), await start(), await start()];
    const token = api.token('nguyen.thu');
    await expect
      .poll(async () => {
        const res = await api.call('GET', '/api/dossiers?process=review-pipeline&pageSize=100', { token });
        return started.filter((id) => res.json.items.some((r: { workflowId: string }) => r.workflowId === id));
      })
      .toHaveLength(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await api.call('GET', `/api/dossiers?process=review-pipeline&pageSize=2${query}`, { token });
      expect(res.status, res.text).toBe(200);
      expect(res.json.hasMore).toBe(res.json.nextCursor !== null);
      seen.push(...res.json.items.map((r: { workflowId: string }) => r.workflowId));
      cursor = res.json.nextCursor;
    } while (cursor && !started.every((id) => seen.includes(id)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(started.every((id) => seen.includes(id))).toBe(true);

    const bad = await api.call('GET', '/api/dossiers?cursor=not*a*cursor', { token });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('expected the nextCursor of an earlier page of this list');
  });
});
