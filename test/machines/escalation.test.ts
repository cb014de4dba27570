import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/compile.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { createProcess } from '../../machines/create-process.js';
import { actors, calendar, pipeline, startExample } from '../../test-support/review-pipeline.js';

function decide(snapshot: ProcessSnapshot, at: string, decision: Record<string, unknown>) {
  const checked = pipeline.check(snapshot, decision, at);
  if (!checked.success) throw new Error(checked.error);
  return pipeline.apply(snapshot, checked.data);
}
const milestone = (s: ProcessSnapshot, id: string) => s.context.milestones.find((m) => m.id === id)!;

// Monday 6 September 2027; 15 working days later is Monday 27 September (no holiday in between but 2/9 is before).
const submitAt = '2027-09-06T09:00:00+07:00';

describe('escalation ladder on the pure machine', () => {
  it('arms a 15-working-day milestone on entering the stage, with its rungs before, at and after due', () => {
    const [s] = startExample('2027-09-01T08:00:00+07:00');
    const [entered] = decide(s, submitAt, { type: 'SUBMIT', ...actors.secretariat });
    const m = milestone(entered, 'pmApproval');
    expect(m.dueAt).toBe('2027-09-27T23:59:59+07:00');
    expect(m.rungs).toEqual([
      { id: 'reminder', at: '2027-09-23T08:00:00+07:00', firedAt: null },
      { id: 'supervisor', at: '2027-09-27T23:59:59+07:00', firedAt: null },
      { id: 'head', at: '2027-09-30T08:00:00+07:00', firedAt: null },
    ]);
    // The earliest instant comes first: the draft milestone of the example is due on 14 September.
    expect(pipeline.nextDeadline(entered)).toEqual({ milestone: 'draftReady', at: '2027-09-14T23:59:59+07:00' });
  });

  it('fires a rung once, with an escalate effect naming whom to tell, and refuses it early', () => {
    const [s] = startExample('2027-09-01T08:00:00+07:00');
    const [entered] = decide(s, submitAt, { type: 'SUBMIT', ...actors.secretariat });
    const [early] = pipeline.apply(entered, {
      type: 'DEADLINE_REACHED',
      milestone: 'pmApproval',
      rung: 'reminder',
      at: '2027-09-22T08:00:00+07:00',
    });
    expect(milestone(early, 'pmApproval').rungs[0]!.firedAt).toBeNull();
    const [fired, effects] = pipeline.apply(entered, {
      type: 'DEADLINE_REACHED',
      milestone: 'pmApproval',
      rung: 'reminder',
      at: '2027-09-23T08:00:00+07:00',
    });
    expect(effects).toEqual([
      { type: 'escalate', milestone: 'pmApproval', rung: 'reminder', offset: -2, to: 'awaited', channels: ['email'] },
    ]);
    const [twice, none] = pipeline.apply(fired, {
      type: 'DEADLINE_REACHED',
      milestone: 'pmApproval',
      rung: 'reminder',
      at: '2027-09-24T08:00:00+07:00',
    });
    expect(none).toEqual([]);
    expect(milestone(twice, 'pmApproval').rungs[0]!.firedAt).toBe('2027-09-23T08:00:00+07:00');
    expect(pipeline.view(twice).awaiting!.escalationLevel).toBe(1);
  });

  it('stops the clock on a revision request and restarts the full duration on resubmission', () => {
    const [s] = startExample('2027-09-01T08:00:00+07:00');
    const [entered] = decide(s, submitAt, { type: 'SUBMIT', ...actors.secretariat });
    const [revising] = decide(entered, '2027-09-13T10:00:00+07:00', { type: 'REQUEST_REVISION', ...actors.pm });
    expect(milestone(revising, 'pmApproval')).toMatchObject({
      pausedAt: '2027-09-13T10:00:00+07:00',
      remainingWorkingDays: 10,
    });
    expect(pipeline.nextDeadline(revising)?.milestone).not.toBe('pmApproval');
    const [late] = pipeline.apply(revising, {
      type: 'DEADLINE_REACHED',
      milestone: 'pmApproval',
      rung: 'supervisor',
      at: '2027-10-30T00:00:00+07:00',
    });
    expect(milestone(late, 'pmApproval').rungs[1]!.firedAt).toBeNull();
    // Resubmitted on Monday 20 September: 15 working days from then is Monday 11 October.
    const [back] = decide(revising, '2027-09-20T09:00:00+07:00', { type: 'SUBMIT', ...actors.secretariat });
    expect(milestone(back, 'pmApproval')).toMatchObject({
      dueAt: '2027-10-11T23:59:59+07:00',
      pausedAt: null,
      status: 'pending',
    });
  });

  it('lets a supervisor extend a milestone, re-arming its rungs, and records it', () => {
    const [s] = startExample('2027-09-01T08:00:00+07:00');
    let [snap] = decide(s, submitAt, { type: 'SUBMIT', ...actors.secretariat });
    for (const rung of ['reminder', 'supervisor']) {
      [snap] = pipeline.apply(snap, {
        type: 'DEADLINE_REACHED',
        milestone: 'pmApproval',
        rung,
        at: '2027-09-28T00:00:00+07:00',
      });
    }
    [snap] = pipeline.apply(snap, {
      type: 'DEADLINE_REACHED',
      milestone: 'pmApproval',
      at: '2027-09-28T00:00:00+07:00',
    });
    expect(milestone(snap, 'pmApproval').status).toBe('missed');
    const refused = pipeline.check(
      snap,
      { type: 'EXTEND', ...actors.pm, milestone: 'pmApproval', dueAt: '2027-10-15T23:59:59+07:00' },
      '2027-09-28T09:00:00+07:00',
    );
    expect(!refused.success && refused.error).toContain('it belongs to role "supervisor"');
    const past = pipeline.check(
      snap,
      { type: 'EXTEND', ...actors.supervisor, milestone: 'pmApproval', dueAt: '2027-09-01T00:00:00+07:00' },
      '2027-09-28T09:00:00+07:00',
    );
    expect(!past.success && past.error).toContain('needs a due instant in the future');
    const [extended] = decide(snap, '2027-09-28T09:00:00+07:00', {
      type: 'EXTEND',
      ...actors.supervisor,
      milestone: 'pmApproval',
      dueAt: '2027-10-15T23:59:59+07:00',
    });
    expect(milestone(extended, 'pmApproval')).toMatchObject({ status: 'pending', dueAt: '2027-10-15T23:59:59+07:00' });
    expect(milestone(extended, 'pmApproval').rungs.map((r) => r.firedAt)).toEqual([null, null, null]);
    expect(extended.context.history.at(-1)).toMatchObject({
      event: 'EXTEND',
      actor: 'dang.quang',
      comment: 'due 2027-10-15T23:59:59+07:00',
    });
  });

  it('lets a supervisor reassign the awaited stage only to a person of its role', () => {
    const [s] = startExample('2027-09-01T08:00:00+07:00');
    const wrong = pipeline.check(
      s,
      { type: 'REASSIGN', ...actors.supervisor, assignee: { id: 'pham.minh', roles: ['pm'] } },
      submitAt,
    );
    expect(!wrong.success && wrong.error).toBe(
      'user "pham.minh" cannot be awaited at stage "drafting": it needs role "secretariat", they have pm',
    );
    const [reassigned, effects] = decide(s, submitAt, {
      type: 'REASSIGN',
      ...actors.supervisor,
      assignee: { id: 'tran.an', roles: ['secretariat'] },
    });
    expect(pipeline.view(reassigned).awaiting).toMatchObject({ role: 'secretariat', assignee: 'tran.an' });
    expect(effects).toEqual([{ type: 'notify', stage: 'drafting', to: 'awaited', template: 'stage-reassigned' }]);
    const [moved] = decide(reassigned, submitAt, { type: 'SUBMIT', actor: 'tran.an', roles: ['secretariat'] });
    expect(pipeline.view(moved).awaiting!.assignee).toBeNull();
  });
});

