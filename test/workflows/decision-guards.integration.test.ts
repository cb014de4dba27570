import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, inject, it } from 'vitest';
import { updatePayloadLimit } from '../../cli/dev-server.js';
import { toRequestError } from '../../client/failures.js';
import { decide, startDossier, status, type DecidedView } from '../../client/dossiers.js';
import { decideUpdate } from '../../workflows/process.messages.js';
import { sizeLimits } from '../../workflows/limits.js';
import { useWorkerAndClient } from '../../test-support/cli.js';
import { futureExample } from '../../test-support/future-example.js';
import { replayAndKeep } from '../../test-support/replay.js';

describe('decisions on a real Temporal server: idempotent across continueAsNew, bounded in size', () => {
  const server = useWorkerAndClient();
  const { config } = server;
  const runOf = async (id: string) => (await server.client.workflow.getHandle(id).describe()).runId;
  /** The run that follows `run`, or `run` itself when the workflow did not continue as new within 3 s. */
  const nextRun = async (id: string, run: string) => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const now = await runOf(id);
      if (now !== run) return now;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return run;
  };

  it('returns the earlier result to a decision re-sent under its id after the run continued as new, and takes it once', async () => {
    const { workflowId } = await startDossier(server.client, config, {
      process: 'review-pipeline',
      input: futureExample(),
      workflowId: `idempotent-${randomUUID()}`,
    });
    await decide(server.client, config, { workflowId, event: 'SUBMIT', as: 'nguyen.thu' });
    // Revision loops until a decision is the last one of its run: the test server suggests continueAsNew at 60 events.
    let last: { updateId: string; result: DecidedView; run: string; event: string; as: string } | undefined;
    for (let round = 0; round < 30 && !last; round++) {
      for (const [event, as] of [
        ['REQUEST_REVISION', 'pham.minh'],
        ['SUBMIT', 'nguyen.thu'],
      ] as const) {
        const run = await runOf(workflowId);
        const updateId = randomUUID();
        const result = await decide(server.client, config, { workflowId, event, as, updateId });
        if ((await nextRun(workflowId, run)) !== run) {
          last = { updateId, result, run, event, as };
          break;
        }
      }
    }
    expect(last, 'a decision that was the last of its run').toBeDefined();
    const { updateId, result, run, event, as } = last!;
    const decisions = (await status(server.client, workflowId)).history.length;

    const again = await decide(server.client, config, {
      workflowId,
      event,
      as,
      updateId,
    });
    expect(again).toEqual(result);
    const after = await status(server.client, workflowId);
    expect(after.history).toHaveLength(decisions);
    expect(after.state).toBe(result.state);
    // In the run that took it, the Update is in history once.
    const { events } = await server.client.workflow.getHandle(workflowId, run).fetchHistory();
    const accepted = events!.filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === updateId,
    );
    expect(accepted).toHaveLength(1);
    expect(await replayAndKeep(server.client, workflowId, 'review-pipeline-idempotent-inline')).toBeGreaterThan(1);
  });

  it('answers the decision that closed a dossier, sent again under its id, with its result; another id is told the dossier closed', async () => {
    const { workflowId } = await startDossier(server.client, config, {
      process: 'review-pipeline',
      input: futureExample(),
      workflowId: `closing-${randomUUID()}`,
    });
    const updateId = randomUUID();
    const withdraw = { workflowId, event: 'WITHDRAW', as: 'nguyen.thu', comment: 'Rút hồ sơ', updateId };
    const first = await decide(server.client, config, withdraw);
    expect(first).toMatchObject({ state: 'withdrawn', status: 'withdrawn' });

    // The answer was lost (say the server restarted): the same request again is answered, not refused.
    expect(await decide(server.client, config, withdraw)).toEqual(first);
    const record = await status(server.client, workflowId);
    expect(record.history.map((h) => h.event)).toEqual(['WITHDRAW']);

    await expect(decide(server.client, config, { ...withdraw, updateId: randomUUID() })).rejects.toThrow(
      `dossier "${workflowId}" is closed: it ended withdrawn at stage "withdrawn"`,
    );
  });

  it('refuses in its validator comments too large for the history, sent straight to the workflow, and answers status at once', async () => {
    const { workflowId } = await startDossier(server.client, config, {
      process: 'review-pipeline',
      input: futureExample(),
      workflowId: `oversized-${randomUUID()}`,
    });
    const handle = server.client.workflow.getHandle(workflowId);
    const submit = (comment: string) =>
      handle.executeUpdate(decideUpdate, {
        args: [{ type: 'SUBMIT', actor: 'nguyen.thu', roles: ['secretariat'], comment }],
      });
    const MiB = 1024 * 1024;
    // 2 MB, and three of 1.1 MiB at once (together past a payload's 2 MiB), then one byte-pair past the comment limit.
    // A request past what an Update may weigh on the server is refused there on arrival (the next test).
    const outcomes = [await Promise.allSettled([submit('w'.repeat(2_000_000))])].flat();
    outcomes.push(
      ...(await Promise.allSettled([
        submit('x'.repeat(1.1 * MiB)),
        submit('y'.repeat(1.1 * MiB)),
        submit('z'.repeat(1.1 * MiB)),
        submit('ư'.repeat(sizeLimits.comment / 2 + 1)),
      ])),
    );
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const err = (outcome as PromiseRejectedResult).reason as unknown;
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((err as WorkflowUpdateFailedError).cause?.message).toMatch(
        new RegExp(`the comment is \\d+ bytes, over the limit of ${sizeLimits.comment} bytes; make it shorter`),
      );
    }
    const now = await status(server.client, workflowId);
    expect(now.state).toBe('drafting');
    expect(now.history).toEqual([]);
    const taken = await decide(server.client, config, {
      workflowId,
      event: 'SUBMIT',
      as: 'nguyen.thu',
      comment: 'ư'.repeat(sizeLimits.comment / 2),
    });
    expect(taken.state).toBe('pmReview');
  });
  it('refuses on arrival, at the server, an Update past what one may weigh, sent straight to the workflow; the dossier answers and decides', async () => {
    const { workflowId } = await startDossier(server.client, config, {
      process: 'review-pipeline',
      input: futureExample(),
      workflowId: `past-limit-${randomUUID()}`,
    });
    // A client as anyone could write it, without the SDK's retries, so the server's answer comes back as it is.
    const connection = await Connection.connect({ address: inject('temporalAddress'), interceptors: [] });
    try {
      const raw = new Client({ connection }).workflow.getHandle(workflowId);
      const comment = 'w'.repeat(updatePayloadLimit + 1024);
      const refused = await raw
        .executeUpdate(decideUpdate, {
          args: [{ type: 'SUBMIT', actor: 'nguyen.thu', roles: ['secretariat'], comment }],
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(refused).toBeInstanceOf(Error);
      const mapped = toRequestError(refused, { address: inject('temporalAddress') }) as {
        kind: string;
        message: string;
      };
      expect(mapped.kind).toBe('tooLarge');
      expect(mapped.message).toContain(
        `payload size of in-flight updates has been reached (${updatePayloadLimit} bytes)`,
      );
    } finally {
      await connection.close();
    }
    const now = await status(server.client, workflowId);
    expect([now.state, now.history]).toEqual(['drafting', []]);
    const taken = await decide(server.client, config, { workflowId, event: 'SUBMIT', as: 'nguyen.thu' });
    expect(taken.state).toBe('pmReview');
  });
});
