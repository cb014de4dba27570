/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence; pure. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one fault kills. */
export type FaultTarget = 'worker' | 'server' | 'both';

/** One planned fault: what it kills, and how long after the system recovered from the previous one it strikes. */
export interface PlannedFault {
  target: FaultTarget;
  afterMs: number;
}

/** The knobs of a fault run, from the environment (FAULTS_*), with the defaults the issue asks for. */
export interface FaultSettings {
  seed: number;
  faults: number;
  dossiers: number;
  /** The longest pause between recovering from one fault and the next. */
  maxGapMs: number;
}

/** Reads the knobs from an environment (FAULTS_SEED, FAULTS_COUNT, FAULTS_DOSSIERS, FAULTS_MAX_GAP_MS); pure. */
export function faultSettings(env: NodeJS.ProcessEnv, now: () => number = Date.now): FaultSettings {
  const number = (name: string, fallback: number, min: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${name}=${text}: expected a whole number of at least ${min}`);
    return value;
  };
  return {
    seed: number('FAULTS_SEED', now() % 1_000_000_000, 0),
    faults: number('FAULTS_COUNT', 20, 0),
    dossiers: number('FAULTS_DOSSIERS', 30, 2),
    maxGapMs: number('FAULTS_MAX_GAP_MS', 8_000, 0),
  };
}

/**
 * The faults of a run, drawn from the seed: the worker alone half the time, the server alone a quarter, both a
 * quarter; each strikes at a random moment up to `maxGapMs` after the previous recovery. Pure.
 */
export function planFaults(settings: FaultSettings, random: () => number): PlannedFault[] {
  return Array.from({ length: settings.faults }, () => {
    const roll = random();
    const target: FaultTarget = roll < 0.5 ? 'worker' : roll < 0.75 ? 'server' : 'both';
    return { target, afterMs: Math.round(500 + random() * Math.max(0, settings.maxGapMs - 500)) };
  });
}
