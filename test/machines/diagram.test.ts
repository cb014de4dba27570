import { describe, expect, it } from 'vitest';
import { toMermaid } from '../../machines/diagram.js';
import { pipeline } from '../../test-support/review-pipeline.js';

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
