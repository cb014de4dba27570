import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { inheritedEnv } from '../temporal.config.js';
import { bundlerOptions, workflowsPath } from '../worker/worker.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/histories/', import.meta.url));

/**
 * Checks every run of a workflow (it may continue as new along the way) replays on today's code and returns
 * how many runs there were; keeps the histories as replay fixtures when DUYET_RECORD_HISTORIES=1.
 */
export async function replayAndKeep(client: Client, workflowId: string, name: string): Promise<number> {
  const runs: string[] = [];
  for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(run.runId);
  for (const [index, runId] of runs.reverse().entries()) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    await Worker.runReplayHistory(
      { workflowsPath, bundlerOptions, replayName: `${name}-${index}` },
      history,
      workflowId,
    );
    if (inheritedEnv().DUYET_RECORD_HISTORIES === '1') {
      mkdirSync(fixtures, { recursive: true });
      writeFileSync(
        `${fixtures}${name}.run${index + 1}.history.bin`,
        temporal.api.history.v1.History.encode(history).finish(),
      );
    }
  }
  return runs.length;
}
