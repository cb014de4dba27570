import { describe, expect, it } from 'vitest';
import { checkNotifications, type FaultRecord } from '../../test-support/faults/checks.js';
import { faultSettings, planFaults, seededRandom } from '../../test-support/faults/plan.js';

/** A delivery log holding these keys, recorded at these instants. */
const logOf = (rows: Array<[string, number]>) => new Map(rows);
const kill = (target: FaultRecord['target'], at: number): FaultRecord => ({ target, at, recoveredAt: at + 3_000 });

describe('the fault test’s notification check', () => {
  it('counts a copy inside its one-message window when a worker was killed between the first copy and its record', () => {
    const n = checkNotifications(
      logOf([
        ['a', 1_050],
        ['b', 2_000],
      ]),
      [
        { key: 'a', receivedAt: 1_000 },
        { key: 'a', receivedAt: 9_000 },
        { key: 'b', receivedAt: 1_990 },
      ],
      [],
      [kill('worker', 1_010)],
    );
    expect(n.insideWindow).toEqual([
      { key: 'a', copies: 2, killAfterMs: 10, receivedAt: [1_000, 9_000], recordedAt: 1_050 },
    ]);
    expect(n.unexplained).toEqual([]);
    expect(n).toMatchObject({ emails: 3, keys: 2, logged: 2, notReceived: [], notLogged: [] });
  });

  it('counts a message the killed worker handed over just before it died, read by the receiver just after', () => {
    const n = checkNotifications(
      logOf([['a', 12_000]]),
      [
        { key: 'a', receivedAt: 1_400 },
        { key: 'a', receivedAt: 11_900 },
      ],
      [],
      [kill('both', 1_000)],
    );
    expect(n.insideWindow.map((d) => d.killAfterMs)).toEqual([-400]);
  });

  it('finds unexplained a copy with no worker kill in its window, one killed by the server alone, and more copies than kills', () => {
    const n = checkNotifications(
      logOf([
        ['a', 1_050],
        ['b', 5_050],
        ['c', 8_050],
      ]),
      [],
      [
        { key: 'a', receivedAt: 1_000 },
        { key: 'a', receivedAt: 20_000 },
        { key: 'b', receivedAt: 5_000 },
        { key: 'b', receivedAt: 6_000 },
        { key: 'c', receivedAt: 8_000 },
        { key: 'c', receivedAt: 9_000 },
        { key: 'c', receivedAt: 10_000 },
      ],
      [kill('worker', 2_000), kill('server', 5_010), kill('worker', 8_010)],
    );
    expect(n.insideWindow).toEqual([]);
    expect(n.unexplained.map((d) => d.key)).toEqual(['a', 'b', 'c']);
  });

  it('lists keys logged but never received, received but never logged, and messages without a key', () => {
    const n = checkNotifications(
      logOf([['logged-only', 1]]),
      [
        { key: 'received-only', receivedAt: 1 },
        { key: null, receivedAt: 2 },
      ],
      [],
      [],
    );
    expect(n).toMatchObject({ notReceived: ['logged-only'], notLogged: ['received-only'], missingKey: 1 });
  });
});

describe('the fault plan', () => {
  it('is the same for the same seed, and kills the worker, the server or both', () => {
    const settings = faultSettings({ FAULTS_SEED: '42' });
    const first = planFaults(settings, seededRandom(settings.seed));
    expect(planFaults(settings, seededRandom(42))).toEqual(first);
    expect(first).toHaveLength(20);
    expect(new Set(first.map((f) => f.target))).toEqual(new Set(['worker', 'server', 'both']));
    for (const fault of first) expect(fault.afterMs).toBeLessThanOrEqual(settings.maxGapMs);
  });

  it('takes its sizes from FAULTS_* and refuses what is not a whole number', () => {
    expect(faultSettings({ FAULTS_COUNT: '5', FAULTS_DOSSIERS: '4', FAULTS_SEED: '7' }, () => 0)).toEqual({
      seed: 7,
      faults: 5,
      dossiers: 4,
      maxGapMs: 8_000,
    });
    expect(() => faultSettings({ FAULTS_COUNT: 'many' })).toThrow(
      'FAULTS_COUNT=many: expected a whole number of at least 0',
    );
    expect(() => faultSettings({ FAULTS_DOSSIERS: '1' })).toThrow('at least 2');
  });
});
