import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderFileStore, sha256Of } from '../../store/file-store.js';

describe('the folder file store', () => {
  it('keeps content under its SHA-256 once, gives it back, and knows nothing of an unknown or malformed address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duyet-files-'));
    const store = folderFileStore(dir);
    const bytes = new TextEncoder().encode('%PDF-1.4 dự thảo');
    const sha256 = await store.put(bytes);
    expect(sha256).toBe(sha256Of(bytes));
    expect(await store.put(bytes)).toBe(sha256);
    expect(readdirSync(join(dir, sha256.slice(0, 2)))).toEqual([sha256]);
    expect(await store.get(sha256)).toEqual(bytes);
    expect(await store.get('0'.repeat(64))).toBeUndefined();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });
});
