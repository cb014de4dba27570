import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, toPlainDate } from '../../calendar/dates.js';
import { hanoi2022 } from '../../delegation/rule-sets/hanoi-2022.js';
import { useApiServer } from '../../test-support/api-server.js';

/** The 2022 rules under an id of this file's own, the adjustment window open until a month from today. */
const RULES = 'api-routes-plans';
function rulesDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'duyet-rule-sets-'));
  const deadline = addDays(toPlainDate(Date.now()), 30);
  const rules = { ...hanoi2022, id: RULES, planAdjustment: { ...hanoi2022.planAdjustment, deadline } };
  writeFileSync(join(dir, `${RULES}.json`), JSON.stringify(rules));
  return dir;
}

const api = useApiServer({ DUYET_RULE_SETS_DIR: rulesDir() });
const plan = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Array<
    Record<string, unknown>
  >;
const original = plan('delegation-plan-2022.json');
const adjusted = plan('delegation-plan-2022-adjusted.json');
const path = `/api/delegations/plans/${RULES}/2022`;
const reason = 'Điều chỉnh theo tình hình dịch COVID-19';

const call = (method: string, user: string | undefined, body?: unknown, to = path) =>
  api.call(method, to, { token: user && api.token(user), body });

describe("the year's plan of delegations over HTTP", () => {
  it('refuses reading a plan not started (404) and starting one as anyone but foreign-affairs (403), starting nothing', async () => {
    const missing = await call('GET', 'le.minh');
    expect(missing.status).toBe(404);
    expect(missing.json.detail).toMatch(/no plan of rule set "api-routes-plans" for 2022/);
    for (const user of ['tran.mai', 'nguyen.hung', 'nguyen.thu']) {
      const refused = await call('POST', user, { items: original });
      expect(refused.status, user).toBe(403);
      expect(refused.json.detail).toContain(
        "cannot start the year's plan of delegations; expected one of the roles: foreign-affairs",
      );
    }
    expect((await call('GET', 'le.minh')).status).toBe(404);
  });

  it('answers bad plans with 422 naming the item, an unknown rule set with 404, a wrong year with 422, malformed JSON with 400', async () => {
    const badQuarter = await call('POST', 'le.minh', { items: [{ ...original[0], quarter: 5 }] });
    expect(badQuarter.status).toBe(422);
    expect(badQuarter.json.issues).toEqual([expect.objectContaining({ path: 'items.0.quarter' })]);
    const twice = await call('POST', 'le.minh', { items: [original[0], original[0]] });
    expect(twice.status).toBe(422);
    expect(twice.json.issues[0]).toMatchObject({
      path: 'items.1.item',
      message: expect.stringContaining('listed twice'),
    });
    const unknown = await call('POST', 'le.minh', { items: original }, '/api/delegations/plans/no-such-rules/2022');
    expect(unknown.status).toBe(404);
    const wrongYear = await call('POST', 'le.minh', { items: original }, `/api/delegations/plans/${RULES}/2023`);
    expect(wrongYear.status).toBe(422);
    expect(wrongYear.json.detail).toMatch(/is for 2022/);
    const actor = await call('POST', 'le.minh', { items: original, by: 'vu.son' });
    expect(actor.status).toBe(422);
    expect(actor.json.detail).toContain('remove "by"');
    const malformed = await api.call('POST', path, { token: api.token('le.minh'), raw: '{"items": [' });
    expect(malformed.status).toBe(400);
    const large = await call('POST', 'le.minh', { items: original, pad: 'x'.repeat(1024 * 1024) });
    expect(large.status).toBe(413);
    expect((await call('GET', 'le.minh')).status).toBe(404);
  });

  it('starts the plan as foreign-affairs, refuses a second start (409) and shows it to every delegation role', async () => {
    const started = await call('POST', 'le.minh', { items: original });
    expect(started.status, started.text).toBe(201);
    expect(started.json).toEqual({ workflowId: `delegation-plan-${RULES}-2022` });
    const again = await call('POST', 'le.minh', { items: adjusted });
    expect(again.status).toBe(409);
    expect(again.json.detail).toMatch(/already exists/);
    for (const user of ['tran.mai', 'vu.son', 'dang.quang']) {
      const shown = await call('GET', user);
      expect(shown.status, user).toBe(200);
      expect(shown.json).toMatchObject({ year: 2022, ruleSet: { id: RULES }, items: original, adjustments: [] });
    }
    expect((await call('GET', 'nguyen.thu')).status).toBe(403);
    expect((await call('GET', undefined)).status).toBe(401);
    expect((await call('POST', undefined, { items: original })).status).toBe(401);
  });

  it('adjusts the plan once as the authenticated user, refusing others (403), a second adjustment (409) and bad bodies', async () => {
    const byUnit = await call('POST', 'tran.mai', { items: adjusted, reason }, `${path}/adjustments`);
    expect(byUnit.status).toBe(403);
    const noReason = await call('POST', 'le.minh', { items: adjusted }, `${path}/adjustments`);
    expect(noReason.status).toBe(422);
    expect(noReason.json.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
    const longReason = await call(
      'POST',
      'le.minh',
      { items: adjusted, reason: 'x'.repeat(9000) },
      `${path}/adjustments`,
    );
    expect(longReason.status).toBe(413);
    const actor = await call('POST', 'le.minh', { items: adjusted, reason, user: 'vu.son' }, `${path}/adjustments`);
    expect(actor.status).toBe(422);
    const malformed = await api.call('POST', `${path}/adjustments`, { token: api.token('le.minh'), raw: '{' });
    expect(malformed.status).toBe(400);
    expect((await call('POST', undefined, { items: adjusted, reason }, `${path}/adjustments`)).status).toBe(401);
    const elsewhere = await call(
      'POST',
      'le.minh',
      { items: adjusted, reason },
      `/api/delegations/plans/${RULES}/2024/adjustments`,
    );
    expect(elsewhere.status).toBe(404);
    expect((await call('GET', 'le.minh')).json.adjustments).toEqual([]);

    const done = await call('POST', 'le.minh', { items: adjusted, reason }, `${path}/adjustments`);
    expect(done.status, done.text).toBe(200);
    expect(done.json.items).toEqual(adjusted);
    expect(done.json.adjustments).toEqual([
      expect.objectContaining({
        by: 'le.minh',
        reason,
        before: { outbound: 9, inbound: 7 },
        after: { outbound: 7, inbound: 6 },
      }),
    ]);
    const second = await call('POST', 'le.minh', { items: adjusted.slice(1), reason }, `${path}/adjustments`);
    expect(second.status).toBe(409);
    expect(second.json.detail).toMatch(/lần điều chỉnh thứ 2/);
    expect((await call('GET', 'vu.son')).json.adjustments).toHaveLength(1);
  });
});
