import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundlerOptions, workflowsPath } from '../../worker/worker.js';

// Binary protobuf histories, recorded by the integration tests with DUYET_RECORD_HISTORIES=1.
const folder = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));
const recorded = readdirSync(folder)
  .filter((f) => f.endsWith('.history.bin'))
  .sort()
  .map((file) => ({
    workflowId: file.replace('.history.bin', ''),
    history: temporal.api.history.v1.History.decode(readFileSync(folder + file)),
  }));

describe('replay of recorded histories', () => {
  it('has histories recorded from the integration runs, first runs and continued runs alike', () => {
    const names = recorded.map((r) => r.workflowId);
    expect(names).toEqual(
      expect.arrayContaining([
        'review-pipeline-escalated.run1',
        'review-pipeline-full-run.run1',
        'review-pipeline-full-run.run2',
        'review-pipeline-by-reference.run1',
        'review-pipeline-attribute-changes.run1',
        'review-pipeline-kept-timer.run1',
        'review-pipeline-idempotent.run2',
        'review-pipeline-inline-loop.run2',
        'review-pipeline-idempotent-inline.run2',
        'review-pipeline-continued-while-sending.run2',
        'review-pipeline-one-marker.run2',
        'delegation-by-reference.run1',
        'delegation-in-plan.run1',
        'delegation-ledger.run1',
        'task-v2-lifecycle.run1',
        'task-v2-report-attributes.run1',
        'programme-v1-lifecycle.run1',
        'programme-v1-report-attributes.run1',
        'programme-v2-lifecycle.run1',
        'programme-v3-added-task.run1',
        'task-v3-change-approved.run1',
        'task-v3-lifecycle.run2',
        'programme-v4-lifecycle.run1',
        'programme-v4-monthly.run1',
      ]),
    );
    expect(names.filter((n) => n.endsWith('.run2')).length).toBeGreaterThanOrEqual(2);
    for (const { history } of recorded) expect(history.events.length).toBeGreaterThanOrEqual(5);
  });

  it('replays every recorded history on the current workflow code without nondeterminism', async () => {
    const results: Array<{ workflowId: string; error: string | null }> = [];
    for await (const result of Worker.runReplayHistories(
      { workflowsPath, bundlerOptions, replayName: 'recorded-histories' },
      recorded,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error ? String(result.error) : null });
    }
    expect(results.map((r) => r.workflowId)).toEqual(recorded.map((r) => r.workflowId));
    expect(results.filter((r) => r.error)).toEqual([]);
  });
});
