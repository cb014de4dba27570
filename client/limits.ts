import { sizeLimits } from '../workflows/limits.js';
import { RequestError } from './errors.js';

const KiB = 1024;

/** Sizes the faces accept, in bytes of UTF-8 (JSON for structured values); the workflows check the same ones. */
export const limits = sizeLimits;

/** What each limit is called in refusals. */
const names: Record<keyof typeof limits, string> = {
  comment: 'a comment',
  input: 'a start input',
  planText: 'a plan text',
  request: 'a request',
};

/** A size in bytes written for people: "8 KiB", "1 MiB", "1.5 MiB", "312 bytes" (pure). */
export function formatBytes(bytes: number): string {
  if (bytes < KiB) return `${bytes} bytes`;
  if (bytes < KiB * KiB) return `${Number((bytes / KiB).toFixed(1))} KiB`;
  return `${Number((bytes / KiB / KiB).toFixed(1))} MiB`;
}

/** The size of a value as sent: UTF-8 bytes of a string, of JSON otherwise (pure). */
export function sizeOf(value: unknown): number {
  if (value === undefined) return 0;
  return Buffer.byteLength(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''), 'utf8');
}

/** Refuses a value larger than its limit with a RequestError (`tooLarge`) that names the limit and the size; `what` says which value it is. */
export function checkSize(limit: keyof typeof limits, value: unknown, what: string = names[limit]): void {
  const size = sizeOf(value);
  if (size <= limits[limit]) return;
  throw new RequestError(
    `${what} is ${size} bytes (${formatBytes(size)}), over the limit of ${formatBytes(limits[limit])} ` +
      `(${limits[limit]} bytes) for ${names[limit]}; make it shorter`,
    { kind: 'tooLarge' },
  );
}
