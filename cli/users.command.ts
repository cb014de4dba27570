import type { Command } from 'commander';
import { findUser, loadDirectory } from '../directory/directory.js';
import { recordAudit, revokeUserSessions, setPassword, withStore } from '../store/index.js';
import { loadConfig } from '../temporal.config.js';
import { write } from './io.js';

/** Reads all of standard input and drops one trailing line break: the password, never taken from argv. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (then Enter and Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!password) {
    throw new Error(
      'expected the password on standard input, e.g. printf %s "$PASSWORD" | duyet users set-password ID',
    );
  }
  return password;
}

/**
 * Adds `users set-password ID` under the existing `users` command: the password from standard input, hashed
 * into the store; the user's sessions end and the change is audited.
 */
export function registerUsersCommands(program: Command): void {
  const users = program.commands.find((c) => c.name() === 'users') ?? program.command('users');
  users
    .command('set-password')
    .description("set a user's password, read from standard input (never from the command line)")
    .argument('<userId>', 'a user of the directory')
    .action(async (userId: string) => {
      const config = loadConfig();
      findUser(loadDirectory(config.directoryFile), userId);
      const password = await readPassword();
      const ended = await withStore(config, async (db) => {
        await setPassword(db, userId, password);
        const count = await revokeUserSessions(db, userId);
        await recordAudit(db, { kind: 'password.set', outcome: 'allowed', subject: userId });
        return count;
      });
      write(`duyet: password set for ${userId}${ended ? `; ${ended} session(s) ended` : ''}`);
    });
}
