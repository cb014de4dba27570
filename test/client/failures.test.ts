import {
  ApplicationFailure,
  NamespaceNotFoundError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { exitCodes, httpStatuses, RequestError, requestErrorKinds } from '../../client/errors.js';
import { mapFailures, toRequestError } from '../../client/failures.js';

const context = { address: '127.0.0.1:7999' };

/** An error shaped as @grpc/grpc-js throws it. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

const mapped = (err: unknown, extra: Partial<Parameters<typeof toRequestError>[1]> = {}) => {
  const result = toRequestError(err, { ...context, ...extra });
  expect(result).toBeInstanceOf(RequestError);
  return result as RequestError;
};

describe('RequestError kinds', () => {
  it('gives every kind its own exit code, none of them 0 or 1, and an HTTP status of its class', () => {
    const codes = requestErrorKinds.map((kind) => exitCodes[kind]);
    expect(new Set(codes).size).toBe(requestErrorKinds.length);
    expect(codes.filter((code) => code <= 1)).toEqual([]);
    expect(Object.fromEntries(requestErrorKinds.map((kind) => [kind, httpStatuses[kind]]))).toEqual({
      invalid: 422,
      unauthenticated: 401,
      forbidden: 403,
      notFound: 404,
      conflict: 409,
      tooLarge: 413,
      unavailable: 503,
    });
  });

  it('is invalid unless told, and carries its exit code and status', () => {
    expect(new RequestError('bad').kind).toBe('invalid');
    const missing = new RequestError('gone', { kind: 'notFound' });
    expect([missing.exitCode, missing.httpStatus]).toEqual([5, 404]);
  });
});

describe('Temporal failures mapped to one typed error', () => {
  it('maps a missing workflow to notFound, in the words the caller chose', () => {
    const err = mapped(new WorkflowNotFoundError('workflow not found', 'nq22', undefined), {
      notFound: 'no dossier with id "nq22"',
    });
    expect([err.kind, err.message]).toEqual(['notFound', 'no dossier with id "nq22"']);
  });

  it('maps an existing id to conflict', () => {
    const err = mapped(new WorkflowExecutionAlreadyStartedError('started', 'nq22', 'processWorkflow'));
    expect(err.kind).toBe('conflict');
    expect(err.message).toContain('"nq22" already exists');
  });

  it("maps a workflow's refusal by its ApplicationFailure type and keeps its reason", () => {
    const refusal = (type: string) =>
      new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable('the reason', type));
    expect(mapped(refusal('DecisionRefused'), { refusal: 'decision refused' }).message).toBe(
      'decision refused: the reason',
    );
    expect(
      ['DecisionRefused', 'DecisionForbidden', 'InvalidRequest', 'UnknownDelegation', 'TripLimit', 'SomethingNew'].map(
        (type) => mapped(refusal(type)).kind,
      ),
    ).toEqual(['conflict', 'forbidden', 'invalid', 'notFound', 'conflict', 'conflict']);
    expect(mapped(refusal('DecisionForbidden')).exitCode).toBe(4);
    expect(mapped(refusal('DecisionForbidden')).httpStatus).toBe(403);
  });

  it('says where Temporal was expected and how to start it when it cannot be reached', () => {
    for (const err of [
      new Error('Failed to connect before the deadline'),
      new ServiceError('Failed to start Workflow', { cause: grpcError(14, 'No connection established') }),
      grpcError(4, 'Deadline exceeded'),
    ]) {
      const result = mapped(err);
      expect(result.kind).toBe('unavailable');
      expect(result.message).toContain('Temporal is not reachable at 127.0.0.1:7999');
      expect(result.message).toContain('npx duyet dev');
    }
  });

  it('maps a payload over the server limit to tooLarge, refused credentials and an unknown namespace too', () => {
    expect(mapped(grpcError(3, 'Blob data size exceeds limit.')).kind).toBe('tooLarge');
    // As the SDK throws it: its own error, the server's answer as the cause.
    const update = mapped(
      new ServiceError('Workflow Update failed', {
        cause: grpcError(8, 'limit on total payload size of in-flight updates has been reached (2031616 bytes)'),
      }),
    );
    expect([update.kind, update.message]).toEqual([
      'tooLarge',
      'the request is larger than Temporal accepts: limit on total payload size of in-flight updates has been reached (2031616 bytes)',
    ]);
    expect(mapped(grpcError(16, 'invalid API key')).kind).toBe('unauthenticated');
    const namespace = mapped(new NamespaceNotFoundError('duyet-prod'));
    expect([namespace.kind, namespace.message]).toEqual([
      'notFound',
      'Temporal at 127.0.0.1:7999 has no namespace "duyet-prod"; expected TEMPORAL_NAMESPACE to name an existing one',
    ]);
  });

  it('says an unanswered decision may still have been taken, and gives the server its words when it cannot act now', () => {
    const timeout = mapped(new WorkflowUpdateRPCTimeoutOrCancelledError('Timed out waiting for update response'));
    expect(timeout.kind).toBe('unavailable');
    expect(timeout.message).toContain('the request may still have been applied: check with `duyet status`');
    const failed = mapped(
      new ServiceError('Failed to query Workflow', { cause: grpcError(9, 'Workflow Task in failed state') }),
    );
    expect([failed.kind, failed.message]).toEqual([
      'conflict',
      'Temporal at 127.0.0.1:7999 cannot do this now: Workflow Task in failed state',
    ]);
  });

  it('leaves unexpected errors as they are, and RequestErrors untouched', async () => {
    const bug = new TypeError('x is undefined');
    expect(toRequestError(bug, context)).toBe(bug);
    const refusal = new RequestError('bad input');
    await expect(mapFailures(context, () => Promise.reject(refusal))).rejects.toBe(refusal);
  });
});
