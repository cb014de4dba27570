/** The kinds of refusal a face reports, each with one exit code and one HTTP status. */
export const requestErrorKinds = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'notFound',
  'conflict',
  'tooLarge',
  'unavailable',
] as const;

/** What went wrong with a request, as the faces tell it apart. */
export type RequestErrorKind = (typeof requestErrorKinds)[number];

/** The CLI's exit code for each kind (1 is left for unexpected failures, 2 is also commander's usage error). */
export const exitCodes: Readonly<Record<RequestErrorKind, number>> = {
  invalid: 2,
  unauthenticated: 3,
  forbidden: 4,
  notFound: 5,
  conflict: 6,
  tooLarge: 7,
  unavailable: 8,
};

/** The HTTP status for each kind. */
export const httpStatuses: Readonly<Record<RequestErrorKind, number>> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  unavailable: 503,
};

/** A refusal the caller can act on (bad input, wrong role, unknown id, Temporal down): shown as is, with its kind's exit code or HTTP status. */
export class RequestError extends Error {
  override name = 'RequestError';
  /** What kind of refusal this is; `invalid` unless told. */
  readonly kind: RequestErrorKind;

  constructor(message: string, options: { kind?: RequestErrorKind; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind ?? 'invalid';
  }

  /** The CLI's exit code for this refusal. */
  get exitCode(): number {
    return exitCodes[this.kind];
  }

  /** The HTTP status for this refusal. */
  get httpStatus(): number {
    return httpStatuses[this.kind];
  }
}
