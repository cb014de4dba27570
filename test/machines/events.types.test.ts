// A types test: each `@ts-expect-error` below must meet a compile error, or `npm run typecheck` (tsc over test/,
// part of `npm test`) fails with "Unused '@ts-expect-error' directive". The runtime checks show why it matters:
// the machine silently ignores an event it does not know.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ProcessAction, ProcessGuard } from '../../machines/compile.js';
import type { delegation } from '../../machines/definitions/delegation.definition.js';
import type { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import type { DecisionsOf } from '../../machines/process.js';
import type { ProcessEvent } from '../../machines/process.types.js';
import { actors, pipeline, startExample } from '../../test-support/review-pipeline.js';

const at = '2027-09-02T08:00:00+07:00';
const by = { at, ...actors.secretariat, onBehalfOf: null, comment: null };

describe('process events are a discriminated union', () => {
  it('spells out a definition’s decision names from its type, and falls back to string when unknown', () => {
    expectTypeOf<DecisionsOf<typeof reviewPipeline>>().toEqualTypeOf<
      'SUBMIT' | 'APPROVE' | 'REQUEST_REVISION' | 'REJECT' | 'WITHDRAW'
    >();
    expectTypeOf<DecisionsOf<typeof delegation>>().not.toEqualTypeOf<string>();
    expectTypeOf<DecisionsOf<{ stages: Record<string, { on: Record<string, string> }> }>>().toEqualTypeOf<string>();
  });

  it('refuses a misspelt driver event at compile time, which the machine would ignore at run time', () => {
    const [s] = startExample();
    // @ts-expect-error: DEADLINE_REACHD is no event
    const [next, effects] = pipeline.apply(s, { type: 'DEADLINE_REACHD', milestone: 'pmSubmission', at });
    expect(next.context).toEqual(s.context);
    expect(effects).toEqual([]);
  });

  it('refuses a decision the definition does not name', () => {
    const [s] = startExample();
    // @ts-expect-error: the review pipeline has SUBMIT, not SUMBIT
    const [next] = pipeline.apply(s, { type: 'SUMBIT', ...by });
    expect(next.value).toBe('drafting');
    const [submitted] = pipeline.apply(s, { type: 'SUBMIT', ...by });
    expect(submitted.value).toBe('pmReview');
  });

  it('refuses an event without the fields its type needs', () => {
    const [s] = startExample();
    // @ts-expect-error: DEADLINE_REACHED names its milestone
    pipeline.apply(s, { type: 'DEADLINE_REACHED', at });
    // @ts-expect-error: EXTEND carries the new due instant
    pipeline.apply(s, { type: 'EXTEND', ...by, milestone: 'pmSubmission' });
    // @ts-expect-error: REASSIGN names the user now awaited
    pipeline.apply(s, { type: 'REASSIGN', ...by });
    // @ts-expect-error: ESCALATION_DELIVERED carries the delivery
    pipeline.apply(s, { type: 'ESCALATION_DELIVERED', at });
    // @ts-expect-error: a decision names its actor
    pipeline.apply(s, { type: 'SUBMIT', at, onBehalfOf: null, comment: null });
    expect(s.value).toBe('drafting');
  });

  it('narrows on the event name', () => {
    const name = (event: ProcessEvent<DecisionsOf<typeof reviewPipeline>>): string => {
      switch (event.type) {
        case 'EXTEND':
          expectTypeOf(event.dueAt).toBeString();
          return `${event.milestone} → ${event.dueAt}`;
        case 'DEADLINE_REACHED':
          expectTypeOf(event.rung).toEqualTypeOf<string | undefined>();
          return event.milestone;
        case 'ESCALATION_DELIVERED':
          return event.delivery.rung;
        case 'REASSIGN':
          return event.assignee;
        default:
          return event.actor;
      }
    };
    expect(name({ type: 'EXTEND', ...by, milestone: 'pmApproval', dueAt: '2027-10-01T00:00:00+07:00' })).toBe(
      'pmApproval → 2027-10-01T00:00:00+07:00',
    );
    expect(name({ type: 'APPROVE', ...by })).toBe('nguyen.thu');
  });
});

describe('actions and guards are named from a closed list', () => {
  it('refuses a misspelt action or guard, or params of the wrong shape', () => {
    const actions: ProcessAction[] = [
      { type: 'recordDecision', params: { from: 'drafting', to: 'pmReview' } },
      { type: 'clearAssignee' },
      // @ts-expect-error: recordDecison is no action
      { type: 'recordDecison', params: { from: 'drafting', to: 'pmReview' } },
      // @ts-expect-error: armClock takes the milestone, not a stage
      { type: 'armClock', params: { stage: 'drafting' } },
      // @ts-expect-error: finishRevision takes no params
      { type: 'finishRevision', params: { from: 'drafting' } },
    ];
    const guards: ProcessGuard[] = [
      { type: 'isReturningTo', params: { stage: 'pmReview' } },
      // @ts-expect-error: isMilestoneDew is no guard
      { type: 'isMilestoneDew', params: { milestone: 'pmApproval' } },
    ];
    expect(actions.map((a) => a.type)).toContain('recordDecision');
    expect(guards).toHaveLength(2);
  });
});
