import { readFileSync } from 'node:fs';
import { RequestError } from '../client/errors.js';

/** Writes one line to standard output. */
export const write = (text: string): void => void process.stdout.write(text + '\n');

/** Prints a value as indented JSON. */
export const print = (value: unknown): void => write(JSON.stringify(value, null, 2));

/** Reads a text file, or refuses naming the file and why it could not be read. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new RequestError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      cause: err,
    });
  }
}

/** Reads and parses a JSON file, or refuses naming the file and what was wrong with it. */
export function readJson(file: string): unknown {
  const text = readText(file);
  try {
    // A byte-order mark (as Windows Notepad writes) is not part of the JSON.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new RequestError(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}
