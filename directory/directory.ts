import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One person in the directory and the roles they hold. */
export const User = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.email(),
  roles: z.array(z.string().min(1)).min(1),
  unit: z.string().optional(),
});
export type User = z.infer<typeof User>;

/** Reads and validates the directory file; throws naming the file and the problem. */
export function loadDirectory(file: string): User[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the user directory ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = z.array(User).safeParse(raw);
  if (!parsed.success) throw new Error(`invalid user directory ${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Finds a user by id; throws listing the known ids when there is none. */
export function findUser(users: User[], id: string): User {
  const user = users.find((u) => u.id === id);
  if (!user) throw new Error(`unknown user "${id}"; the directory has: ${users.map((u) => u.id).join(', ')}`);
  return user;
}
