import { describe, expect, it } from 'vitest';
import { recurringIn, toMermaid } from '../../machines/diagram.js';
import { pipeline } from '../../test-support/review-pipeline.js';
import { taskProcess } from '../../test-support/task.js';

describe('Mermaid diagram', () => {
  const text = toMermaid(pipeline.machine);
  const lines = text.split('\n');

  it('is a stateDiagram-v2 starting at the initial stage and ending at every outcome', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toContain('  [*] --> drafting');
    for (const outcome of Object.keys(pipeline.definition.outcomes)) expect(lines).toContain(`  ${outcome} --> [*]`);
  });

  it('draws every decision of the definition as an edge, and the revision returns as guarded edges', () => {
    for (const [stage, { on }] of Object.entries(pipeline.definition.stages)) {
      for (const [event, decision] of Object.entries(on)) {
        const targets = 'revise' in decision ? ['drafting'] : decision.map((b) => b.to);
        for (const to of targets) expect(lines, `${stage} ${event}`).toContain(`  ${stage} --> ${to}: ${event}`);
      }
      expect(lines).toContain(`  ${stage} --> withdrawn: WITHDRAW`);
    }
    expect(lines).toContain('  drafting --> politburo: SUBMIT [revision from politburo]');
  });
});

describe('Mermaid diagram of the task process', () => {
  const lines = toMermaid(taskProcess.machine, recurringIn(taskProcess.definition)).split('\n');

  it('draws the change request, its approval moving the due date or changing the task, and the product returned for revision', () => {
    expect(lines).toContain('  working --> changeReview: REQUEST_CHANGE');
    expect(lines).toContain('  changeReview --> working: APPROVE_CHANGE [moves product or changes the facts it may]');
    expect(lines).toContain('  authorityReview --> working: RETURN');
  });

  it('notes the yearly progress report, the decision that closes one occurrence, and its ladder', () => {
    expect(lines).toContain(
      '  note right of working: progressReport recurs every year, REPORT_PROGRESS closes one occurrence — lead -3 working days → focal-point (email) · supervisor at due → supervisor (email, webhook) · authority +5 working days → authority (email, webhook)',
    );
    expect(lines.find((l) => l.includes('at every stage'))).toContain('REPORT_PROGRESS');
    expect(lines.find((l) => l.includes('at every stage'))).toContain('CONTRIBUTE');
  });
});
