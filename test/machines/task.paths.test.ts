import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { getAdjacencyMap, getShortestPaths, toDirectedGraph } from 'xstate/graph';
import type { ProcessSnapshot } from '../../machines/compile.js';
import type { ProcessEvent } from '../../machines/process.types.js';
import { startTask, taskActors, taskProcess } from '../../test-support/task.js';

const machine = taskProcess.machine as unknown as AnyStateMachine;
const at = '2014-07-01T09:00:00+07:00';
// Deadlines are fed long after every due instant, so that every rung is due whenever it is armed.
const late = '2030-01-01T00:00:00+07:00';
const [initial] = startTask();
const actorOf: Record<string, { actor: string }> = {
  'focal-point@bo-ngoai-giao': taskActors.lead,
  authority: taskActors.authority,
};

/** Every event the task can be sent at a state: its decisions, reports, a contribution, and every deadline. */
function eventsAt(snapshot: ProcessSnapshot): ProcessEvent[] {
  const view = taskProcess.view(snapshot);
  if (!view.awaiting) return [];
  const by = { at, onBehalfOf: null, comment: null };
  const decisions = ['SUBMIT', 'REQUEST_CHANGE', 'APPROVE_CHANGE', 'REFUSE_CHANGE', 'ACCEPT', 'RETURN', 'WITHDRAW'];
  const events: ProcessEvent[] = decisions
    .filter((type) => view.allowed.includes(type))
    .map((type) => ({
      ...by,
      type,
      actor: actorOf[view.awaiting!.role]?.actor ?? taskActors.authority.actor,
      ...(type === 'APPROVE_CHANGE' ? { dueAt: '2017-12-31T23:59:59+07:00' } : {}),
    }));
  const reports = view.milestones.filter((m) => m.occurrenceOf);
  for (const m of reports)
    events.push({ ...by, type: 'REPORT_PROGRESS', actor: taskActors.lead.actor, milestone: m.id });
  events.push({ ...by, type: 'CONTRIBUTE', actor: taskActors.coordinator.actor, unit: 'bo-cong-thuong' });
  for (const m of view.milestones) {
    events.push({ type: 'DEADLINE_REACHED', milestone: m.id, at: late });
    for (const r of m.rungs) events.push({ type: 'DEADLINE_REACHED', milestone: m.id, rung: r.id, at: late });
  }
  return events;
}

// The stage and each milestone's status and due date make a state; history grows without bound.
const serializeState = (s: ProcessSnapshot) =>
  JSON.stringify([s.value, s.context.returnTo, s.context.milestones.map((m) => [m.id, m.status, m.dueAt])]);
const options = { fromState: initial, events: eventsAt, serializeState } as never;

describe('task generated paths', () => {
  const paths = getShortestPaths(machine, options) as unknown as Array<{ state: ProcessSnapshot }>;
  const adjacency = getAdjacencyMap(machine, options) as unknown as Record<
    string,
    { state: ProcessSnapshot; transitions: Record<string, { event: ProcessEvent; state: ProcessSnapshot }> }
  >;

  it('reaches every stage and every outcome', () => {
    const reached = new Set(paths.map((p) => p.state.value as string));
    const declared = [...Object.keys(taskProcess.definition.stages), ...Object.keys(taskProcess.definition.outcomes)];
    expect([...reached].sort()).toEqual(declared.sort());
  });

  it('takes every transition of the machine', () => {
    const taken = new Set<string>();
    for (const vertex of Object.values(adjacency)) {
      for (const { event, state } of Object.values(vertex.transitions)) {
        if (vertex.state.value !== state.value)
          taken.add(`${String(vertex.state.value)} -${event.type}-> ${String(state.value)}`);
      }
    }
    const declared = new Set<string>();
    for (const node of toDirectedGraph(machine).children)
      for (const edge of node.edges)
        if (edge.source.key !== edge.target.key)
          declared.add(`${edge.source.key} -${edge.label.text}-> ${edge.target.key}`);
    expect(declared.size).toBeGreaterThan(6);
    expect([...declared].filter((t) => !taken.has(t))).toEqual([]);
  });

  it('misses, escalates and closes each occurrence of the progress report on its own', () => {
    const seen = new Set<string>();
    for (const vertex of Object.values(adjacency)) {
      for (const { event, state } of Object.values(vertex.transitions)) {
        if (!('milestone' in event) || !event.milestone?.includes('@')) continue;
        const before = vertex.state.context.milestones;
        const after = state.context.milestones;
        const changed = after.filter((m, i) => JSON.stringify(m) !== JSON.stringify(before[i])).map((m) => m.id);
        if (changed.length === 0) continue;
        // Only the occurrence the event names changes.
        expect(changed).toEqual([event.milestone]);
        const m = after.find((x) => x.id === event.milestone)!;
        if (event.type === 'REPORT_PROGRESS') seen.add(`${m.id} reported`);
        else if ('rung' in event && event.rung) seen.add(`${m.id}/${event.rung}`);
        else seen.add(`${m.id} missed`);
      }
    }
    for (const year of ['2014', '2015'])
      for (const what of ['reported', 'missed', '/lead', '/supervisor', '/authority'])
        expect(seen).toContain(`progressReport@${year}${what.startsWith('/') ? what : ` ${what}`}`);
  });
});
