import { createActor } from 'xstate';
import type { ActionParams, EscalateParams, ProcessMachine, ProcessSnapshot } from './compile.js';
import type { ProcessEvent } from './process.types.js';

/** An effect the driver must carry out, taken from the actions transition() returned. */
export type ProcessEffect =
  { type: 'notify'; stage: string; to: string; template: string } | ({ type: 'escalate' } & EscalateParams);

/** Whether an action transition() returned is the named one; its params are then the ones the compiler gave it. */
const isAction = <K extends keyof ActionParams>(
  action: { type: string; params?: unknown },
  type: K,
): action is { type: K; params: ActionParams[K] } => action.type === type;

/** The effects among the actions a transition returned, in their order (pure). */
export function effectsOf(actions: ReadonlyArray<{ type: string; params?: unknown }>): ProcessEffect[] {
  const effects: ProcessEffect[] = [];
  for (const action of actions) {
    if (isAction(action, 'notify')) {
      const { stage, to, template } = action.params;
      effects.push({ type: 'notify', stage, to, template });
    } else if (isAction(action, 'escalate')) {
      effects.push({ type: 'escalate', ...action.params });
    }
  }
  return effects;
}

/**
 * `transition(machine, snapshot, event)` of xstate, with one inert actor scope made for the machine instead of a new
 * actor (and its initial snapshot) at every call: pure, since the scope's effects are no-ops, the actions are
 * collected as `transition()` collects them, and the machines spawn, send and emit nothing.
 */
export function transitionOf(machine: ProcessMachine) {
  const self = createActor(machine, { input: undefined } as never);
  const collected: Array<{ type: string; params?: unknown }> = [];
  const scope = {
    self,
    defer() {},
    id: '',
    logger() {},
    sessionId: '',
    stopChild() {},
    system: self.system,
    emit() {},
    actionExecutor(action: { type: string; params?: unknown }) {
      collected.push(action);
    },
  };
  return (snapshot: ProcessSnapshot, event: ProcessEvent): [ProcessSnapshot, ProcessEffect[]] => {
    collected.length = 0;
    const next = machine.transition(snapshot, event as never, scope as never);
    return [next, effectsOf(collected)];
  };
}
