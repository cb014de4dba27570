import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inheritedEnv } from '../../temporal.config.js';
import { faultSettings } from '../../test-support/faults/plan.js';
import { figuresText, runFaults, writeFigures, type FaultRunResult } from '../../test-support/faults/run.js';
import { startFaultStack, type FaultStack } from '../../test-support/faults/stack.js';

const say = (line: string) => process.stdout.write(line + '\n');

describe('review dossiers under SIGKILLs of the worker and the Temporal server', () => {
  const settings = faultSettings(inheritedEnv());
  let stack: FaultStack;
  let result: FaultRunResult;

  beforeAll(async () => {
    stack = await startFaultStack(inheritedEnv().FAULTS_KEEP_DB === '1');
    try {
      result = await runFaults(stack, settings, say);
    } finally {
      await stack.stop();
    }
    const file = writeFigures(stack.stateDir, result);
    say(`\nfault test figures (${file}):\n${figuresText(result)}\n`);
  });

  afterAll(() => {
    // Every child the run started is gone: the stack kills them by the pids it holds.
    for (const pid of [...(stack?.server.pids ?? []), ...(stack?.worker.pids ?? [])]) {
      expect(() => process.kill(pid, 0), `pid ${pid} still alive`).toThrow();
    }
  });

  it('strikes every planned fault and recovers from each', () => {
    expect(result.faults).toHaveLength(settings.faults);
    for (const fault of result.faults) expect(fault.recoveredAt).toBeGreaterThan(fault.at);
    // The run means something only if decisions were sent while a fault was not yet recovered from.
    if (settings.faults > 0) expect(result.sentDuringFaults).toBeGreaterThan(0);
  });

  it('takes every decision exactly once, none lost, and completes every dossier', () => {
    const d = result.decisions;
    expect(d.lost).toEqual([]);
    expect(d.doubled).toEqual([]);
    expect(d.unfinished).toEqual([]);
    expect(d.inHistory).toBe(settings.dossiers * 7);
  });

  it('reports no decision refused that is in history, and refuses none of these valid decisions', () => {
    expect(result.decisions.falseRefusals).toEqual([]);
    expect(result.decisions.otherRefusals).toEqual([]);
  });

  it('sends every notification once per key, but a copy whose kill fell inside its one-message window', () => {
    const n = result.notifications;
    expect(n.keys).toBeGreaterThan(0);
    expect(n.webhooks).toBeGreaterThan(0);
    expect(n.missingKey).toBe(0);
    expect(n.unexplained).toEqual([]);
    expect(n.notReceived).toEqual([]);
    expect(n.notLogged).toEqual([]);
    expect(stack.hooks.rejected).toBe(0);
  });
});
