import type { UpdateDefinition } from '@temporalio/common';
import { currentUpdateInfo, setHandler } from '@temporalio/workflow';

/** How a workflow takes one Update: `check` turns the request into what `apply` takes, or throws to refuse it. */
export interface CheckedUpdate<Request, Checked, Ret> {
  /** Refuses the request by throwing an ApplicationFailure that says what was expected; pure over workflow state. */
  check(request: Request): Checked;
  /** Applies a checked request to the workflow's state and returns the Update's result. */
  apply(checked: Checked): Ret;
}

/**
 * Registers an Update the one way duyet's workflows do: the validator runs `check`, so a refused request never
 * enters history, and the handler applies what the validator checked. The SDK starts the handler synchronously
 * right after its validator, so no other handler or the main loop can change the state between them; the handler
 * runs `check` itself only when no validator ran for this Update (at replay, where validators are skipped).
 */
export function setCheckedUpdate<Request, Checked, Ret>(
  update: UpdateDefinition<Ret, [Request]>,
  { check, apply }: CheckedUpdate<Request, Checked, Ret>,
): void {
  let validated: { id: string; checked: Checked } | undefined;
  setHandler(
    update,
    (request) => {
      const id = currentUpdateInfo()?.id;
      const checked = validated && validated.id === id ? validated.checked : check(request);
      validated = undefined;
      return apply(checked);
    },
    {
      validator: (request) => {
        validated = undefined;
        const checked = check(request);
        const id = currentUpdateInfo()?.id;
        if (id !== undefined) validated = { id, checked };
      },
    },
  );
}
