import { eventName, type Messages } from '../messages.js';
import { DIAGRAM, type PlacedEdge, type PlacedNode } from '../stage-graph.js';

/** The diagram's layout and what the page knows of the dossier: the current stage and those passed. */
export interface StageDiagramProps {
  m: Messages;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  height: number;
  state: string;
  visited: ReadonlySet<string>;
  titleOf: (id: string) => string;
}

/** A title in at most two lines of what a box of that width holds, about 6.5 pixels a letter, 7.5 in bold (pure). */
export function linesOf(text: string, width: number, bold = false): string[] {
  const room = Math.max(4, Math.floor((width - 12) / (bold ? 7.5 : 6.5)));
  const lines: string[] = [''];
  for (const word of text.split(/\s+/u)) {
    const line = lines.at(-1)!;
    if (line === '' || `${line} ${word}`.length <= room)
      lines[lines.length - 1] = line === '' ? word : `${line} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= 2 && lines.every((l) => l.length <= room)) return lines;
  const second = lines.slice(1).join(' ');
  return [lines[0]!.slice(0, room), `${second.slice(0, room - 1)}…`];
}

const middle = (n: PlacedNode) => n.y + DIAGRAM.nodeHeight / 2;

/** The line of a transition: straight to the next row, or along its lane at the side (pure). */
function pathOf(edge: PlacedEdge, from: PlacedNode, to: PlacedNode, sides: { left: number; right: number }): string {
  const { nodeHeight, laneGap } = DIAGRAM;
  if (edge.kind === 'next') return `M${from.x + from.width / 2},${from.y + nodeHeight} L${to.x + to.width / 2},${to.y}`;
  if (edge.kind === 'back') {
    const lane = sides.right + 12 + edge.lane * laneGap;
    return `M${from.x + from.width},${middle(from)} H${lane} V${middle(to)} H${to.x + to.width}`;
  }
  const lane = sides.left - 12 - edge.lane * laneGap;
  if (!to.outcome) return `M${from.x},${middle(from)} H${lane} V${middle(to)} H${to.x}`;
  const approach = to.y - 8 - (edge.lane % 4) * 3;
  return `M${from.x},${middle(from)} H${lane} V${approach} H${to.x + to.width / 2} V${to.y}`;
}

/** A label of the diagram: where it stands, its lines, and whether a transition it names was taken. */
interface Label {
  x: number;
  y: number;
  lines: string[];
  anchor: 'start' | 'end';
  taken: boolean;
}

/**
 * Where the diagram names its transitions, each name once: below a stage for the transitions to the next row; at the
 * stage a lane reaches for the others, one line per event; above an outcome for what leads to it (pure).
 */
function labelsOf(props: StageDiagramProps, byId: Map<string, PlacedNode>): Label[] {
  const named = (events: string[]) => events.map((event) => eventName(props.m, event));
  const groups = new Map<string, { at: Omit<Label, 'lines' | 'taken'>; names: Set<string>; taken: boolean }>();
  const add = (key: string, at: Omit<Label, 'lines' | 'taken'>, edge: PlacedEdge) => {
    const group = groups.get(key) ?? { at, names: new Set<string>(), taken: false };
    for (const name of named(edge.events)) group.names.add(name);
    group.taken ||= edge.taken;
    groups.set(key, group);
  };
  for (const edge of props.edges) {
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    if (to.outcome) add(`to ${to.id}`, { x: to.x + to.width / 2 + 4, y: to.y - 4, anchor: 'start' }, edge);
    else if (edge.kind === 'next') {
      // Beside the first line of the transitions from a stage taken by the same events ("Thông qua" to each branch).
      const [x, y] = [(from.x + from.width / 2 + to.x + to.width / 2) / 2, (from.y + DIAGRAM.nodeHeight + to.y) / 2];
      add(`next ${from.id} ${edge.events.join(' ')}`, { x: x + 6, y: y + 4, anchor: 'start' }, edge);
    } else if (edge.kind === 'back')
      add(`back ${to.id}`, { x: to.x + to.width + 4, y: middle(to) - 4, anchor: 'start' }, edge);
    else add(`forward ${to.id}`, { x: to.x - 4, y: middle(to) - 4, anchor: 'end' }, edge);
  }
  return [...groups].map(([key, { at, names, taken }]) => {
    // An outcome named as its event is ("Không thông qua") needs no label.
    const outcome = key.startsWith('to ') ? props.titleOf(key.slice(3)) : undefined;
    const lines = [...names].filter((name) => name !== outcome);
    return { ...at, lines: key.startsWith('next ') || outcome ? [lines.join(' / ')] : lines, taken };
  });
}

/** The arrowheads of the transitions, grey and, for those taken, green. */
const Arrowheads = () => (
  <defs>
    {['plain', 'taken'].map((kind) => (
      <marker
        id={`arrow-${kind}`}
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerUnits="userSpaceOnUse"
        markerWidth="8"
        markerHeight="8"
        orient="auto"
      >
        <path d="M0,0 L10,5 L0,10 z" class={`arrow ${kind}`} />
      </marker>
    ))}
  </defs>
);

/** A stage or outcome as a box with its title over at most two lines, marked current or passed. */
function Box(props: { node: PlacedNode; title: string; state: 'current' | 'visited' | '' }) {
  const { node, state } = props;
  const lines = linesOf(`${state === 'visited' ? '✓ ' : ''}${props.title}`, node.width, state !== '');
  return (
    <g class={['node', node.outcome ? 'outcome' : '', state].filter(Boolean).join(' ')} data-stage={node.id}>
      <rect x={node.x} y={node.y} width={node.width} height={DIAGRAM.nodeHeight} rx={node.outcome ? 18 : 6} />
      <text x={node.x + node.width / 2} y={middle(node) + 4 - (lines.length - 1) * 7} text-anchor="middle">
        {lines.map((line, i) => (
          <tspan x={node.x + node.width / 2} dy={i === 0 ? 0 : 14}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

/**
 * The stage diagram generated from the process's machine: every stage and outcome as a box, every transition as an
 * arrow named by its events; the current stage highlighted, the stages passed and the transitions taken marked.
 */
export function StageDiagram(props: StageDiagramProps) {
  const { m, nodes, height } = props;
  const { width } = DIAGRAM;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const column = nodes.filter((n) => !n.outcome);
  const sides = {
    left: Math.min(...column.map((n) => n.x)),
    right: Math.max(...column.map((n) => n.x + n.width)),
  };
  // Taken transitions last, so the lines they share with others show as taken.
  const edges = [...props.edges].sort((a, b) => Number(a.taken) - Number(b.taken));
  const passed = nodes.filter((n) => props.visited.has(n.id) && n.id !== props.state).map((n) => props.titleOf(n.id));
  return (
    // Wider than a phone: it scrolls sideways within its frame, which the keyboard reaches too.
    <figure class="diagram" tabindex={0} aria-label={m.diagram}>
      <svg
        class="stage-diagram"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="stage-diagram-t stage-diagram-d"
      >
        <title id="stage-diagram-t">{m.diagram}</title>
        <desc id="stage-diagram-d">
          {`${m.currentStage}: ${props.titleOf(props.state)}.${passed.length > 0 ? ` ${m.visited}: ${passed.join(', ')}.` : ''}`}
        </desc>
        <Arrowheads />
        {edges.map((edge) => (
          <path
            class={edge.taken ? 'edge taken' : 'edge'}
            data-from={edge.from}
            data-to={edge.to}
            d={pathOf(edge, byId.get(edge.from)!, byId.get(edge.to)!, sides)}
            marker-end={`url(#arrow-${edge.taken ? 'taken' : 'plain'})`}
          />
        ))}
        {labelsOf(props, byId)
          .filter((label) => label.lines.some((line) => line !== ''))
          .map((label) => (
            <text class={label.taken ? 'label taken' : 'label'} x={label.x} y={label.y} text-anchor={label.anchor}>
              {label.lines.map((line, i) => (
                <tspan x={label.x} dy={i === 0 ? 0 : 13}>
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        {nodes.map((node) => (
          <Box
            node={node}
            title={props.titleOf(node.id)}
            state={node.id === props.state ? 'current' : props.visited.has(node.id) ? 'visited' : ''}
          />
        ))}
      </svg>
    </figure>
  );
}
