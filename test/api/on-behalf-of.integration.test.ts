import { describe, expect, inject, it } from 'vitest';
import { processById } from '../../client/processes.js';
import { loadDirectory } from '../../directory/directory.js';
import { listAudit, openStore } from '../../store/index.js';
import { useApi } from '../../test-support/api.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApi();
const definition = processById('review-pipeline').compiled.definition;
const users = loadDirectory(new URL('../../directory/users.json', import.meta.url).pathname);
const userOf = (role: string) => users.find((u) => u.roles.length === 1 && u.roles[0] === role)!;
const stages = Object.keys(definition.stages);
/** The stages whose decision a collective body takes, which other roles may record for it. */
const collective = stages.filter((s) => definition.stages[s]!.recordedBy.length > 0);
const bodies = collective.map((s) => definition.stages[s]!.role);
const recorder = userOf(definition.stages[collective[0]!]!.recordedBy[0]!);

const decide = (id: string, user: string, body: Record<string, unknown>) =>
  api.call('POST', `/api/dossiers/${id}/decisions`, { token: api.token(user), body });
const view = (id: string) => api.call('GET', `/api/dossiers/${id}`, { token: api.token(recorder.id) });

/** A new dossier moved along the main line to `stage`, each stage's own role deciding. */
async function dossierAt(stage: string): Promise<string> {
  const started = await api.call('POST', '/api/dossiers', {
    token: api.token(recorder.id),
    body: { process: 'review-pipeline', input: futureExample() },
  });
  const id = started.json.workflowId as string;
  for (let state = definition.initial; state !== stage;) {
    const event = state === definition.initial ? 'SUBMIT' : 'APPROVE';
    const res = await decide(id, userOf(definition.stages[state]!.role).id, { event });
    expect(res.status, res.text).toBe(200);
    state = res.json.state as string;
  }
  return id;
}

describe('recording a collective body’s decision through the HTTP API', () => {
  it.each(collective)(
    'at %s: only a recorder on behalf of the stage’s body, or a member, decides; nothing else is recorded',
    async (stage) => {
      const body = definition.stages[stage]!.role;
      const member = userOf(body);
      const otherBody = bodies.find((b) => b !== body)!;
      const id = await dossierAt(stage);
      const before = (await view(id)).json;
      const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
        [recorder.id, { event: 'APPROVE' }, new RegExp(`only on behalf of "${body}"`)],
        [recorder.id, { event: 'APPROVE', onBehalfOf: otherBody }, new RegExp(`only on behalf of "${body}"`)],
        [member.id, { event: 'APPROVE', onBehalfOf: otherBody }, new RegExp(`send onBehalfOf "${body}" or none`)],
        [userOf(otherBody).id, { event: 'APPROVE', onBehalfOf: body }, new RegExp(`it belongs to role "${body}"`)],
        [userOf('pm').id, { event: 'APPROVE', onBehalfOf: body }, new RegExp(`it belongs to role "${body}"`)],
      ];
      for (const [user, request, reason] of refusals) {
        const res = await decide(id, user, request);
        expect([res.status, res.type], `${user} ${JSON.stringify(request)}: ${res.text}`).toEqual([
          403,
          'application/problem+json',
        ]);
        expect(res.json.detail).toMatch(reason);
      }
      expect((await view(id)).json).toEqual(before);
      const audit = await listAudit(api.store.db, { kind: 'decision.refused', subject: id });
      expect(audit.map((a) => `${a.actor} ${a.outcome}`).sort()).toEqual(
        refusals.map(([user]) => `${user} 403`).sort(),
      );
      // One row a refusal: nothing beneath the API writes one too, in the store its configuration names.
      const configured = await openStore(inject('databaseUrl'));
      try {
        expect(await listAudit(configured.db, { kind: 'decision.refused', subject: id })).toEqual([]);
      } finally {
        await configured.close();
      }

      const recorded = await decide(id, recorder.id, { event: 'APPROVE', onBehalfOf: body, comment: 'Ghi nhận' });
      expect(recorded.status, recorded.text).toBe(200);
      const last = (await view(id)).json.history.at(-1);
      expect(last).toMatchObject({ actor: recorder.id, onBehalfOf: body, event: 'APPROVE', from: stage });

      const other = await dossierAt(stage);
      const own = await decide(other, member.id, { event: 'APPROVE', onBehalfOf: body });
      expect(own.status, own.text).toBe(200);
    },
  );

  it('refuses a recorder at a stage no one records for, whatever body it names', async () => {
    const stage = stages.find((s) => s !== definition.initial && definition.stages[s]!.recordedBy.length === 0)!;
    const id = await dossierAt(stage);
    const res = await decide(id, recorder.id, { event: 'APPROVE', onBehalfOf: definition.stages[stage]!.role });
    expect(res.status).toBe(403);
    expect(res.json.detail).toContain(`it belongs to role "${definition.stages[stage]!.role}"`);
    expect((await view(id)).json.state).toBe(stage);
  });
});
