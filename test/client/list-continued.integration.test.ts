import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decide, list, startDossier } from '../../client/dossiers.js';
import { useWorkerAndClient } from '../../test-support/cli.js';
import { futureExample } from '../../test-support/future-example.js';
import { replayAndKeep } from '../../test-support/replay.js';

describe('listing dossiers whose run continued as new, on a real Temporal server', () => {
  const server = useWorkerAndClient();
  const { config } = server;
  const runOf = async (id: string) => (await server.client.workflow.getHandle(id).describe()).runId;

  it('lists a dossier once, as its latest run, after it continued as new', async () => {
    const workflowId = `listed-once-${randomUUID()}`;
    await startDossier(server.client, config, { process: 'review-pipeline', input: futureExample(), workflowId });
    const firstRun = await runOf(workflowId);
    await decide(server.client, config, { workflowId, event: 'SUBMIT', as: 'nguyen.thu' });
    // Revision loops until the run continues as new: the test server suggests it at 60 events, which the run heeds
    // at its next free point even when each decision comes before the last one's notifications are sent.
    for (let round = 0; round < 30 && (await runOf(workflowId)) === firstRun; round++) {
      await decide(server.client, config, { workflowId, event: 'REQUEST_REVISION', as: 'pham.minh' });
      await decide(server.client, config, { workflowId, event: 'SUBMIT', as: 'nguyen.thu' });
    }
    expect(await runOf(workflowId)).not.toBe(firstRun);
    const first = await server.client.workflow.getHandle(workflowId, firstRun).describe();

    // Wait until visibility lists the later run, then count the rows the dossier has.
    let rows: Awaited<ReturnType<typeof list>> = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      rows = (await list(server.client, { process: 'review-pipeline', status: 'running' })).filter(
        (row) => row.workflowId === workflowId,
      );
      if (rows.some((row) => Date.parse(row.startedAt) > first.startTime.getTime())) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rows).toHaveLength(1);
    expect(Date.parse(rows[0]!.startedAt)).toBeGreaterThan(first.startTime.getTime());
    expect(rows[0]!.stage).toBe('pmReview');
    // Each decision arrived while the last one's notifications were still being sent: the run continued between sends.
    expect(await replayAndKeep(server.client, workflowId, 'review-pipeline-one-marker')).toBeGreaterThan(1);
  });
});
