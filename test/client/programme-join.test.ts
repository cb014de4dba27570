import { ApplicationFailure, ServiceError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { RequestError } from '../../client/errors.js';
import { DEFAULT_IMPORTER, joinProgramme, type ProgrammeTaskEntry } from '../../client/programme-apply.js';

// A client whose one Update fails as the SDK fails it: this module's unit test, not a proof against Temporal (the
// integration tests add tasks to programmes on a real server).
const failingWith = (err: unknown) =>
  ({
    connection: { options: { address: '127.0.0.1:7999' } },
    workflow: { getHandle: () => ({ executeUpdate: () => Promise.reject(err) }) },
  }) as unknown as Client;

const entry = { number: '1.3', workflowId: 'p.1.3', dueAt: '2031-12-31T23:59:59+07:00' } as ProgrammeTaskEntry;

describe('adding tasks to a programme (ADD_TASKS)', () => {
  it("reports the programme's refusal with its reason, as not joined", async () => {
    const refused = new WorkflowUpdateFailedError(
      'update failed',
      ApplicationFailure.nonRetryable('the stage "running" does not take ADD_TASKS', 'DecisionRefused'),
    );
    expect(await joinProgramme(failingWith(refused), 'p', [entry], DEFAULT_IMPORTER)).toEqual({
      joined: false,
      refusal: expect.stringContaining('does not take ADD_TASKS'),
    });
  });

  it('fails, and reports no refusal, when Temporal cannot be reached', async () => {
    const down = new ServiceError('Failed to update', {
      cause: Object.assign(new Error('14 No connection established'), {
        code: 14,
        details: 'No connection established',
        metadata: {},
      }),
    });
    const result = joinProgramme(failingWith(down), 'p', [entry], DEFAULT_IMPORTER);
    await expect(result).rejects.toBeInstanceOf(RequestError);
    await expect(result).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('127.0.0.1:7999'),
    });
  });

  it('fails on an unexpected error instead of calling it a refusal', async () => {
    const result = joinProgramme(failingWith(new TypeError('boom')), 'p', [entry], DEFAULT_IMPORTER);
    await expect(result).rejects.toThrow('boom');
  });
});
