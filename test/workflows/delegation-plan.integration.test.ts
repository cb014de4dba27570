import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays, toPlainDate } from '../../calendar/dates.js';
import { adjustPlan, showPlan, startPlan, type PlanRules } from '../../client/delegation-plan.js';
import { RequestError } from '../../client/errors.js';
import { planWorkflowId, type PlannedDelegation } from '../../workflows/delegation-plan.messages.js';
import { useWorkerAndClient } from '../../test-support/cli.js';

const readPlan = (name: string): PlannedDelegation[] =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as PlannedDelegation[];
const original = readPlan('delegation-plan-2022.json');
const adjusted = readPlan('delegation-plan-2022-adjusted.json');

/** The hanoi-2022 adjustment window moved to a deadline the test chooses. */
const rulesWithDeadline = (deadline: string): PlanRules => ({
  version: 1,
  adjustment: { deadline, maxOutbound: 7, maxInbound: 6, times: 1 },
});
const beforeDeadline = () => rulesWithDeadline(addDays(toPlainDate(Date.now()), 30));
const freshRuleSet = () => `hanoi-2022-test-${randomUUID()}`;
const adjustment = (items: PlannedDelegation[]) => ({
  items,
  by: 'nguyen.thu',
  reason: 'Điều chỉnh theo tình hình dịch COVID-19',
});

describe("the year's plan of delegations on a real Temporal server", () => {
  const server = useWorkerAndClient();
  const { config } = server;

  it('records an adjustment down to 7 outbound and 6 inbound before the deadline, and shows the items with the audit', async () => {
    const ruleSet = freshRuleSet();
    await startPlan(server.client, config, ruleSet, 2022, original, beforeDeadline());
    expect((await showPlan(server.client, config, ruleSet, 2022)).items).toEqual(original);

    const result = await adjustPlan(server.client, config, ruleSet, 2022, adjustment(adjusted));
    const plan = await showPlan(server.client, config, ruleSet, 2022);
    expect(plan).toEqual(result);
    expect(plan).toMatchObject({ year: 2022, ruleSet: { id: ruleSet, version: 1 }, items: adjusted });
    expect(plan.adjustments).toEqual([
      {
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
        by: 'nguyen.thu',
        reason: 'Điều chỉnh theo tình hình dịch COVID-19',
        before: { outbound: 9, inbound: 7 },
        after: { outbound: 7, inbound: 6 },
      },
    ]);
  });

  it('refuses a second adjustment, even within the limits', async () => {
    const ruleSet = freshRuleSet();
    await startPlan(server.client, config, ruleSet, 2022, original, beforeDeadline());
    await adjustPlan(server.client, config, ruleSet, 2022, adjustment(adjusted));

    const again = adjustPlan(server.client, config, ruleSet, 2022, adjustment(adjusted.slice(1)));
    await expect(again).rejects.toBeInstanceOf(RequestError);
    await expect(again).rejects.toThrow(
      'Đây là lần điều chỉnh thứ 2, vượt quá 1 đợt điều chỉnh trong năm 2022 / This is adjustment number 2, above 1 allowed in 2022',
    );
    const plan = await showPlan(server.client, config, ruleSet, 2022);
    expect(plan.items).toEqual(adjusted);
    expect(plan.adjustments).toHaveLength(1);
  });

  it('refuses an adjustment leaving 8 outbound or 7 inbound delegations and changes nothing', async () => {
    const ruleSet = freshRuleSet();
    await startPlan(server.client, config, ruleSet, 2022, original, beforeDeadline());
    const eightOut = [...adjusted, original.find((item) => item.item === 'DR-08')!];
    const sevenIn = [...adjusted, original.find((item) => item.item === 'DV-07')!];

    await expect(adjustPlan(server.client, config, ruleSet, 2022, adjustment(eightOut))).rejects.toThrow(
      'Kế hoạch sau điều chỉnh có 8 đoàn ra, vượt quá 7 đoàn ra / The adjusted plan has 8 outbound delegations, above 7',
    );
    await expect(adjustPlan(server.client, config, ruleSet, 2022, adjustment(sevenIn))).rejects.toThrow(
      'Kế hoạch sau điều chỉnh có 7 đoàn vào, vượt quá 6 đoàn vào / The adjusted plan has 7 inbound delegations, above 6',
    );
    expect(await showPlan(server.client, config, ruleSet, 2022)).toMatchObject({ items: original, adjustments: [] });

    // The validator refused both before they were accepted, so neither entered the plan's history.
    const history = await server.client.workflow.getHandle(planWorkflowId(ruleSet, 2022)).fetchHistory();
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);
  });

  it('refuses an adjustment made on or after the deadline', async () => {
    const ruleSet = freshRuleSet();
    await startPlan(server.client, config, ruleSet, 2022, original, rulesWithDeadline('2022-05-15'));
    const late = adjustPlan(server.client, config, ruleSet, 2022, adjustment(adjusted));
    await expect(late).rejects.toBeInstanceOf(RequestError);
    await expect(late).rejects.toThrow(
      /không trước ngày 15\/05\/2022 như quy định \/ The plan is adjusted on \d{4}-\d{2}-\d{2}, not before 2022-05-15 as required/,
    );
    expect((await showPlan(server.client, config, ruleSet, 2022)).adjustments).toEqual([]);
  });

  it('refuses an adjusted plan that lists an item id twice, naming it', async () => {
    const ruleSet = freshRuleSet();
    await startPlan(server.client, config, ruleSet, 2022, original, beforeDeadline());
    await expect(
      adjustPlan(server.client, config, ruleSet, 2022, adjustment([...adjusted.slice(1), adjusted[1]!])),
    ).rejects.toThrow('"DR-02" is listed twice');
  });

  it('refuses to start a second plan for the same rule set and year, and to start one for an unknown rule set', async () => {
    const ruleSet = freshRuleSet();
    await startPlan(server.client, config, ruleSet, 2022, original, beforeDeadline());
    await expect(startPlan(server.client, config, ruleSet, 2022, adjusted, beforeDeadline())).rejects.toThrow(
      `the plan of rule set "${ruleSet}" for 2022 already exists`,
    );
    await expect(startPlan(server.client, config, ruleSet, 2022, original)).rejects.toThrow(
      `unknown rule set "${ruleSet}"; expected one of: hanoi-2022`,
    );
  });
});
