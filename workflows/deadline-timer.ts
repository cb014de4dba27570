import { CancellationScope, sleep } from '@temporalio/workflow';

/** One durable timer: the instant it fires at (epoch ms), whether it has fired, and the scope that cancels it. */
interface Timer {
  at: number;
  fired: boolean;
  scope: CancellationScope;
}

/**
 * The timer a process run waits on for its next deadline, kept across decisions: a timer that fires at or before
 * the deadline wakes the run in time, so it is not cancelled and started again for every decision (two commands
 * and two history events each); only a deadline sooner than the running timer replaces it. A timer kept from a
 * sooner deadline that no longer counts (a paused clock) wakes the run early once, and the run waits again.
 */
export class DeadlineTimer {
  private current: Timer | null = null;

  /** The timer that wakes the run by `at` (epoch ms, in the future): the running one if it fires by then, else a new one. */
  by(at: number): { readonly fired: boolean } {
    const running = this.current;
    if (running && !running.fired && running.at <= at) return running;
    if (running && !running.fired) running.scope.cancel();
    const scope = new CancellationScope();
    const timer: Timer = { at, fired: false, scope };
    // A cancelled timer rejects with a CancelledFailure: it was replaced, which is no failure of the run.
    scope
      .run(() => sleep(at - Date.now()))
      .then(
        () => {
          timer.fired = true;
        },
        () => undefined,
      );
    this.current = timer;
    return timer;
  }
}