describe('ladders of other definitions', () => {
  const definition = {
    id: 'short-task',
    version: 1,
    title: { vi: 'Nhiệm vụ', en: 'Task' },
    roles: {
      owner: { vi: 'Chủ trì', en: 'Owner' },
      reviewer: { vi: 'Thẩm định', en: 'Reviewer' },
      supervisor: { vi: 'Giám sát', en: 'Supervisor' },
    },
    initial: 'work',
    stages: {
      work: { title: { vi: 'Thực hiện', en: 'Work' }, role: 'owner', on: { SUBMIT: 'review' } },
      review: {
        title: { vi: 'Thẩm định', en: 'Review' },
        role: 'reviewer',
        milestone: 'reviewed',
        on: { APPROVE: 'done', REQUEST_REVISION: { revise: true as const } },
      },
    },
    outcomes: {
      done: { title: { vi: 'Xong', en: 'Done' }, status: 'completed' as const },
      expired: { title: { vi: 'Hết hạn', en: 'Expired' }, status: 'rejected' as const },
    },
    revision: { stage: 'work', resubmit: 'SUBMIT', firstDraft: 1 },
    milestones: [
      {
        id: 'reviewed',
        title: { vi: 'Thẩm định trong 5 ngày làm việc', en: 'Reviewed within 5 working days' },
        duration: { workingDays: 5 },
        onResubmit: 'resume' as const,
        escalation: [
          {
            id: 'expire',
            offset: { workingDays: 2 },
            to: 'supervisor',
            channels: ['email' as const],
            outcome: 'expired',
          },
        ],
      },
    ],
  };
  const task = createProcess(definition);
  const start = () => {
    const context = parseStartInput(
      task.definition,
      { subject: 'Thẩm định báo cáo' },
      '2027-09-06T08:00:00+07:00',
      calendar,
    );
    if (!context.success) throw new Error(context.error);
    return task.start(context.data)[0];
  };
  const step = (s: ProcessSnapshot, type: string, role: string, at: string) => {
    const checked = task.check(s, { type, actor: role, roles: [role] }, at);
    if (!checked.success) throw new Error(checked.error);
    return task.apply(s, checked.data)[0];
  };

  it('resumes the working days that were left when a revision stopped the clock', () => {
    // Entered Monday 6/9; 5 working days → Monday 13/9. Revision on Wednesday 8/9 leaves 3 (9, 10, 13).
    let s = step(start(), 'SUBMIT', 'owner', '2027-09-06T09:00:00+07:00');
    expect(s.context.milestones[0]!.dueAt).toBe('2027-09-13T23:59:59+07:00');
    s = step(s, 'REQUEST_REVISION', 'reviewer', '2027-09-08T09:00:00+07:00');
    expect(s.context.milestones[0]!.remainingWorkingDays).toBe(3);
    // Back on Monday 20/9 with 3 days left: Thursday 23/9.
    s = step(s, 'SUBMIT', 'owner', '2027-09-20T09:00:00+07:00');
    expect(s.context.milestones[0]!.dueAt).toBe('2027-09-23T23:59:59+07:00');
  });

  it('ends the process in the outcome a rung names, telling whom it says', () => {
    const s = step(start(), 'SUBMIT', 'owner', '2027-09-06T09:00:00+07:00');
    const [expired, effects] = task.apply(s, {
      type: 'DEADLINE_REACHED',
      milestone: 'reviewed',
      rung: 'expire',
      at: '2027-09-15T08:00:00+07:00',
    });
    expect(task.view(expired)).toMatchObject({ state: 'expired', status: 'rejected', awaiting: null });
    expect(effects).toEqual([
      { type: 'escalate', milestone: 'reviewed', rung: 'expire', offset: 2, to: 'supervisor', channels: ['email'] },
    ]);
  });
});
