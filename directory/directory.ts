import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Units, type Unit } from './units.js';

/** One person in the directory and the roles they hold. */
export const User = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.email(),
  roles: z.array(z.string().min(1)).min(1),
  unit: z.string().optional(),
  /** The ids of the units (directory/units.json) the person belongs to. */
  units: z.array(z.string().min(1)).optional(),
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

/** Reads and validates a unit directory file; throws naming the file and the problem. */
export function loadUnits(file: string): Unit[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the unit directory ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = Units.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid unit directory ${file}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The users whose units are not in the unit directory, each with the unknown ids (pure). */
export function unknownUserUnits(users: User[], units: Unit[]): Array<{ user: string; units: string[] }> {
  const ids = new Set(units.map((unit) => unit.id));
  return users
    .map((user) => ({ user: user.id, units: (user.units ?? []).filter((id) => !ids.has(id)) }))
    .filter((entry) => entry.units.length > 0);
}
