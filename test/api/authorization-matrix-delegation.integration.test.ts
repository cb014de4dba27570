import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actorsOf } from '../../api/access.js';
import { processById } from '../../client/processes.js';
import { loadDirectory } from '../../directory/directory.js';
import { listAudit } from '../../store/index.js';
import { useApi } from '../../test-support/api.js';
import { laterRuleSetsDir } from '../../test-support/rule-sets.js';

// Ledgers are per rule set and year: a rule set of its own keeps this file's trips apart from other files'.
const api = useApi({ DUYET_RULE_SETS_DIR: laterRuleSetsDir('hanoi-2022-matrix') });
const definition = processById('delegation').compiled.definition;
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

const compliant = JSON.parse(
  readFileSync(new URL('../../examples/delegation-compliant.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
/** Proposals that between them take every route of the definition (which stages each reaches is found by driving it). */
const variants: Record<string, Record<string, unknown>> = {
  'in plan, a cadre of the Standing Board': {},
  'urgent, outside the plan': {
    plan: { inPlan: false },
    urgent: true,
    justifications: { PLAN_REQUIRED: 'Lời mời đột xuất' },
  },
  'an international commitment': {
    plan: { inPlan: false },
    urgent: true,
    purpose: 'international-commitment',
    justifications: { PLAN_REQUIRED: 'Cam kết quốc tế' },
  },
  inbound: { direction: 'in', countries: [], inbound: { criteria: ['city-hosted-event'] } },
};

/** A proposal of a variant, led by a leader of its own so that no two dossiers share a key leader's trips. */
const proposal = (variant: string) => ({
  ...compliant,
  leader: { ...(compliant.leader as object), id: `leader-${randomUUID()}` },
  startDate: '2027-10-04',
  endDate: '2027-10-08',
  ...variants[variant],
});

/** The decision that moves a dossier on from a stage, and the user who takes it. */
const mainLine = (stage: string) => ({
  event: stage === definition.initial ? 'SUBMIT' : (Object.keys(definition.stages[stage]!.on)[0] ?? 'APPROVE'),
  user: userOf(definition.stages[stage]!.role).id,
});

const decide = (id: string, user: string, body: Record<string, unknown>) =>
  api.call('POST', `/api/dossiers/${id}/decisions`, { token: api.token(user), body });

async function start(variant: string): Promise<string> {
  const started = await api.call('POST', '/api/dossiers', {
    token: api.token(userOf(definition.stages[definition.initial]!.role).id),
    body: { process: 'delegation', input: proposal(variant) },
  });
  expect(started.status, started.text).toBe(201);
  return started.json.workflowId as string;
}

/** Drives a new dossier of a variant along its main line until it is at `stage` (or its end), giving the stages seen. */
async function drive(variant: string, until?: string): Promise<{ id: string; seen: string[] }> {
  const id = await start(variant);
  const seen = [definition.initial];
  for (let state = definition.initial; state !== until && definition.stages[state];) {
    const { event, user } = mainLine(state);
    const res = await decide(id, user, { event });
    expect(res.status, `${user} ${event} at ${state}: ${res.text}`).toBe(200);
    state = res.json.state as string;
    seen.push(state);
  }
  return { id, seen };
}

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

const milestone = definition.milestones[0]!.id;
const bodyOf = (c: Case) => ({
  event: c.event,
  ...(c.onBehalfOf ? { onBehalfOf: c.onBehalfOf } : {}),
  ...(c.event === 'MARK_MILESTONE' ? { milestone } : {}),
  ...(c.event === 'EXTEND' ? { milestone, due: '2099-12-31T23:59:59+07:00' } : {}),
  ...(c.event === 'REASSIGN' ? { to: userOf(definition.stages[c.stage]!.role).id } : {}),
});

describe('authorization matrix of the delegation process through the HTTP API', () => {
  const cases = matrix();

  it(`answers ${cases.length} role × decision × stage attempts exactly as the definition says, auditing each refusal`, async () => {
    // Which variant reaches which stage, found by driving each once along its main line.
    const routeTo: Record<string, string> = {};
    for (const variant of Object.keys(variants))
      for (const stage of (await drive(variant)).seen) routeTo[stage] ??= variant;
    expect(stages.filter((s) => !routeTo[s])).toEqual([]);

    const shared: Record<string, string> = {};
    const mismatches: string[] = [];
    for (const c of cases) {
      const at = async () => (await drive(routeTo[c.stage]!, c.stage)).id;
      const id = c.expected === 200 ? await at() : (shared[c.stage] ??= await at());
      const res = await decide(id, userOf(c.role).id, bodyOf(c));
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
    const count = (status: number) => cases.filter((c) => c.expected === status).length;
    process.stdout.write(
      `delegation matrix: ${cases.length} attempts, ${count(200)} × 2xx, ${count(403)} × 403, ${count(409)} × 409\n`,
    );
  });
});
