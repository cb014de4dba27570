import { describe, expect, it } from 'vitest';
import { createProcess } from '../../machines/create-process.js';
import { parseDecision } from '../../machines/decision.js';
import { programme } from '../../machines/definitions/programme.definition.js';
import { parseStartInput } from '../../machines/input.schema.js';
import { taskCalendar } from '../../test-support/task.js';

const programmeProcess = createProcess(programme);
const at = '2026-11-23T09:00:00+07:00';
const secretariat = { actor: 'nguyen.thu', roles: ['secretariat'] };
const task = (number: string) => ({ number, workflowId: `p.${number}`, dueAt: '2028-12-31T23:59:59+07:00' });

function startProgramme() {
  const context = parseStartInput(
    programmeProcess.definition,
    {
      subject: 'Chương trình thử',
      milestones: {
        programmeEnd: '2028-12-31T23:59:59+07:00',
        halfYearlyReview: at,
        quarterlyReview: at,
        monthlyReview: at,
      },
      facts: { tasks: [task('1.1')] },
    },
    at,
    taskCalendar,
  );
  if (!context.success) throw new Error(context.error);
  return programmeProcess.start(context.data)[0];
}

describe('a decision that adds entries to a fact list', () => {
  it("adds a programme's new tasks to its list, keeping what it added in the history, and skips one already there", () => {
    const decision = { type: 'ADD_TASKS', ...secretariat, entries: [task('1.1'), task('1.2')] };
    const checked = programmeProcess.check(startProgramme(), decision, at);
    if (!checked.success) throw new Error(checked.error);
    const [next] = programmeProcess.apply(startProgramme(), checked.data);
    expect(next.value).toBe('running');
    expect(next.context.facts.tasks).toEqual([task('1.1'), task('1.2')]);
    expect(next.context.history.at(-1)).toMatchObject({
      event: 'ADD_TASKS',
      actor: 'nguyen.thu',
      added: { fact: 'tasks', entries: [task('1.2')] },
    });
  });

  it('refuses it without entries, or from a role that does not keep the programme', () => {
    const none = programmeProcess.check(startProgramme(), { type: 'ADD_TASKS', ...secretariat }, at);
    expect(none).toMatchObject({ success: false, error: expect.stringContaining('give the entries to add (entries)') });
    const other = programmeProcess.check(
      startProgramme(),
      { type: 'ADD_TASKS', actor: 'x', roles: ['focal-point@bo-ngoai-giao'], entries: [task('1.2')] },
      at,
    );
    expect(other.success).toBe(false);
    expect(parseDecision({ type: 'ADD_TASKS', actor: 'x', entries: [] })).toMatchObject({
      success: false,
      error: expect.stringContaining('expected from 1 to 500 entries'),
    });
  });
});
