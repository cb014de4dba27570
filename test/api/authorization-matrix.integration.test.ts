import { describe, expect, it } from 'vitest';
import { actorsOf } from '../../api/access.js';
import { processById } from '../../client/processes.js';
import { loadDirectory } from '../../directory/directory.js';
import { listAudit } from '../../store/index.js';
import { useApi } from '../../test-support/api.js';
import { futureExample } from '../../test-support/future-example.js';

const api = useApi();
const definition = processById('review-pipeline').compiled.definition;
const users = loadDirectory(new URL('../../directory/users.json', import.meta.url).pathname);
/** One user per role: the first whose roles are that role alone, else the first who holds it. */
const userOf = (role: string) =>
  users.find((u) => u.roles.length === 1 && u.roles[0] === role) ?? users.find((u) => u.roles.includes(role))!;
const roles = Object.keys(definition.roles);
const stages = Object.keys(definition.stages);
const events = [
  ...new Set([
    ...stages.flatMap((s) => Object.keys(definition.stages[s]!.on)),
    ...Object.keys(definition.anytime),
    'MARK_MILESTONE',
    'EXTEND',
    'REASSIGN',
  ]),
];
/** The main line: the decision and the role that moves a dossier out of each stage. */
const path = stages.map((stage) => ({
  stage,
  event: stage === definition.initial ? 'SUBMIT' : 'APPROVE',
  role: definition.stages[stage]!.role,
}));

type Case = { role: string; event: string; stage: string; expected: 200 | 403 | 409; onBehalfOf?: string };

/** Every role × decision × stage with what the definition says of it (pure). */
function matrix(): Case[] {
  const cases: Case[] = [];
  for (const stage of stages)
    for (const event of events)
      for (const role of roles) {
        const actors = actorsOf(definition, stage, event);
        const held = userOf(role).roles;
        if (!actors) cases.push({ role, event, stage, expected: 409 });
        else if (held.includes(actors.role)) cases.push({ role, event, stage, expected: 200 });
        else if (actors.recordedBy.some((r) => held.includes(r)))
          cases.push({ role, event, stage, expected: 200, onBehalfOf: actors.role });
        else cases.push({ role, event, stage, expected: 403 });
      }
  return cases;
}

const bodyOf = (c: Case) => ({
  event: c.event,
  ...(c.onBehalfOf ? { onBehalfOf: c.onBehalfOf } : {}),
  ...(c.event === 'MARK_MILESTONE' ? { milestone: 'conference' } : {}),
  ...(c.event === 'EXTEND' ? { milestone: 'politburoComments', due: '2099-12-31T23:59:59+07:00' } : {}),
  ...(c.event === 'REASSIGN' ? { to: userOf(definition.stages[c.stage]!.role).id } : {}),
});

async function dossierAt(stage: string): Promise<string> {
  const started = await api.call('POST', '/api/dossiers', {
    token: api.token(userOf('secretariat').id),
    body: { process: 'review-pipeline', input: futureExample() },
  });
  const id = started.json.workflowId as string;
  for (const step of path) {
    if (step.stage === stage) return id;
    const res = await api.call('POST', `/api/dossiers/${id}/decisions`, {
      token: api.token(userOf(step.role).id),
      body: { event: step.event },
    });
    expect(res.status, res.text).toBe(200);
  }
  throw new Error(`no stage "${stage}" on the main line`);
}

describe('authorization matrix of the review pipeline through the HTTP API', () => {
  const cases = matrix();

  it(`answers ${cases.length} role × decision × stage attempts exactly as the definition says, auditing each refusal`, async () => {
    const shared: Record<string, string> = {};
    const outcomes: string[] = [];
    const mismatches: string[] = [];
    for (const c of cases) {
      let id: string;
      if (c.expected === 200) id = await dossierAt(c.stage);
      else id = shared[c.stage] ??= await dossierAt(c.stage);
      const res = await api.call('POST', `/api/dossiers/${id}/decisions`, {
        token: api.token(userOf(c.role).id),
        body: bodyOf(c),
      });
      outcomes.push(`${c.expected}`);
      if (res.status !== c.expected)
        mismatches.push(`${c.role} ${c.event} at ${c.stage}: expected ${c.expected}, got ${res.status} ${res.text}`);
    }
    expect(mismatches).toEqual([]);
    for (const stage of stages) {
      const refused = cases.filter((c) => c.stage === stage && c.expected !== 200);
      const audit = await listAudit(api.store.db, { kind: 'decision.refused', subject: shared[stage]!, limit: 1000 });
      expect(audit.map((a) => `${a.actor} ${String(a.detail.event)} ${a.outcome}`).sort()).toEqual(
        refused.map((c) => `${userOf(c.role).id} ${c.event} ${c.expected}`).sort(),
      );
      const view = await api.call('GET', `/api/dossiers/${shared[stage]}`, {
        token: api.token(userOf('supervisor').id),
      });
      expect(view.json.state).toBe(stage);
    }
    expect(outcomes.filter((o) => o === '200').length).toBeGreaterThan(stages.length);
  });
});
