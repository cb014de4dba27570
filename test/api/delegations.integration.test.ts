import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WorkflowNotFoundError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../store/index.js';
import { ledgerWorkflowId } from '../../workflows/ledger.messages.js';
import { useApiServer } from '../../test-support/api-server.js';
import { approveDelegation, dossiersStarted } from '../../test-support/delegation.js';
import { laterRuleSetsDir } from '../../test-support/rule-sets.js';

// A rule set of this file's own (the 2022 rules for trips from 2023 on), so its ledgers meet no other file's.
const RULES = 'api-routes-delegations';
const api = useApiServer({ DUYET_RULE_SETS_DIR: laterRuleSetsDir(RULES) });
const MiB = 1024 * 1024;

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const compliant = example('delegation-compliant.json');
const violations = example('delegation-violations.json');

/** A proposal in 2027 (under this file's rule set) whose leader is new, so no test shares trips with another. */
function proposal(extra: Record<string, unknown> = {}, base = compliant) {
  const leader = { ...(base.leader as object), id: `leader-${randomUUID()}` };
  return { ...base, leader, startDate: '2027-03-08', endDate: '2027-03-12', ...extra };
}

const check = (user: string, body: unknown, query = '') =>
  api.call('POST', `/api/delegations/check${query}`, { token: api.token(user), body });
const start = (user: string, body: unknown, query = '') =>
  api.call('POST', `/api/delegations${query}`, { token: api.token(user), body });

/** How many dossiers this file's worker queue holds. */
const dossierCount = () => dossiersStarted(api.temporal.client, api.temporal.config.temporal.taskQueue);

describe('POST /api/delegations/check over HTTP', () => {
  it('finds nothing against a compliant proposal, for a unit and for the Department of Foreign Affairs', async () => {
    for (const user of ['tran.mai', 'le.minh']) {
      const res = await check(user, proposal());
      expect(res.status, res.text).toBe(200);
      expect(res.json).toMatchObject({ ruleSet: { id: RULES, version: 2 }, outcome: 'ok', findings: [] });
      // Each traveller with their trips of the year: none yet; the key leader has both trips left.
      expect(res.json.travellers).toHaveLength(5);
      expect(res.json.travellers[0]).toMatchObject({ keyLeader: true, year: 2027, trips: [], tripsLeft: 2 });
      expect(res.json.travellers[1]).toMatchObject({ person: 'trinh.van.khanh', keyLeader: false, tripsLeft: null });
    }
  });

  it('lists every broken rule in Vietnamese with its severity and facts', async () => {
    const res = await check('le.minh', proposal({ startDate: '2027-10-04', endDate: '2027-10-16' }, violations));
    expect(res.status, res.text).toBe(200);
    expect(res.json.outcome).toBe('blocked');
    const rules = res.json.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['PLAN_REQUIRED', 'UNIT_TRIP_SUSPENDED', 'FUNDING_SOURCE']));
    const funding = res.json.findings.find((f: { rule: string }) => f.rule === 'FUNDING_SOURCE');
    expect(funding).toMatchObject({ severity: 'block', facts: expect.any(Object) });
    expect(funding.message.vi).toMatch(/doanh nghiệp/);
  });

  it('says an exception awaits the competent authority, and names the rule set asked for', async () => {
    const long = proposal({ countries: [{ country: 'Nhật Bản', days: 4 }] });
    const res = await check('pham.ha', long, `?rules=${RULES}&today=2027-01-10`);
    expect(res.status, res.text).toBe(200);
    expect(res.json.outcome).toBe('awaitingDecision');
    expect(res.json.findings).toEqual([expect.objectContaining({ rule: 'DAYS_PER_COUNTRY', severity: 'exception' })]);
  });

  it('refuses a user with no role in delegations with 403, and no token with 401', async () => {
    const res = await check('nguyen.thu', proposal());
    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
    expect(res.json.detail).toContain('cannot check a delegation proposal; expected one of the roles: unit,');
    const audit = await listAudit(api.store.db, { kind: 'request.refused' });
    expect(audit.some((a) => a.actor === 'nguyen.thu' && a.detail.path === '/api/delegations/check')).toBe(true);
    expect((await api.call('POST', '/api/delegations/check', { body: proposal() })).status).toBe(401);
  });

  it('answers a proposal that does not read with 422 and its zod issues, an actor field with 422', async () => {
    const { leader, ...withoutLeader } = proposal();
    void leader;
    const res = await check('tran.mai', { ...withoutLeader, funding: ['lottery'] });
    expect(res.status).toBe(422);
    expect(res.json.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['leader', 'funding.0']),
    );
    const actor = await check('tran.mai', { ...proposal(), actor: 'vu.son' });
    expect(actor.status).toBe(422);
    expect(actor.json.detail).toContain('the actor is always the authenticated user; remove "actor"');
    const today = await check('tran.mai', proposal(), '?today=10/01/2027');
    expect(today.status).toBe(422);
    expect(today.json.issues[0].path).toBe('today');
  });

  it('answers an unknown rule set with 404, malformed JSON with 400, oversized proposals and bodies with 413', async () => {
    const unknown = await check('tran.mai', proposal(), '?rules=no-such-rules');
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toMatch(/unknown rule set "no-such-rules"/);
    const malformed = await api.call('POST', '/api/delegations/check', { token: api.token('tran.mai'), raw: '{"a":' });
    expect(malformed.status).toBe(400);
    const large = await check('tran.mai', { ...proposal(), note: 'x'.repeat(300 * 1024) });
    expect(large.status).toBe(413);
    expect(large.json.detail).toMatch(/the proposal is \d+ bytes .* over the limit of 256 KiB/);
    expect((await check('tran.mai', { ...proposal(), note: 'x'.repeat(MiB) })).status).toBe(413);
  });
});

