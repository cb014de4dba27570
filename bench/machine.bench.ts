import { createMachine, initialTransition, transition } from 'xstate';
import { bench, describe } from 'vitest';
import { actors, pipeline, startExample } from '../test-support/review-pipeline.js';

// The same walk through five stages: on the compiled review pipeline (with role checks, history, milestones
// and ladders) and on a hand-written five-state machine that does nothing else: the baseline of the ratio.
const baseline = createMachine({
  initial: 'a',
  states: {
    a: { on: { NEXT: 'b' } },
    b: { on: { NEXT: 'c' } },
    c: { on: { NEXT: 'd' } },
    d: { on: { NEXT: 'e' } },
    e: { on: { NEXT: 'f' } },
    f: { type: 'final' },
  },
});
const walk = [
  { type: 'SUBMIT', ...actors.secretariat },
  { type: 'APPROVE', ...actors.pm },
  { type: 'APPROVE', ...actors['standing-government'] },
  { type: 'APPROVE', ...actors['party-committee'] },
  { type: 'APPROVE', ...actors.politburo },
];

describe('one dossier from drafting to completed', () => {
  bench('baseline: hand-written five-state XState machine', () => {
    let [s] = initialTransition(baseline);
    for (let i = 0; i < 5; i += 1) [s] = transition(baseline, s, { type: 'NEXT' });
  });

  bench('compiled review pipeline: check + apply each decision', () => {
    let [s] = startExample();
    for (const decision of walk) {
      const checked = pipeline.check(s, decision, '2027-09-02T08:00:00+07:00');
      if (!checked.success) throw new Error(checked.error);
      [s] = pipeline.apply(s, checked.data);
    }
  });
});
