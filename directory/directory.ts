import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Units, type Unit } from './units.js';

/** A person's place in a unit: the unit's id and the roles they hold inside it, e.g. its focal point. */
export const Membership = z.strictObject({
  unit: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a unit id from directory/units.json'),
  roles: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case role id such as "focal-point"')).min(1),
});
export type Membership = z.infer<typeof Membership>;

/** One person in the directory and the roles they hold. */
export const User = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    email: z.email(),
    roles: z.array(z.string().min(1)).default([]),
    unit: z.string().optional(),
    /** The ids of the units (directory/units.json) the person belongs to. */
    units: z.array(z.string().min(1)).optional(),
    /** The roles the person holds inside units: a focal point acts for their agency. */
    memberships: z.array(Membership).optional(),
  })
  .refine((user) => user.roles.length > 0 || (user.memberships ?? []).length > 0, {
    message: 'expected at least one role, or a membership of a unit with its roles',
    path: ['roles'],
  });
export type User = z.infer<typeof User>;

/**
 * A user's roles with those held inside units written "role@unit" ("focal-point@bo-ngoai-giao"), as a process
 * awaiting a unit reads them (pure).
 */
export const withUnitRoles = (user: User): User => ({
  ...user,
  roles: [
    ...new Set([...user.roles, ...(user.memberships ?? []).flatMap((m) => m.roles.map((role) => `${role}@${m.unit}`))]),
  ],
});

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
  return parsed.data.map(withUnitRoles);
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
    .map((user) => ({
      user: user.id,
      units: [...(user.units ?? []), ...(user.memberships ?? []).map((m) => m.unit)].filter((id) => !ids.has(id)),
    }))
    .filter((entry) => entry.units.length > 0);
}
