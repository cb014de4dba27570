import type { Command } from 'commander';
import { findUser, loadDirectory } from '../directory/directory.js';
import { createToken, listTokens, recordAudit, revokeToken, withStore } from '../store/index.js';
import { loadConfig } from '../temporal.config.js';
import { print, write } from './io.js';

/**
 * An expiry from `--expires`: an ISO instant as is, or a date (YYYY-MM-DD or dd/mm/yyyy) meaning the end of
 * that day in Asia/Ho_Chi_Minh; pure.
 */
export function expiryArg(text: string): Date {
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (y && m && d) {
    const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const end = new Date(`${date}T23:59:59.999+07:00`);
    if (!Number.isNaN(end.getTime()) && end.toISOString().startsWith(date.slice(0, 7))) return end;
  }
  throw new Error(`--expires: expected a date (2027-12-31 or 31/12/2027) or an ISO instant; got "${text}"`);
}

/** Adds `tokens create|list|revoke`: API tokens for systems, stored as hashes and shown once. */
export function registerTokensCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens for systems that call duyet over HTTP');

  tokens
    .command('create')
    .description('create a token for a user and print it once; only its hash is kept')
    .requiredOption('--user <userId>', 'the directory user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "document system"')
    .option('--expires <date>', 'the last day it works (2027-12-31 or 31/12/2027, end of day in Vietnam) or an instant')
    .action(async (opts: { user: string; name: string; expires?: string }) => {
      const config = loadConfig();
      findUser(loadDirectory(config.directoryFile), opts.user);
      const expiresAt = opts.expires ? expiryArg(opts.expires) : undefined;
      const created = await withStore(config, async (db) => {
        const result = await createToken(db, { userId: opts.user, name: opts.name, expiresAt });
        await recordAudit(db, { kind: 'token.created', outcome: 'allowed', actor: opts.user, subject: result.info.id });
        return result;
      });
      print({ ...created.info, token: created.token });
      process.stderr.write('duyet: keep the token now; it is not shown again (only its hash is stored)\n');
    });

  tokens
    .command('list')
    .description('list tokens (never the tokens themselves)')
    .option('--user <userId>', "only this user's tokens")
    .option('--json', 'print JSON')
    .action(async (opts: { user?: string; json?: boolean }) => {
      const rows = await withStore(loadConfig(), (db) => listTokens(db, opts.user));
      if (opts.json) return print(rows);
      const now = Date.now();
      for (const t of rows) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
        write(
          `${t.id}\t${t.userId}\t${t.name}\t${state}\texpires ${t.expiresAt ?? 'never'}\tlast used ${t.lastUsedAt ?? 'never'}`,
        );
      }
    });

  tokens
    .command('revoke')
    .description('revoke a token by id; requests with it are refused from then on')
    .argument('<tokenId>', 'the id `tokens list` shows, e.g. tok_1a2b3c4d5e6f')
    .action(async (id: string) => {
      const result = await withStore(loadConfig(), async (db) => {
        const revoked = await revokeToken(db, id);
        if (revoked.success) {
          await recordAudit(db, { kind: 'token.revoked', outcome: 'allowed', actor: revoked.data.userId, subject: id });
        }
        return revoked;
      });
      if (!result.success) {
        throw new Error(
          result.error === 'unknown'
            ? `no token with id "${id}"; "duyet tokens list" shows them`
            : `token "${id}" is already revoked`,
        );
      }
      write(`duyet: token ${id} (${result.data.name}, ${result.data.userId}) revoked`);
    });
}
