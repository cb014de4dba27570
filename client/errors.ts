/** A refusal the caller caused (bad input, wrong role, unknown id): shown as is, with a non-zero exit or a 4xx. */
export class RequestError extends Error {
  override name = 'RequestError';
}
