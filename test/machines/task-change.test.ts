import { describe, expect, it } from 'vitest';
import type { ProcessSnapshot } from '../../machines/compile.js';
import { createProcess } from '../../machines/create-process.js';
import { parseDecision } from '../../machines/decision.js';
import { taskV2 } from '../../machines/definitions/task-v2.definition.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { startTask, taskActors, taskCalendar, taskInput, taskProcess } from '../../test-support/task.js';

// Task version 3: the authority that approves a change may give the task new content, product or time as written,
// a new due date, or both; the history keeps each change before and after.
const input = {
  ...taskInput,
  facts: { ...taskInput.facts, content: 'Xây dựng Chiến lược', product: 'Dự thảo Chiến lược', time: '2014 - 2016' },
};
const asked = (): ProcessSnapshot => {
  const [s] = startTask(undefined, input);
  const checked = taskProcess.check(
    s,
    { type: 'REQUEST_CHANGE', ...taskActors.lead, comment: 'Đề nghị đổi sản phẩm thành Nghị quyết' },
    '2014-07-01T09:00:00+07:00',
  );
  if (!checked.success) throw new Error(checked.error);
  return taskProcess.apply(s, checked.data)[0];
};
const at = '2014-07-02T09:00:00+07:00';

describe('a change approved on a task of version 3', () => {
  it('gives the content, product and time new values, keeping each before and after, and leaves the due date', () => {
    const s = asked();
    const checked = taskProcess.check(
      s,
      { type: 'APPROVE_CHANGE', ...taskActors.authority, facts: { product: 'Nghị quyết', time: '2014 - 2017' } },
      at,
    );
    expect(checked.success).toBe(true);
    const [approved] = taskProcess.apply(s, checked.success ? checked.data : (undefined as never));
    expect(approved.value).toBe('working');
    expect(approved.context.facts).toMatchObject({
      content: 'Xây dựng Chiến lược',
      product: 'Nghị quyết',
      time: '2014 - 2017',
    });
    expect(approved.context.history.at(-1)).toMatchObject({
      event: 'APPROVE_CHANGE',
      changed: [
        { fact: 'product', before: 'Dự thảo Chiến lược', after: 'Nghị quyết' },
        { fact: 'time', before: '2014 - 2016', after: '2014 - 2017' },
      ],
    });
    expect(approved.context.history.at(-1)).not.toHaveProperty('change');
    expect(approved.context.milestones.find((m) => m.id === 'product')!.dueAt).toBe('2016-12-31T23:59:59+07:00');
  });

  it('moves the due date and changes the content in one approval', () => {
    const s = asked();
    const checked = taskProcess.check(
      s,
      {
        type: 'APPROVE_CHANGE',
        ...taskActors.authority,
        dueAt: '2017-12-31T23:59:59+07:00',
        facts: { content: 'Xây dựng và ban hành Chiến lược' },
      },
      at,
    );
    if (!checked.success) throw new Error(checked.error);
    const [approved] = taskProcess.apply(s, checked.data);
    expect(approved.context.history.at(-1)).toMatchObject({
      change: { milestone: 'product', before: '2016-12-31T23:59:59+07:00', after: '2017-12-31T23:59:59+07:00' },
      changed: [{ fact: 'content', before: 'Xây dựng Chiến lược', after: 'Xây dựng và ban hành Chiến lược' }],
    });
  });

  it('refuses an approval that changes nothing, a fact it may not change, or a due date in the past', () => {
    const s = asked();
    const check = (more: Record<string, unknown>) =>
      taskProcess.check(s, { type: 'APPROVE_CHANGE', ...taskActors.authority, ...more }, at);
    expect(check({})).toMatchObject({
      success: false,
      error: expect.stringContaining('content, product, time (facts)'),
    });
    expect(check({ facts: { lead: 'bo-tu-phap' } })).toMatchObject({
      success: false,
      error: 'APPROVE_CHANGE may change only content, product, time; got lead',
    });
    expect(check({ dueAt: '2014-01-01T00:00:00+07:00', facts: { time: '2014' } })).toMatchObject({
      success: false,
      error: expect.stringContaining('in the future'),
    });
  });

  it('refuses facts on a decision that changes none, and a task of version 2 takes none', () => {
    const [s] = startTask(undefined, input);
    expect(taskProcess.check(s, { type: 'SUBMIT', ...taskActors.lead, facts: { content: 'x' } }, at)).toMatchObject({
      success: false,
      error: 'SUBMIT changes no facts here: send it without facts',
    });
    const v2 = createProcess(taskV2);
    const context = parseStartInput(v2.definition, input, '2014-06-20T09:00:00+07:00', taskCalendar);
    if (!context.success) throw new Error(context.error);
    const [started] = v2.start(context.data);
    const [changing] = v2.apply(started, {
      type: 'REQUEST_CHANGE',
      ...taskActors.lead,
      onBehalfOf: null,
      comment: null,
      at: '2014-07-01T09:00:00+07:00',
    });
    expect(
      v2.check(changing, { type: 'APPROVE_CHANGE', ...taskActors.authority, facts: { content: 'x' } }, at),
    ).toMatchObject({ success: false, error: 'APPROVE_CHANGE changes no facts here: send it without facts' });
  });

  it("takes a decision's facts as text of bounded size, naming what was expected otherwise", () => {
    const base = { type: 'APPROVE_CHANGE', actor: 'pham.minh' };
    expect(parseDecision({ ...base, facts: { content: 'Nội dung mới' } }).success).toBe(true);
    for (const facts of [{}, { content: 3 }, { content: 'x'.repeat(4001) }, ['content'], { 'Bad Key': 'x' }])
      expect(parseDecision({ ...base, facts })).toMatchObject({
        success: false,
        error: expect.stringContaining('expected from 1 to 20 facts, each a fact id with its new text'),
      });
  });
});