describe('POST /api/dossiers starting a delegation', () => {
  const startGeneric = (user: string, input: unknown, key?: string) =>
    api.call('POST', '/api/dossiers', {
      token: api.token(user),
      body: { process: 'delegation', input, options: { rules: RULES } },
      headers: key === undefined ? {} : { 'Idempotency-Key': key },
    });

  it('refuses another unit’s proposal and another role as POST /api/delegations does, starting nothing and claiming no key', async () => {
    const key = `key-${randomUUID()}`;
    const otherUnit = await startGeneric(
      'tran.mai',
      proposal({ unit: { name: 'Sở Công Thương', kind: 'department' } }),
      key,
    );
    expect(otherUnit.status, otherUnit.text).toBe(403);
    expect(otherUnit.type).toBe('application/problem+json');
    expect(otherUnit.json.detail).toContain('acts for the units so-du-lich, not for "Sở Công Thương"');
    const otherRole = await startGeneric('le.minh', proposal());
    expect(otherRole.status).toBe(403);
    expect(otherRole.json.detail).toContain('cannot start "delegation": its first stage belongs to role "unit"');
    // The first starts of this file: nothing may have started.
    expect(await dossierCount()).toBe(0);
    const audit = await listAudit(api.store.db, { kind: 'request.refused' });
    expect(audit.some((a) => a.actor === 'tran.mai' && a.detail.path === '/api/dossiers')).toBe(true);

    // The refused start left its key unclaimed: the same key with another body is refused for what it is (403), not as a reused key (409).
    const again = await startGeneric(
      'tran.mai',
      proposal({ unit: { name: 'Sở Kế hoạch và Đầu tư', kind: 'department' } }),
      key,
    );
    expect(again.status, again.text).toBe(403);
  });
});

describe('POST /api/delegations over HTTP', () => {
  it('refuses, starting nothing: another role (403), another unit (403), a blocked proposal and a missing justification (422), an unknown rule set (404)', async () => {
    const otherRole = await start('le.minh', proposal());
    expect(otherRole.status).toBe(403);
    expect(otherRole.json.detail).toContain(
      'a delegation is proposed by its organising unit; expected one of the roles: unit',
    );
    const otherUnit = await start('tran.mai', proposal({ unit: { name: 'Sở Công Thương', kind: 'department' } }));
    expect(otherUnit.status).toBe(403);
    expect(otherUnit.json.detail).toContain('acts for the units so-du-lich, not for "Sở Công Thương"');
    const blocked = await start('tran.mai', proposal({ funding: ['enterprise'] }));
    expect(blocked.status).toBe(422);
    expect(blocked.json.detail).toMatch(/cannot be approved under api-routes-delegations[\s\S]*FUNDING_SOURCE/);
    const unjustified = await start('tran.mai', proposal({ countries: [{ country: 'Nhật Bản', days: 4 }] }));
    expect(unjustified.status).toBe(422);
    expect(unjustified.json.detail).toMatch(/give a justification for each under "justifications"/);
    expect((await start('tran.mai', proposal(), '?rules=no-such-rules')).status).toBe(404);
    expect((await start('tran.mai', { ...proposal(), by: 'vu.son' })).status).toBe(422);
    expect((await start('tran.mai', { ...proposal(), note: 'x'.repeat(300 * 1024) })).status).toBe(413);
    const malformed = await api.call('POST', '/api/delegations', { token: api.token('tran.mai'), raw: '[' });
    expect(malformed.status).toBe(400);
    expect((await api.call('POST', '/api/delegations', { body: proposal() })).status).toBe(401);
    expect(await dossierCount()).toBe(0);
  });

  it('starts a dossier for the unit’s own proposal, approves it and keeps its trips in the ledger', async () => {
    const body = proposal();
    const leader = (body.leader as { id: string }).id;
    const started = await start('tran.mai', body);
    expect(started.status, started.text).toBe(201);
    expect(started.json).toEqual({ workflowId: expect.stringMatching(/^delegation-/), findings: [] });
    const id = started.json.workflowId as string;
    await approveDelegation(api, id);
    const dossier = await api.call('GET', `/api/dossiers/${id}`, { token: api.token('tran.mai') });
    expect(dossier.json).toMatchObject({ process: 'delegation', state: 'reporting' });
    // What the ledger's pages show of the trip: who went, from which unit, where and for how long.
    expect(dossier.json.facts).toMatchObject({
      organiser: { id: 'so-du-lich', name: 'Sở Du lịch' },
      countries: [
        { country: 'Nhật Bản', days: 3 },
        { country: 'Hàn Quốc', days: 2 },
      ],
    });
    expect(dossier.json.facts.people[0]).toEqual({
      id: leader,
      name: 'Ngô Thị Thu Trang',
      position: 'Giám đốc',
      unit: 'Sở Du lịch',
    });
    // Once visibility shows this start, it shows the refused ones too, had any started: there are none.
    while ((await dossierCount()) === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await dossierCount()).toBe(1);

    const ledger = await api.call('GET', `/api/delegations/ledgers/${RULES}/2027`, { token: api.token('le.minh') });
    expect(ledger.status, ledger.text).toBe(200);
    expect(ledger.json).toMatchObject({ ruleSet: RULES, year: 2027, tripsPerKeyLeader: 2 });
    const trips = ledger.json.entries.filter((e: { delegation: string }) => e.delegation === id);
    expect(trips.map((e: { person: string }) => e.person)).toContain(leader);

    const person = await api.call('GET', `/api/delegations/ledgers/${RULES}/2027/people/${leader}`, {
      token: api.token('nguyen.hung'),
    });
    expect(person.status, person.text).toBe(200);
    expect(person.json).toMatchObject({
      person: leader,
      tripsPerKeyLeader: 2,
      tripsLeft: 1,
      entries: [{ delegation: id, startDate: '2027-03-08', reportDueAt: '2027-03-22', reportFiledAt: null }],
    });
  });
});

