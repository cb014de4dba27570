/** How a worker waits for Temporal at start: the first pause, the longest pause, and when it gives up. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  limitMs: number;
}

/** Pauses of 0.5 s doubling up to 5 s between attempts; the limit comes from DUYET_WORKER_CONNECT_WAIT. */
export const defaultBackoff = (limitSeconds: number): Backoff => ({
  initialMs: 500,
  maxMs: 5_000,
  limitMs: limitSeconds * 1000,
});

/**
 * Calls `connect` until it succeeds, pausing with exponential backoff and logging a line each time; throws
 * once `limitMs` has passed, naming the address, how long it waited and the last error. Resolves undefined
 * when `signal` aborts the wait (the process was asked to stop).
 */
export async function waitForServer<T>(
  connect: () => Promise<T>,
  options: Backoff & {
    address: string;
    log: (line: string) => void;
    signal?: AbortSignal;
    sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
    now?: () => number;
  },
): Promise<T | undefined> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? pause;
  const started = now();
  for (let attempt = 1, delay = options.initialMs; ; attempt++, delay = Math.min(delay * 2, options.maxMs)) {
    if (options.signal?.aborted) return undefined;
    try {
      return await connect();
    } catch (err) {
      const waited = now() - started;
      const reason = err instanceof Error ? err.message : String(err);
      if (waited + delay > options.limitMs)
        throw new Error(
          `Temporal did not answer at ${options.address} within ${Math.round(options.limitMs / 1000)} s (${attempt} attempts; last: ${reason}); ` +
            'start it with `npx duyet dev`, or point TEMPORAL_ADDRESS at a running Temporal',
          { cause: err },
        );
      options.log(
        `duyet worker: Temporal not reachable at ${options.address} yet (attempt ${attempt}); retrying in ${delay / 1000} s`,
      );
      await sleep(delay, options.signal);
    }
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
