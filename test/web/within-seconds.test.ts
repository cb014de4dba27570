import { afterEach, describe, expect, it, vi } from 'vitest';
import { withinSeconds } from '../../web/deps.js';

describe('a page waits a bounded time for each dossier’s status', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the status that comes in time, and nothing for one that never comes or fails', async () => {
    vi.useFakeTimers();
    const inTime = withinSeconds(8, async () => 'view');
    const never = withinSeconds(8, () => new Promise<string>(() => {}));
    const failing = withinSeconds(8, async () => {
      throw new Error('no worker polls this task queue');
    });
    await vi.advanceTimersByTimeAsync(8_000);
    expect(await inTime).toBe('view');
    expect(await never).toBeUndefined();
    expect(await failing).toBeUndefined();
  });
});
