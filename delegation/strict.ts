import { z } from 'zod';
import { closest } from '../directory/names.js';

/** The message for fields a schema does not know: each named, with the nearest known field where one is close (pure). */
export function unknownFieldsMessage(keys: readonly PropertyKey[], known: readonly string[]): string {
  const each = keys.map((key) => {
    const name = String(key).slice(0, 60);
    const near = closest(
      name.toLowerCase(),
      known.map((field) => field.toLowerCase()),
    )[0];
    const field = known.find((candidate) => candidate.toLowerCase() === near);
    return `unknown field "${name}"${field ? `; did you mean "${field}"?` : ''}`;
  });
  return `${each.join('; ')} (expected only: ${known.join(', ')})`;
}

/** An object schema that refuses fields it does not know, naming them and the nearest known one. */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownFieldsMessage(issue.keys, known) : undefined),
  });
}

/** Text of at most `max` characters, trimmed, refused when empty with the message given. */
export const text = (max: number, empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max, { error: (issue) => `expected at most ${max} characters; got ${String(issue.input).length}` });
