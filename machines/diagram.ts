import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import type { ProcessMachine } from './compile.js';
import type { Condition, ProcessDefinition } from './definition.schema.js';

const local = (id: string) => id.split('.').slice(1).join('.');

function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return c.any.map(describeCondition).join(' or ');
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('equals' in c) return `${c.fact} = ${JSON.stringify(c.equals)}`;
  if ('in' in c) return `${c.fact} in ${c.in.map((v) => JSON.stringify(v)).join('|')}`;
  return `${c.fact} ${c.exists ? 'given' : 'missing'}`;
}

function describeGuard(guard: unknown): string {
  if (!guard || typeof guard !== 'object') return '';
  const { type, params } = guard as { type: string; params?: Record<string, unknown> };
  if (type === 'isReturningTo') return ` [revision from ${String(params?.stage)}]`;
  if (type === 'isMoveValid') return ` [moves ${String(params?.milestone)} to the new due date]`;
  if (type === 'isChangeValid') return ` [moves ${String(params?.milestone)} or changes the facts it may]`;
  if (type === 'isConditionMet') return ` [${describeCondition(params?.condition as Condition)}]`;
  return ` [${type}]`;
}

/** A transition between two stages of a process, with every event that takes it. */
export interface StageEdge {
  from: string;
  to: string;
  events: string[];
}

/**
 * The transitions between stages of a compiled process, read from the machine itself (as `duyet diagram` does):
 * each pair of stages once with the events that take it; a decision that keeps the stage (a report, an extension) is
 * no transition (pure).
 */
export function stageEdges(machine: ProcessMachine): StageEdge[] {
  const graph = toDirectedGraph(machine as unknown as AnyStateMachine);
  const edges = new Map<string, StageEdge>();
  for (const node of graph.children)
    for (const edge of node.edges) {
      if (edge.source === edge.target) continue;
      const [from, to] = [local(edge.source.id), local(edge.target.id)];
      const found = edges.get(`${from}>${to}`) ?? { from, to, events: [] };
      if (!found.events.includes(edge.label.text)) found.events.push(edge.label.text);
      edges.set(`${from}>${to}`, found);
    }
  return [...edges.values()];
}

/** The recurring milestones of a definition as the diagram notes them (pure). */
export const recurringIn = (definition: ProcessDefinition) =>
  definition.milestones.flatMap((m) =>
    m.recurs ? [{ id: m.id, every: m.recurs.every, report: m.recurs.report.event }] : [],
  );

/** Mermaid `stateDiagram-v2` text for a compiled process, generated from the machine itself; pure. */
export function toMermaid(
  machine: ProcessMachine,
  recurring: Array<{ id: string; every: string; report: string }> = [],
): string {
  const graph = toDirectedGraph(machine as unknown as AnyStateMachine);
  const lines = ['stateDiagram-v2', `  [*] --> ${String(machine.config.initial)}`];
  const selfEvents = new Set<string>();
  for (const node of graph.children) {
    const meta = node.stateNode.meta as { role?: string; status?: string; title?: { vi: string } } | undefined;
    const name = local(node.id);
    const who = meta?.role ? ` (${meta.role})` : meta?.status ? ` (${meta.status})` : '';
    if (meta?.title) lines.push(`  ${name}: ${name} · ${meta.title.vi}${who}`);
    for (const edge of node.edges) {
      if (edge.source === edge.target) {
        selfEvents.add(edge.label.text);
        continue;
      }
      lines.push(
        `  ${local(edge.source.id)} --> ${local(edge.target.id)}: ${edge.label.text}${describeGuard(edge.transition.guard)}`,
      );
    }
    if (node.stateNode.type === 'final') lines.push(`  ${name} --> [*]`);
  }
  const ladders = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const guard = edge.transition.guard as
      | { type?: string; params?: { milestone: string; rung: string; offset: number; to: string; channels: string[] } }
      | undefined;
    if ((guard?.type !== 'isRungDue' && guard?.type !== 'isOccurrenceRungDue') || !guard.params) continue;
    const { milestone, rung, offset, to, channels } = guard.params;
    const when = offset === 0 ? 'at due' : `${offset > 0 ? '+' : ''}${offset} working days`;
    const target = edge.target === edge.source ? '' : ` then ${local(edge.target.id)}`;
    ladders.set(milestone, [
      ...(ladders.get(milestone) ?? []),
      `${rung} ${when} → ${to} (${channels.join(', ')})${target}`,
    ]);
  }
  if (selfEvents.size > 0) {
    lines.push(
      `  note right of ${String(machine.config.initial)}: at every stage ${[...selfEvents].join(', ')} act on milestones`,
    );
  }
  for (const node of graph.children) {
    const milestone = (node.stateNode.meta as { milestone?: string | null } | undefined)?.milestone;
    const ladder = milestone ? ladders.get(milestone) : undefined;
    if (ladder) lines.push(`  note left of ${local(node.id)}: DEADLINE_REACHED ${milestone} — ${ladder.join(' · ')}`);
  }
  for (const { id, every, report } of recurring) {
    const ladder = ladders.get(id) ?? [];
    lines.push(
      `  note right of ${String(machine.config.initial)}: ${id} recurs every ${every}, ${report} closes one occurrence${ladder.length > 0 ? ` — ${ladder.join(' · ')}` : ''}`,
    );
  }
  return lines.join('\n') + '\n';
}
