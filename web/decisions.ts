import type { ProcessDefinition } from '../machines/definition.schema.js';

/** A decision the signed-in user may take now, as its form needs it. */
export interface DecisionOption {
  event: string;
  /** The role this user records it for (a collective body), or null when the user's own role acts. */
  onBehalfOf: string | null;
  /** Ends the process (REJECT, WITHDRAW, the last APPROVE): the form asks for a confirmation. */
  final: boolean;
  kind: 'plain' | 'extend' | 'reassign' | 'change';
  /** A change (kind 'change'): the milestone it may move, or null. */
  moves?: string | null;
  /** A change (kind 'change'): the facts it may give new values, as text. */
  sets?: string[];
}

/** What a decision's branches may change: the milestone one moves and the facts one sets (pure). */
function changeOf(to: unknown): Pick<DecisionOption, 'kind' | 'moves' | 'sets'> {
  const branches = Array.isArray(to) ? (to as Array<{ moves?: string; sets?: string[] }>) : [];
  const moves = branches.find((b) => b.moves)?.moves ?? null;
  const sets = branches.find((b) => b.sets)?.sets ?? [];
  return moves || sets.length > 0 ? { kind: 'change', moves, sets } : { kind: 'plain' };
}

const EXTEND = 'EXTEND';
const REASSIGN = 'REASSIGN';

/** Whether an event taken at a stage leads straight to an outcome (pure). */
function endsProcess(definition: ProcessDefinition, to: unknown): boolean {
  if (!Array.isArray(to)) return false;
  return to.every((branch: { to?: string }) => branch.to !== undefined && branch.to in definition.outcomes);
}

/**
 * The decisions a user's roles let them take at a running dossier's stage: the stage's own decisions (by its role,
 * or recorded on its behalf), decisions taken at any stage, and a supervisor's EXTEND and REASSIGN (pure). The API
 * judges again when the form is sent.
 */
export function decisionsFor(
  definition: ProcessDefinition,
  view: { status: string; state: string; allowed: string[] },
  roles: readonly string[],
): DecisionOption[] {
  if (view.status !== 'running') return [];
  const stage = definition.stages[view.state];
  if (!stage) return [];
  const options: DecisionOption[] = [];
  const allowed = new Set(view.allowed);
  for (const [event, to] of Object.entries(stage.on)) {
    if (allowed.size > 0 && !allowed.has(event)) continue;
    const final = endsProcess(definition, to);
    if (roles.includes(stage.role)) options.push({ event, onBehalfOf: null, final, ...changeOf(to) });
    else if (stage.recordedBy.some((r) => roles.includes(r)))
      options.push({ event, onBehalfOf: stage.role, final, ...changeOf(to) });
  }
  for (const [event, anytime] of Object.entries(definition.anytime)) {
    if (roles.includes(anytime.role) && !options.some((o) => o.event === event))
      options.push({ event, onBehalfOf: null, final: anytime.to in definition.outcomes, kind: 'plain' });
  }
  if (definition.supervisorRole && roles.includes(definition.supervisorRole)) {
    options.push({ event: EXTEND, onBehalfOf: null, final: false, kind: 'extend' });
    options.push({ event: REASSIGN, onBehalfOf: null, final: false, kind: 'reassign' });
  }
  return options;
}

/** The stages of a definition in order along the main line, then its outcomes (pure). */
export function stageOrder(definition: ProcessDefinition): string[] {
  return [...Object.keys(definition.stages), ...Object.keys(definition.outcomes)];
}
