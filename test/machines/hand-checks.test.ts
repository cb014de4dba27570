import { describe, expect, it } from 'vitest';
import { parseDecision } from '../../machines/decision.js';
import { delegation } from '../../machines/definitions/delegation.definition.js';
import { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import { programme } from '../../machines/definitions/programme.definition.js';
import { task } from '../../machines/definitions/task.definition.js';
import { ProcessDefinition } from '../../machines/definition.schema.js';
import { loadDefinition, normalizeDefinition } from '../../machines/definition.js';
import { StartInput } from '../../machines/input.schema.js';
import { checkStartInput } from '../../machines/start-context.js';
import { exampleInput } from '../../test-support/review-pipeline.js';

// The workflow checks definitions, inputs and decisions by hand; the faces check them with the zod schemas.
describe('the checks the workflow runs without zod', () => {
  it('normalize every shipped definition to what the schema parses it to', () => {
    for (const definition of [reviewPipeline, delegation, task, programme]) {
      const parsed = ProcessDefinition.parse(definition);
      expect(normalizeDefinition(definition)).toEqual(parsed);
      expect(normalizeDefinition(parsed)).toEqual(parsed);
    }
  });

  it('refuse a definition whose parts do not meet, naming the part', () => {
    const broken = { ...reviewPipeline, initial: 'nowhere' };
    expect(() => loadDefinition(broken)).toThrow('initial stage "nowhere" is not one of the stages');
  });

  it('take the example start input as the schema does, trimming text and filling defaults', () => {
    const padded = { ...(exampleInput as Record<string, unknown>), subject: '  Báo cáo  ' };
    expect(checkStartInput(padded)).toEqual({ success: true, data: StartInput.parse(padded) });
    expect(checkStartInput({ subject: 'x' })).toEqual({ success: true, data: StartInput.parse({ subject: 'x' }) });
  });

  it.each([
    [{ subject: ' ' }, 'subject'],
    [{ subject: 'x', extra: 1 }, 'unrecognized key: "extra"'],
    [{ subject: 'x', milestones: { pmApproval: '30/09/2027' } }, 'milestones.pmApproval'],
    [{ subject: 'x', documents: [{ kind: 'report' }] }, 'documents.0.title'],
    [{ subject: 'x', draftVersion: 0 }, 'draftVersion'],
  ])('refuse start input %j as the schema does, naming %s', (input, where) => {
    expect(StartInput.safeParse(input).success).toBe(false);
    const checked = checkStartInput(input);
    expect(checked.success).toBe(false);
    expect(checked.success ? '' : checked.error).toContain(where);
  });

  it('take a decision with its roles defaulted', () => {
    expect(parseDecision({ type: 'APPROVE', actor: 'pham.minh' })).toEqual({
      success: true,
      data: { type: 'APPROVE', actor: 'pham.minh', roles: [] },
    });
  });

  it.each([
    [{ type: 'approve', actor: 'a' }, 'type'],
    [{ type: 'APPROVE', actor: '' }, 'actor'],
    [{ type: 'EXTEND', actor: 'a', dueAt: 'tomorrow' }, 'dueAt'],
    [{ type: 'APPROVE', actor: 'a', as: 'b' }, 'unrecognized key: "as"'],
    [{ type: 'REASSIGN', actor: 'a', assignee: { id: 'b' } }, 'assignee'],
    ['APPROVE', 'expected an object'],
  ])('refuse decision %j, naming %s', (decision, where) => {
    const checked = parseDecision(decision);
    expect(checked.success).toBe(false);
    expect(checked.success ? '' : checked.error).toContain(where);
  });
});