describe('GET /api/delegations/rule-sets over HTTP', () => {
  it('lists the known rule sets with their periods, limits and plan adjustment to the delegation roles, 403 to others', async () => {
    const res = await api.call('GET', '/api/delegations/rule-sets', { token: api.token('tran.mai') });
    expect(res.status, res.text).toBe(200);
    expect(res.json.ruleSets).toContainEqual(
      expect.objectContaining({
        id: RULES,
        validFrom: '2023-01-01',
        tripsPerKeyLeaderPerYear: 2,
        planAdjustment: { deadline: '2022-05-15', maxOutbound: 7, maxInbound: 6, times: 1 },
      }),
    );
    expect(res.json.ruleSets.map((r: { id: string }) => r.id)).toContain('hanoi-2022');
    const other = await api.call('GET', '/api/delegations/rule-sets', { token: api.token('pham.minh') });
    expect(other.status).toBe(403);
    expect(other.json.detail).toContain('cannot read the rule sets of delegations');
  });
});

describe('GET /api/delegations/ledgers/{ruleSet}/{year}[/people/{person}] over HTTP', () => {
  it('refuses the organising units (403) and anyone without a delegation role (403)', async () => {
    for (const user of ['tran.mai', 'pham.minh']) {
      const res = await api.call('GET', `/api/delegations/ledgers/${RULES}/2027`, { token: api.token(user) });
      expect(res.status, user).toBe(403);
      expect(res.json.detail).toContain('cannot read the ledger of trips; expected one of the roles: foreign-affairs');
      const person = await api.call('GET', `/api/delegations/ledgers/${RULES}/2027/people/a.b`, {
        token: api.token(user),
      });
      expect(person.status, user).toBe(403);
    }
  });

  it('reads a known rule set’s year that no reservation has opened as no trips, starting no ledger', async () => {
    const res = await api.call('GET', `/api/delegations/ledgers/${RULES}/2031`, { token: api.token('vu.son') });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ ruleSet: RULES, year: 2031, entries: [] });
    const person = await api.call('GET', `/api/delegations/ledgers/${RULES}/2031/people/a.b`, {
      token: api.token('vu.son'),
    });
    expect(person.json).toMatchObject({ entries: [], tripsLeft: person.json.tripsPerKeyLeader });
    const ledger = api.temporal.client.workflow.getHandle(ledgerWorkflowId(RULES, 2031));
    await expect(ledger.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('answers a rule set without a ledger with 404, a year that is not one with 422, no token with 401', async () => {
    const unknown = await api.call('GET', '/api/delegations/ledgers/no-such-rules/2027', {
      token: api.token('vu.son'),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.detail).toMatch(/no ledger of rule set "no-such-rules" for 2027/);
    const year = await api.call('GET', `/api/delegations/ledgers/${RULES}/20x7`, { token: api.token('vu.son') });
    expect(year.status).toBe(422);
    expect(year.json.issues[0].path).toBe('year');
    const ruleSet = await api.call('GET', '/api/delegations/ledgers/No_Rules/2027/people/a', {
      token: api.token('vu.son'),
    });
    expect(ruleSet.status).toBe(422);
    expect(ruleSet.json.issues[0].path).toBe('ruleSet');
    expect((await api.call('GET', `/api/delegations/ledgers/${RULES}/2027`)).status).toBe(401);
    expect((await api.call('GET', `/api/delegations/ledgers/${RULES}/2027/people/a.b`)).status).toBe(401);
  });
});
