import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { getAdjacencyMap, getShortestPaths, toDirectedGraph } from 'xstate/graph';
import type { ProcessSnapshot } from '../../machines/compile.js';
import type { reviewPipeline } from '../../machines/definitions/review-pipeline.definition.js';
import type { DecisionsOf } from '../../machines/process.js';
import type { ProcessEvent } from '../../machines/process.types.js';
import { actors, pipeline, startExample } from '../../test-support/review-pipeline.js';

/** An event of the review pipeline: its own decisions, a supervisor's, the driver's. */
type PipelineEvent = ProcessEvent<DecisionsOf<typeof reviewPipeline>>;
const supervision = ['MARK_MILESTONE', 'EXTEND', 'REASSIGN'];

const machine = pipeline.machine as unknown as AnyStateMachine;
const at = '2027-12-01T00:00:00+07:00';
// Deadlines are fed long after every due instant, so that every rung is due whenever it is armed.
const late = '2030-01-01T00:00:00+07:00';
const [initial] = startExample();

/** Every event the pipeline can be sent at a state, with an actor of the role that acts there. */
function eventsAt(snapshot: ProcessSnapshot): PipelineEvent[] {
  const view = pipeline.view(snapshot);
  if (!view.awaiting) return [];
  const { actor } = actors[view.awaiting.role as keyof typeof actors];
  const by = { at, actor, onBehalfOf: null, comment: null };
  // view.allowed lists the stage's decisions by name, read at run time.
  const decisions = view.allowed
    .filter((type) => !supervision.includes(type))
    .map((type): PipelineEvent => ({ ...by, type: type as DecisionsOf<typeof reviewPipeline> }));
  const milestones = view.milestones.map((m) => m.id);
  const rungs = pipeline.definition.milestones.flatMap((m) =>
    m.escalation.map((r): PipelineEvent => ({ type: 'DEADLINE_REACHED', milestone: m.id, rung: r.id, at: late })),
  );
  return [
    ...decisions,
    { ...by, type: 'REASSIGN', assignee: actor },
    ...milestones.map((milestone): PipelineEvent => ({
      ...by,
      type: 'MARK_MILESTONE',
      milestone,
      actor: actors.secretariat.actor,
    })),
    ...milestones.map((milestone): PipelineEvent => ({ type: 'DEADLINE_REACHED', milestone, at: late })),
    ...rungs,
  ];
}

// The stage, the pending revision and the milestone statuses make a state; history and draft numbers grow without bound.
const serializeState = (s: ProcessSnapshot) =>
  JSON.stringify([s.value, s.context.returnTo, s.context.milestones.map((m) => m.status)]);
const options = { fromState: initial, events: eventsAt, serializeState } as never;

describe('review-pipeline generated paths', () => {
  const paths = getShortestPaths(machine, options) as unknown as Array<{
    state: ProcessSnapshot;
    steps: Array<{ event: PipelineEvent | { type: 'xstate.init' }; state: ProcessSnapshot }>;
  }>;

  // Every vertex of the generated graph with the events it takes and where they lead.
  const adjacency = getAdjacencyMap(machine, options) as unknown as Record<
    string,
    { state: ProcessSnapshot; transitions: Record<string, { event: PipelineEvent; state: ProcessSnapshot }> }
  >;

  it('reaches every stage and every outcome', () => {
    const reached = new Set(paths.map((p) => p.state.value as string));
    const declared = [...Object.keys(pipeline.definition.stages), ...Object.keys(pipeline.definition.outcomes)];
    expect([...reached].sort()).toEqual(declared.sort());
  });

  it('takes every transition of the machine', () => {
    const taken = new Set<string>();
    for (const vertex of Object.values(adjacency)) {
      const from = vertex.state.value as string;
      for (const { event, state } of Object.values(vertex.transitions)) {
        const to = state.value as string;
        if (from !== to) taken.add(`${from} -${event.type}-> ${to}`);
      }
    }
    const declared = new Set<string>();
    for (const node of toDirectedGraph(machine).children) {
      for (const edge of node.edges) {
        const [from, to] = [edge.source.key, edge.target.key];
        if (from !== to) declared.add(`${from} -${edge.label.text}-> ${to}`);
      }
    }
    expect(declared.size).toBeGreaterThan(20);
    expect([...declared].filter((t) => !taken.has(t))).toEqual([]);
  });

  it('fires every rung of every escalation ladder on some generated transition', () => {
    const fired = new Set<string>();
    for (const vertex of Object.values(adjacency)) {
      for (const { event, state } of Object.values(vertex.transitions)) {
        if (event.type !== 'DEADLINE_REACHED' || !event.rung) continue;
        const rung = state.context.milestones
          .find((m) => m.id === event.milestone)!
          .rungs.find((r) => r.id === event.rung);
        if (rung?.firedAt === late) fired.add(`${event.milestone}/${event.rung}`);
      }
    }
    const declared = pipeline.definition.milestones.flatMap((m) => m.escalation.map((r) => `${m.id}/${r.id}`));
    expect(declared.length).toBeGreaterThan(10);
    expect(declared.filter((r) => !fired.has(r))).toEqual([]);
  });

  it('replays every generated path with every decision recorded from where it was to where it went', () => {
    for (const path of paths) {
      let snapshot = initial;
      for (const step of path.steps) {
        if (step.event.type === 'xstate.init') continue;
        const before = snapshot.value as string;
        [snapshot] = pipeline.apply(snapshot, step.event);
        const last = snapshot.context.history.at(-1);
        if ('actor' in step.event) {
          expect(last).toMatchObject({
            event: step.event.type,
            from: before,
            to: snapshot.value,
            actor: step.event.actor,
          });
        }
      }
      expect(snapshot.value).toEqual(path.state.value);
      const decisions = path.steps.filter((s) => !['DEADLINE_REACHED', 'xstate.init'].includes(s.event.type)).length;
      expect(snapshot.context.history).toHaveLength(decisions);
    }
  });

  it('ends every path into a final state with the status its outcome declares and nobody awaited', () => {
    const finals = paths.filter((p) => p.state.status === 'done');
    expect([...new Set(finals.map((p) => p.state.value as string))].sort()).toEqual([
      'completed',
      'rejected',
      'withdrawn',
    ]);
    for (const path of finals) {
      const view = pipeline.view(path.state);
      expect(view.status).toBe(pipeline.definition.outcomes[view.state]!.status);
      expect(view.awaiting).toBeNull();
    }
  });
});
