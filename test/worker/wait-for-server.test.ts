import { describe, expect, it } from 'vitest';
import { defaultBackoff, waitForServer } from '../../worker/wait-for-server.js';

/** A clock that only moves when the code under test sleeps. */
function fakeClock() {
  let now = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => now,
    sleep: async (ms: number) => {
      pauses.push(ms);
      now += ms;
    },
  };
}

describe('a worker waiting for Temporal', () => {
  it('retries with pauses doubling from 0.5 s up to 5 s, logging each, until the server answers', async () => {
    const clock = fakeClock();
    const lines: string[] = [];
    let attempts = 0;
    const connection = await waitForServer(
      async () => {
        if (++attempts < 7) throw new Error('Connection refused');
        return 'connected';
      },
      { ...defaultBackoff(120), address: '127.0.0.1:7999', log: (l) => lines.push(l), ...clock },
    );
    expect(connection).toBe('connected');
    expect(clock.pauses).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(lines[0]).toBe('duyet worker: Temporal not reachable at 127.0.0.1:7999 yet (attempt 1); retrying in 0.5 s');
  });

  it('gives up after its limit, naming the address, the limit and the last error', async () => {
    const clock = fakeClock();
    const waiting = waitForServer(() => Promise.reject(new Error('Connection refused')), {
      ...defaultBackoff(30),
      address: '127.0.0.1:7999',
      log: () => {},
      ...clock,
    });
    await expect(waiting).rejects.toThrow(
      /^Temporal did not answer at 127\.0\.0\.1:7999 within 30 s \(\d+ attempts; last: Connection refused\); start it with `npx duyet dev`/,
    );
    expect(clock.now()).toBeLessThanOrEqual(30_000);
  });

  it('stops waiting when the process is asked to stop', async () => {
    const stop = new AbortController();
    const clock = fakeClock();
    const waiting = waitForServer(
      () => {
        stop.abort();
        return Promise.reject(new Error('Connection refused'));
      },
      { ...defaultBackoff(30), address: '127.0.0.1:7999', log: () => {}, signal: stop.signal, ...clock },
    );
    await expect(waiting).resolves.toBeUndefined();
  });
});
