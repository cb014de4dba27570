import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';

/** How a workflow takes one Update: `check` turns the request into what `apply` takes, or throws to refuse it. */
export interface CheckedUpdate<Request, Checked, Ret> {
  /** Refuses the request by throwing an ApplicationFailure that says what was expected; pure over workflow state. */
  check(request: Request): Checked;
  /** Applies a checked request to the workflow's state and returns the Update's result. */
  apply(checked: Checked): Ret;
}

/**
 * Registers an Update the one way duyet's workflows do: the validator runs `check`, so a refused request never
 * enters history; the handler runs `check` again before `apply`, since another Update may have changed the state
 * between this one's validator and its handler (handlers run one at a time, in workflow order).
 */
export function setCheckedUpdate<Request, Checked, Ret>(
  update: UpdateDefinition<Ret, [Request]>,
  { check, apply }: CheckedUpdate<Request, Checked, Ret>,
): void {
  setHandler(update, (request) => apply(check(request)), {
    validator: (request) => {
      check(request);
    },
  });
}
