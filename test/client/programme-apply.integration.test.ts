import { replayAndKeep } from '../../test-support/replay.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decide, status } from '../../client/dossiers.js';
import { RequestError } from '../../client/errors.js';
import { applyProgramme, planOfPreflight } from '../../client/programme-apply.js';
import { importProgramme } from '../../client/programme-import.js';
import { programmeTracker, taskRows } from '../../client/programme-tracker.js';
import { loadUnits } from '../../directory/directory.js';
import { useWorkerAndClient } from '../../test-support/cli.js';

const seed = readFileSync(new URL('../fixtures/seeds/programme-nq31-2014.txt', import.meta.url), 'utf8');
const units = loadUnits(new URL('../../directory/units.json', import.meta.url).pathname);
const header = 'TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian';
const exists = async (client: ReturnType<typeof useWorkerAndClient>['client'], id: string) =>
  client.workflow
    .getHandle(id)
    .describe()
    .then(
      () => true,
      () => false,
    );

describe('importing a programme with --apply on a real Temporal server', () => {
  const server = useWorkerAndClient();

  it('starts seed 003 as a programme of 32 tasks once, and the tracker shows every task and every agency', async () => {
    const plan = planOfPreflight('nq31-apply', 'NQ 31/NQ-CP', importProgramme(seed, units, 'text'));
    const first = await applyProgramme(server.client, server.config, plan);
    expect(first.programme.outcome).toBe('started');
    expect(first.tasks.map((t) => t.outcome)).toEqual(Array(32).fill('started'));

    const again = await applyProgramme(server.client, server.config, plan);
    expect(again.programme.outcome).toBe('unchanged');
    expect(again.tasks.map((t) => t.outcome)).toEqual(Array(32).fill('unchanged'));

    // The tracker lists the tasks by one visibility query: wait until visibility has every task's first upsert.
    const ids = plan.tasks.map((t) => t.workflowId);
    await expect
      .poll(async () => [...(await taskRows(server.client, ids)).values()].filter((r) => r.status).length, {
        timeout: 20_000,
      })
      .toBe(32);
    const tracker = await programmeTracker(server.client, 'nq31-apply');
    expect(tracker.tasks).toHaveLength(32);
    // A task listed by visibility reads as the task itself answers (started after 2016: no report is owed).
    const detailed = await programmeTracker(server.client, 'nq31-apply', tracker.at, (e) => e.number === '1.2');
    expect(tracker.tasks[1]).toEqual(detailed.tasks[1]);
    expect(tracker.tasks[1]!.owed).toEqual([{ milestone: 'product', dueAt: '2016-12-31T23:59:59+07:00', late: true }]);
    expect(tracker.tasks[0]).toMatchObject({
      number: '1.1',
      workflowId: 'nq31-apply.1.1',
      lead: 'bo-ngoai-giao',
      status: 'running',
      state: 'working',
      dueAt: '2014-12-31T23:59:59+07:00',
    });
    // Every task of 2014 was due long ago: each is late, and its lead owes it.
    expect(tracker.tasks.every((t) => t.daysLate > 3000)).toBe(true);
    const mofa = tracker.agencies.find((a) => a.unit === 'bo-ngoai-giao')!;
    expect(mofa.owes.map((o) => o.task).sort()).toEqual(['1.1', '1.2', '2.1', '2.3', '2.5', '4.1', '4.2']);
    expect(mofa.late).toBe(7);
  });

  it('reports what a changed file changes with the change request each changed task needs, alters no running task, and starts nothing twice', async () => {
    const table = (rows: string[]) => importProgramme([header, ...rows].join('\n'), units, 'csv');
    const rows = ['1.1,Quán triệt Nghị quyết,Bộ Ngoại giao,Bộ Công Thương,Các lớp tập huấn,2030'];
    await applyProgramme(server.client, server.config, planOfPreflight('small-apply', 'Nhỏ', table(rows)));
    const changedPlan = planOfPreflight(
      'small-apply',
      'Nhỏ',
      table([rows[0]!.replace('2030', '2030 - 2031'), '1.2,Xây dựng Chiến lược,Bộ Tư pháp,,Dự thảo,2031']),
    );
    const changed = await applyProgramme(server.client, server.config, changedPlan);
    expect(changed.programme.outcome).toBe('changed');
    expect(changed.tasks).toEqual([
      {
        number: '1.1',
        workflowId: 'small-apply.1.1',
        outcome: 'changed',
        changes: [
          { field: 'time', before: '2030', after: '2030 - 2031' },
          { field: 'dueAt', before: '2030-12-31T23:59:59+07:00', after: '2031-12-31T23:59:59+07:00' },
        ],
        changeRequest: {
          event: 'REQUEST_CHANGE',
          by: 'focal-point@bo-ngoai-giao',
          comment:
            'Chương trình small-apply đã sửa nhiệm vụ 1.1 / the programme changed task 1.1: time: 2030 → 2030 - 2031; dueAt: 31/12/2030 → 31/12/2031',
          then: {
            event: 'APPROVE_CHANGE',
            by: 'authority',
            dueAt: '2031-12-31T23:59:59+07:00',
            facts: { time: '2030 - 2031' },
          },
        },
      },
      { number: '1.2', workflowId: 'small-apply.1.2', outcome: 'added', joined: true },
    ]);
    // The added task joined the programme's list, audited in its history; a second import adds it no more.
    const programme = await status(server.client, 'small-apply');
    expect((programme.facts.tasks as Array<{ number: string }>).map((t) => t.number)).toEqual(['1.1', '1.2']);
    expect(programme.history.map((h) => [h.event, h.actor, h.added?.entries.length])).toEqual([
      ['ADD_TASKS', 'duyet-import', 1],
    ]);
    // The running task is as it was: same stage, same due date, no decision.
    const untouched = await status(server.client, 'small-apply.1.1');
    expect([untouched.state, untouched.history, untouched.milestones[0]!.dueAt]).toEqual([
      'working',
      [],
      '2030-12-31T23:59:59+07:00',
    ]);

    // A user who is not the lead's focal point cannot file it: refused, reported, nothing recorded.
    const asOther = await applyProgramme(server.client, server.config, changedPlan, (workflowId, comment) =>
      decide(server.client, server.config, {
        workflowId,
        event: 'REQUEST_CHANGE',
        as: 'cong-thuong.dau-moi',
        comment,
      }).then(() => {}),
    );
    expect(asOther.tasks[0]!.changeRequest).toMatchObject({
      filed: false,
      refusal: expect.stringContaining('focal-point@bo-ngoai-giao'),
    });
    expect((await status(server.client, 'small-apply.1.1')).state).toBe('working');

    // The lead files it through the import, the authority approves the new date and time as written: nothing differs.
    const filed = await applyProgramme(server.client, server.config, changedPlan, (workflowId, comment) =>
      decide(server.client, server.config, {
        workflowId,
        event: 'REQUEST_CHANGE',
        as: 'ngoai-giao.dau-moi',
        comment,
      }).then(() => {}),
    );
    expect(filed.tasks[0]!.changeRequest!.filed).toBe(true);
    expect((await status(server.client, 'small-apply.1.1')).state).toBe('changeReview');
    await decide(server.client, server.config, {
      workflowId: 'small-apply.1.1',
      event: 'APPROVE_CHANGE',
      as: 'vu.giao',
      dueAt: filed.tasks[0]!.changeRequest!.then.dueAt!,
      facts: filed.tasks[0]!.changeRequest!.then.facts,
    });
    const approved = await status(server.client, 'small-apply.1.1');
    expect(approved.facts.time).toBe('2030 - 2031');
    expect(approved.history.at(-1)).toMatchObject({
      event: 'APPROVE_CHANGE',
      actor: 'vu.giao',
      change: { milestone: 'product', before: '2030-12-31T23:59:59+07:00', after: '2031-12-31T23:59:59+07:00' },
      changed: [{ fact: 'time', before: '2030', after: '2030 - 2031' }],
    });
    const after = await applyProgramme(server.client, server.config, changedPlan);
    expect(after.tasks.map((t) => [t.number, t.outcome, t.changes?.map((c) => c.field)])).toEqual([
      ['1.1', 'unchanged', undefined],
      ['1.2', 'unchanged', undefined],
    ]);
    const tracker = await programmeTracker(server.client, 'small-apply');
    expect(tracker.tasks.map((t) => [t.number, t.status, t.dueAt])).toEqual([
      ['1.1', 'running', '2031-12-31T23:59:59+07:00'],
      ['1.2', 'running', '2031-12-31T23:59:59+07:00'],
    ]);
    expect((await status(server.client, 'small-apply')).history.map((h) => h.event)).toEqual(['ADD_TASKS']);
    expect(await replayAndKeep(server.client, 'small-apply.1.1', 'task-v3-change-approved')).toBe(1);
  });

  it('starts nothing, not even the programme, from a garbled table', async () => {
    const garbled = importProgramme(
      [header, '1.1,Quán triệt,Bộ Ngoại giao,,Lớp,2014', '1.2,Chiến lược,Bộ Ngoại giao,,Dự thảo,??'].join('\n'),
      units,
      'csv',
    );
    expect(() => planOfPreflight('garbled-apply', 'x', garbled)).toThrow(RequestError);
    expect(await exists(server.client, 'garbled-apply')).toBe(false);
    expect(await exists(server.client, 'garbled-apply.1.1')).toBe(false);
  });
});
