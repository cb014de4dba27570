import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { listAudit, openStore, verifyPassword, verifyToken } from '../../store/index.js';
import { duyet, testEnv } from '../../test-support/cli.js';
import { expiryArg } from '../../cli/tokens.command.js';

const cliMain = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Runs the built CLI with text on its standard input. */
function duyetWithInput(env: NodeJS.ProcessEnv, input: string, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cliMain, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function withTestStore<T>(fn: (db: Awaited<ReturnType<typeof openStore>>['db']) => Promise<T>): Promise<T> {
  const store = await openStore(inject('databaseUrl'));
  try {
    return await fn(store.db);
  } finally {
    await store.close();
  }
}

describe('identity from the CLI', () => {
  it('sets a password read from standard input, and refuses an unknown user or an empty password', async () => {
    const env = testEnv();
    const set = await duyetWithInput(env, 'một mật khẩu thật dài\n', 'users', 'set-password', 'tran.binh');
    expect(set).toMatchObject({ code: 0, stdout: 'duyet: password set for tran.binh\n' });
    expect(await withTestStore((db) => verifyPassword(db, 'tran.binh', 'một mật khẩu thật dài'))).toBe(true);

    const unknown = await duyetWithInput(env, 'một mật khẩu thật dài\n', 'users', 'set-password', 'nobody.here');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nobody.here');
    const empty = await duyetWithInput(env, '', 'users', 'set-password', 'tran.binh');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('expected the password on standard input');
    const short = await duyetWithInput(env, 'short\n', 'users', 'set-password', 'tran.binh');
    expect(short.stderr).toContain('at least 12 characters');
    expect(await withTestStore((db) => verifyPassword(db, 'tran.binh', 'một mật khẩu thật dài'))).toBe(true);
  });

  it('creates a token shown once, lists it without the token, and revokes it', async () => {
    const env = testEnv();
    const created = await duyet(env, 'tokens', 'create', '--user', 'pham.minh', '--name', 'document system');
    expect(created.code).toBe(0);
    const { id, token } = JSON.parse(created.stdout) as { id: string; token: string };
    expect(token).toMatch(/^duyet_/);
    expect(await withTestStore((db) => verifyToken(db, token))).toEqual({
      success: true,
      data: { userId: 'pham.minh', tokenId: id },
    });

    const listed = await duyet(env, 'tokens', 'list', '--json');
    const rows = JSON.parse(listed.stdout) as Array<{ id: string; name: string; revokedAt: string | null }>;
    expect(rows.find((r) => r.id === id)).toMatchObject({ name: 'document system', revokedAt: null });
    expect(listed.stdout).not.toContain(token);

    expect((await duyet(env, 'tokens', 'revoke', id)).code).toBe(0);
    const again = await duyet(env, 'tokens', 'revoke', id);
    expect(again.stderr).toContain(`token "${id}" is already revoked`);
    expect((await duyet(env, 'tokens', 'revoke', 'tok_nope')).stderr).toContain('no token with id "tok_nope"');
    expect(await withTestStore((db) => verifyToken(db, token))).toEqual({ success: false, error: 'revoked' });
    const audit = await withTestStore((db) => listAudit(db, { subject: id }));
    expect(audit.map((a) => a.kind)).toEqual(['token.use', 'token.revoked', 'token.use', 'token.created']);
  });

  it('refuses a token for an unknown user, a past expiry or a malformed date, and creates nothing', async () => {
    const env = testEnv();
    const before = (await duyet(env, 'tokens', 'list', '--json')).stdout;
    expect((await duyet(env, 'tokens', 'create', '--user', 'ghost', '--name', 'x')).code).toBe(1);
    const past = await duyet(env, 'tokens', 'create', '--user', 'vo.lan', '--name', 'x', '--expires', '2020-01-01');
    expect(past.stderr).toContain('expected an expiry in the future');
    const malformed = await duyet(
      env,
      'tokens',
      'create',
      '--user',
      'vo.lan',
      '--name',
      'x',
      '--expires',
      '31/02/2027',
    );
    expect(malformed.stderr).toContain('--expires: expected a date');
    expect((await duyet(env, 'tokens', 'list', '--json')).stdout).toBe(before);
  });

  it('reads an expiry date as the end of that day in Vietnam', () => {
    expect(expiryArg('2027-12-31').toISOString()).toBe('2027-12-31T16:59:59.999Z');
    expect(expiryArg('1/2/2027').toISOString()).toBe('2027-02-01T16:59:59.999Z');
    expect(expiryArg('2027-06-01T00:00:00Z').toISOString()).toBe('2027-06-01T00:00:00.000Z');
    expect(() => expiryArg('next week')).toThrow('--expires: expected a date');
  });
});
