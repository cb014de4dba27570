import { describe, expect, it } from 'vitest';
import { processIds } from '../../client/processes.js';
import { useApiServer } from '../../test-support/api-server.js';

const api = useApiServer();

describe('GET /api/processes over HTTP', () => {
  it('lists both shipped processes, each saying whether the user starts it', async () => {
    const secretariat = await api.call('GET', '/api/processes', { token: api.token('nguyen.thu') });
    expect(secretariat.status, secretariat.text).toBe(200);
    const byId = (items: Array<{ id: string }>) => Object.fromEntries(items.map((p) => [p.id, p]));
    expect(byId(secretariat.json.items)).toMatchObject({
      'review-pipeline': { starterRole: 'secretariat', mayStart: true },
      delegation: {
        starterRole: 'unit',
        mayStart: false,
        title: { vi: 'Phê duyệt đoàn ra, đoàn vào' },
        startOptions: [expect.objectContaining({ name: 'rules', default: 'by-date' })],
      },
    });
    const unit = await api.call('GET', '/api/processes', { token: api.token('tran.mai') });
    expect(byId(unit.json.items)).toMatchObject({
      'review-pipeline': { mayStart: false },
      delegation: { mayStart: true },
    });
  });

  it('answers no token and an unknown token with 401', async () => {
    expect((await api.call('GET', '/api/processes')).status).toBe(401);
    const unknown = await api.call('GET', '/api/processes', { token: 'dyt_not-a-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.type).toBe('application/problem+json');
  });
});

describe('GET /api/processes/{id} over HTTP', () => {
  it('gives the review pipeline’s definition, the JSON Schema of its start input and its Mermaid diagram', async () => {
    const res = await api.call('GET', '/api/processes/review-pipeline', { token: api.token('pham.minh') });
    expect(res.status, res.text).toBe(200);
    expect(res.json.definition).toMatchObject({ id: 'review-pipeline', initial: 'drafting' });
    expect(res.json.inputSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['subject']) });
    expect(res.json.diagram).toMatch(/^stateDiagram-v2\n {2}\[\*\] --> drafting/);
    expect(res.json.diagram).toContain('pmReview --> ');
  });

  it('gives the delegation’s input schema as the proposal it takes, not the generic start input', async () => {
    const res = await api.call('GET', '/api/processes/delegation', { token: api.token('tran.mai') });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json.inputSchema.properties)).toEqual(
      expect.arrayContaining(['direction', 'unit', 'leader', 'members', 'countries', 'startDate', 'funding']),
    );
    expect(res.json.diagram).toContain('exceptionApproval');
  });

  it('answers an id that is not shipped with 404 naming the known ones, an overlong id with 422, no token with 401', async () => {
    const unknown = await api.call('GET', '/api/processes/budget', { token: api.token('tran.mai') });
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe('application/problem+json');
    expect(unknown.json.detail).toBe(`no process "budget"; expected one of: ${processIds().join(', ')}`);
    const long = await api.call('GET', `/api/processes/${'x'.repeat(101)}`, { token: api.token('tran.mai') });
    expect(long.status).toBe(422);
    expect(long.json.issues[0].path).toBe('id');
    expect((await api.call('GET', '/api/processes/delegation')).status).toBe(401);
  });
});
