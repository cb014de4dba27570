import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where file contents live, addressed by their SHA-256: a folder by default, an object store at scale. */
export interface FileStore {
  /** Keeps the bytes and returns their SHA-256 (lowercase hex); keeping the same bytes twice keeps one copy. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes of a SHA-256, or undefined when none are kept. */
  get(sha256: string): Promise<Uint8Array | undefined>;
}

/** The SHA-256 of bytes as lowercase hex (pure). */
export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A file store in a folder: each content at `<dir>/<first two hex digits>/<sha256>`, written to a temporary name
 * and renamed, so a reader never sees half a file.
 */
export function folderFileStore(dir: string): FileStore {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const path = pathOf(sha256);
      await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${randomUUID()}.part`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, path);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return sha256;
    },
    async get(sha256) {
      if (!SHA256.test(sha256)) return undefined;
      return readFile(pathOf(sha256)).then(
        (buffer) => new Uint8Array(buffer),
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return undefined;
          throw err;
        },
      );
    },
  };
}
