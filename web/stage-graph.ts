import type { ProcessMachine } from '../machines/compile.js';
import type { ProcessDefinition } from '../machines/definition.schema.js';
import { stageEdges, type StageEdge } from '../machines/diagram.js';

/** A stage or outcome placed on the diagram: its row (from the start) and its place in the row. */
export interface PlacedNode {
  id: string;
  outcome: boolean;
  row: number;
  x: number;
  y: number;
  width: number;
}

/** A transition as drawn: straight to the next row, or along a lane at the left (forward) or right (back). */
export interface PlacedEdge extends StageEdge {
  kind: 'next' | 'forward' | 'back';
  lane: number;
  taken: boolean;
}

export const DIAGRAM = { width: 640, nodeHeight: 40, rowGap: 36, top: 16, columnWidth: 240, laneGap: 10 } as const;

/**
 * Places the stages in rows, each below every stage that leads to it in the definition's order (a longest path, so
 * a resubmission that skips stages does not flatten the chain), the outcomes in the last row; and each transition as
 * drawn: to the next row straight, further down along a left lane, back up along a right lane, one lane for each
 * stage such transitions reach. A transition the history took is marked (pure).
 */
export function placeStages(
  definition: ProcessDefinition,
  edges: StageEdge[],
  taken: ReadonlyArray<{ from: string; to: string }>,
): { nodes: PlacedNode[]; edges: PlacedEdge[]; height: number } {
  const stages = Object.keys(definition.stages);
  const outcomes = Object.keys(definition.outcomes);
  const order = (id: string) => stages.indexOf(id);
  const row = new Map<string, number>();
  for (const id of stages) {
    const before = edges.filter((e) => e.to === id && order(e.from) >= 0 && order(e.from) < order(id));
    row.set(id, Math.max(0, ...before.map((e) => (row.get(e.from) ?? 0) + 1)));
  }
  const last = Math.max(0, ...row.values());
  for (const id of outcomes) row.set(id, last + 1);

  const kindOf = (edge: StageEdge): PlacedEdge['kind'] => {
    const step = row.get(edge.to)! - row.get(edge.from)!;
    return step === 1 ? 'next' : step > 1 ? 'forward' : 'back';
  };
  const laneTargets = (kind: PlacedEdge['kind']) => [
    ...new Set(edges.filter((e) => kindOf(e) === kind).map((e) => e.to)),
  ];
  const forward = laneTargets('forward');
  const back = laneTargets('back');
  const { width, nodeHeight, rowGap, top, columnWidth, laneGap } = DIAGRAM;
  const left = 20 + forward.length * laneGap;
  const right = width - 20 - back.length * laneGap - 100;
  const nodes: PlacedNode[] = [];
  for (let r = 0; r <= last + 1; r += 1) {
    const inRow = [...stages, ...outcomes].filter((id) => row.get(id) === r);
    // Outcomes take the whole width: no lane runs beside them.
    const [from, to] = r === last + 1 ? [20, width - 20] : [left, right];
    const slot = Math.min(columnWidth, (to - from) / inRow.length);
    const start = from + (to - from - slot * inRow.length) / 2;
    inRow.forEach((id, i) =>
      nodes.push({
        id,
        outcome: outcomes.includes(id),
        row: r,
        x: start + i * slot + (inRow.length === 1 ? 0 : 4),
        y: top + r * (nodeHeight + rowGap),
        width: inRow.length === 1 ? slot : slot - 8,
      }),
    );
  }
  const placed = edges.map((edge): PlacedEdge => {
    const kind = kindOf(edge);
    const lane = kind === 'forward' ? forward.indexOf(edge.to) : kind === 'back' ? back.indexOf(edge.to) : 0;
    return { ...edge, kind, lane, taken: taken.some((t) => t.from === edge.from && t.to === edge.to) };
  });
  return { nodes, edges: placed, height: top * 2 + (last + 2) * (nodeHeight + rowGap) - rowGap };
}

const edgesByMachine = new WeakMap<object, StageEdge[]>();

/** The diagram of a compiled process for a dossier's history: its transitions read once per machine. */
export function diagramOf(
  compiled: { machine: ProcessMachine; definition: ProcessDefinition },
  history: ReadonlyArray<{ from: string; to: string }>,
): ReturnType<typeof placeStages> {
  let edges = edgesByMachine.get(compiled.machine);
  if (!edges) edgesByMachine.set(compiled.machine, (edges = stageEdges(compiled.machine)));
  return placeStages(compiled.definition, edges, history);
}
