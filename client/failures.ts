import {
  ApplicationFailure,
  isGrpcServiceError,
  NamespaceNotFoundError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { RequestError, type RequestErrorKind } from './errors.js';

/** The kind of refusal each failure type a workflow throws (`ApplicationFailure.nonRetryable(message, type)`) stands for. */
export const failureKinds: Readonly<Record<string, RequestErrorKind>> = {
  DecisionRefused: 'conflict',
  DecisionForbidden: 'forbidden',
  InvalidDecision: 'invalid',
  InvalidRequest: 'invalid',
  InvalidInput: 'invalid',
  InvalidDefinition: 'invalid',
  TooLarge: 'tooLarge',
  WrongYear: 'invalid',
  UnknownDelegation: 'notFound',
  AlreadyReserved: 'conflict',
  AlreadyFiled: 'conflict',
  TripLimit: 'conflict',
  PlanAdjustmentRefused: 'conflict',
  Busy: 'conflict',
  StepFailed: 'unavailable',
  UnknownRuleSet: 'invalid',
};

/** What a face knows when it calls Temporal, so a failure can be told in its own words. */
export interface FailureContext {
  /** The Temporal address, named when it cannot be reached. */
  address: string;
  /** The message when the workflow does not exist. */
  notFound?: string | (() => string);
  /** The message when a workflow with that id already exists. */
  exists?: string;
  /** Put before a workflow's refusal, e.g. "decision refused". */
  refusal?: string;
}

const grpc = {
  invalidArgument: 3,
  deadlineExceeded: 4,
  permissionDenied: 7,
  failedPrecondition: 9,
  resourceExhausted: 8,
  unavailable: 14,
  unauthenticated: 16,
} as const;

/** The gRPC status code somewhere along an error's cause chain, if any (pure). */
function grpcCode(err: unknown): number | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (isGrpcServiceError(e)) return e.code;
  }
  return undefined;
}

/** The server's own words for a gRPC failure along the cause chain, or the error's message (pure). */
export function detailOf(err: unknown): string {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (isGrpcServiceError(e) && e.details) return e.details;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The message every face gives when Temporal does not answer at an address (pure). */
export function unavailableMessage(address: string, detail?: string): string {
  return (
    `Temporal is not reachable at ${address}${detail ? ` (${detail})` : ''}; ` +
    'start the embedded server with `npx duyet dev`, or point TEMPORAL_ADDRESS at a running Temporal'
  );
}

/** True when an error says the connection to the server failed or timed out (pure). */
export function isUnavailable(err: unknown): boolean {
  const code = grpcCode(err);
  if (code === grpc.unavailable || code === grpc.deadlineExceeded) return true;
  return (
    err instanceof Error && /Failed to connect before the deadline|ECONNREFUSED|connect ETIMEDOUT/.test(err.message)
  );
}

const text = (message: string | (() => string) | undefined, fallback: string) =>
  typeof message === 'function' ? message() : (message ?? fallback);

/** A failure the SDK names by its class (a workflow's refusal, a missing or existing workflow), mapped; undefined otherwise (pure). */
function fromSdkError(err: unknown, context: FailureContext): RequestError | undefined {
  if (err instanceof RequestError) return err;
  if (err instanceof WorkflowNotFoundError)
    return new RequestError(text(context.notFound, `no workflow with id "${err.workflowId}"`), {
      kind: 'notFound',
      cause: err,
    });
  if (err instanceof WorkflowExecutionAlreadyStartedError)
    return new RequestError(text(context.exists, `a workflow with id "${err.workflowId}" already exists`), {
      kind: 'conflict',
      cause: err,
    });
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    const type = cause instanceof ApplicationFailure ? cause.type : undefined;
    const reason = cause?.message ?? err.message;
    return new RequestError(context.refusal ? `${context.refusal}: ${reason}` : reason, {
      kind: (type && failureKinds[type]) || 'conflict',
      cause: err,
    });
  }
  if (err instanceof NamespaceNotFoundError)
    return new RequestError(
      `Temporal at ${context.address} has no namespace "${err.namespace}"; expected TEMPORAL_NAMESPACE to name an existing one`,
      { kind: 'notFound', cause: err },
    );
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    return new RequestError(
      `Temporal at ${context.address} did not answer in time; the request may still have been applied: check with \`duyet status\` before sending it again`,
      { kind: 'unavailable', cause: err },
    );
  return undefined;
}

/** A failure of the connection or the server, told by its gRPC status, mapped; undefined otherwise (pure). */
function fromServiceError(err: unknown, address: string): RequestError | undefined {
  if (isUnavailable(err)) return new RequestError(unavailableMessage(address), { kind: 'unavailable', cause: err });
  const code = grpcCode(err);
  if (code === grpc.unauthenticated || code === grpc.permissionDenied)
    return new RequestError(
      `Temporal at ${address} refused duyet's credentials (${detailOf(err)}); check TEMPORAL_API_KEY or TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY`,
      { kind: code === grpc.unauthenticated ? 'unauthenticated' : 'forbidden', cause: err },
    );
  if (code === grpc.failedPrecondition)
    return new RequestError(`Temporal at ${address} cannot do this now: ${detailOf(err)}`, {
      kind: 'conflict',
      cause: err,
    });
  if (
    (code === grpc.resourceExhausted || code === grpc.invalidArgument) &&
    /larger than|size exceeds|too large|payload size/i.test(`${String(err)} ${detailOf(err)}`)
  )
    return new RequestError(`the request is larger than Temporal accepts: ${detailOf(err)}`, {
      kind: 'tooLarge',
      cause: err,
    });
  return undefined;
}

/**
 * Maps a failure of a Temporal call to the RequestError a face reports: a missing workflow, an existing id,
 * a workflow's refusal (by its ApplicationFailure type), an unreachable server, refused credentials, a
 * payload over Temporal's limits. Anything else is returned unchanged, as an unexpected error (pure).
 */
export function toRequestError(err: unknown, context: FailureContext): unknown {
  return fromSdkError(err, context) ?? fromServiceError(err, context.address) ?? err;
}

/** Runs one Temporal call and throws what it fails with as the RequestError `toRequestError` maps it to. */
export async function mapFailures<T>(context: FailureContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toRequestError(err, context);
  }
}
