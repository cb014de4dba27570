import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/compile.js';
import { createProcess } from '../../machines/create-process.js';
import { taskV1 } from '../../machines/definitions/task-v1.definition.js';
import { parseStartInput } from '../../machines/input.schema.js';
import type { Process } from '../../machines/process.js';
import { taskActors, taskCalendar, taskInput, taskProcess } from '../../test-support/task.js';

const v1 = createProcess(taskV1);
const start = (process: Process, at = '2014-06-20T09:00:00+07:00') => {
  const context = parseStartInput(process.definition, taskInput, at, taskCalendar);
  if (!context.success) throw new Error(context.error);
  return process.start(context.data)[0];
};
const decide = (process: Process, s: ProcessSnapshot, decision: Record<string, unknown>, at: string) => {
  const checked = process.check(s, decision, at);
  if (!checked.success) throw new Error(checked.error);
  return process.apply(s, checked.data)[0];
};
const product = (s: ProcessSnapshot) => s.context.milestones.find((m) => m.id === 'product')!;

describe('a returned product', () => {
  it('is no longer met: its due date holds again, and a new submission meets it', () => {
    const submitted = decide(
      taskProcess,
      start(taskProcess),
      { type: 'SUBMIT', ...taskActors.lead },
      '2015-03-02T09:00:00+07:00',
    );
    expect(product(submitted)).toMatchObject({ status: 'met', completedAt: '2015-03-02T09:00:00+07:00' });
    const returned = decide(
      taskProcess,
      submitted,
      { type: 'RETURN', ...taskActors.authority, comment: 'Bổ sung số liệu' },
      '2015-03-10T09:00:00+07:00',
    );
    expect(returned.value).toBe('working');
    expect(product(returned)).toMatchObject({ status: 'pending', completedAt: null, at: null });
    expect(taskProcess.view(returned).milestones.find((m) => m.id === 'product')!.completedAt).toBeNull();
    // The ladder is armed again: the deadline of the product is taken at its due instant.
    const missed = taskProcess.apply(returned, {
      type: 'DEADLINE_REACHED',
      milestone: 'product',
      at: '2017-01-01T00:00:00+07:00',
    } as never)[0];
    expect(product(missed).status).toBe('missed');
    const resubmitted = decide(
      taskProcess,
      returned,
      { type: 'SUBMIT', ...taskActors.lead },
      '2015-04-01T09:00:00+07:00',
    );
    expect(resubmitted.value).toBe('authorityReview');
    expect(product(resubmitted)).toMatchObject({ status: 'met', completedAt: '2015-04-01T09:00:00+07:00' });
  });

  it('returned after its due date is missed from the return', () => {
    const submitted = decide(
      taskProcess,
      start(taskProcess),
      { type: 'SUBMIT', ...taskActors.lead },
      '2016-12-01T09:00:00+07:00',
    );
    const returned = decide(
      taskProcess,
      submitted,
      { type: 'RETURN', ...taskActors.authority },
      '2017-01-05T09:00:00+07:00',
    );
    expect(product(returned)).toMatchObject({ status: 'missed', completedAt: null, at: '2017-01-05T09:00:00+07:00' });
  });

  it('stays met on version 1, which workflows started before keep', () => {
    const submitted = decide(v1, start(v1), { type: 'SUBMIT', ...taskActors.lead }, '2015-03-02T09:00:00+07:00');
    const returned = decide(v1, submitted, { type: 'RETURN', ...taskActors.authority }, '2015-03-10T09:00:00+07:00');
    expect(product(returned)).toMatchObject({ status: 'met', completedAt: '2015-03-02T09:00:00+07:00' });
  });
});

describe('reassigning a stage that awaits a unit', () => {
  const s = start(taskProcess);
  const reassign = (roles: string[]) =>
    taskProcess.check(
      s,
      { type: 'REASSIGN', ...taskActors.supervisor, assignee: { id: 'someone', roles } },
      '2014-07-01T09:00:00+07:00',
    );

  it('goes only to a focal point of the lead agency, not to one of another agency nor to the plain role', () => {
    expect(reassign(['focal-point@bo-ngoai-giao'])).toMatchObject({ success: true });
    expect(reassign(['focal-point@bo-cong-thuong'])).toEqual({
      success: false,
      error:
        'user "someone" cannot be awaited at stage "working": it needs role "focal-point@bo-ngoai-giao" (a member of unit "bo-ngoai-giao" with role "focal-point"), they have focal-point@bo-cong-thuong',
    });
    expect(reassign(['focal-point'])).toMatchObject({ success: false });
  });
});

describe('files on a decision', () => {
  const sha = 'a'.repeat(64);

  it('are kept with the decision in the history, each once', () => {
    const s = decide(
      taskProcess,
      start(taskProcess),
      { type: 'SUBMIT', ...taskActors.lead, files: [sha, sha] },
      '2015-03-02T09:00:00+07:00',
    );
    expect(s.context.history.at(-1)).toMatchObject({ event: 'SUBMIT', files: [sha] });
    const plain = decide(
      taskProcess,
      start(taskProcess),
      { type: 'SUBMIT', ...taskActors.lead },
      '2015-03-02T09:00:00+07:00',
    );
    expect(plain.context.history.at(-1)).not.toHaveProperty('files');
  });

  it('are refused unless each is a SHA-256', () => {
    const refused = taskProcess.check(
      start(taskProcess),
      { type: 'SUBMIT', ...taskActors.lead, files: ['de-an.pdf'] },
      '2015-03-02T09:00:00+07:00',
    );
    expect(refused).toMatchObject({ success: false, error: expect.stringContaining('→ at files') });
  });
});
