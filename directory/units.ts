import { z } from 'zod';
import { closest, foldedKey, nameKey } from './names.js';

/**
 * What kind of body a unit is. The first four are the kinds the foreign-affairs plan distinguishes (the city's
 * leadership; "sở, ban, ngành"; "quận, huyện, thị xã"; "tổ chức chính trị - xã hội"); the others place units that
 * other processes assign work to.
 */
export const UnitKind = z.enum([
  'city-leadership',
  'department',
  'district',
  'socio-political-organisation',
  'public-service-unit',
  'central-agency',
]);
export type UnitKind = z.infer<typeof UnitKind>;

const label = z.string().trim().min(1).max(300);

/** One agency or body: its id, its Vietnamese name, the short names and spellings documents use, and its parent. */
export const Unit = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case unit id, such as "so-du-lich"'),
  name: label,
  /** Abbreviations in use: "Sở KH&ĐT", "UBND Thành phố". */
  shortNames: z.array(label).default([]),
  /** Other spellings found in documents: "Sở Công thương" for "Sở Công Thương". */
  spellings: z.array(label).default([]),
  parent: z.string().min(1).optional(),
  kind: UnitKind,
  /** The English name, for messages read alongside. */
  en: label.optional(),
});
export type Unit = z.infer<typeof Unit>;

/** A directory of units whose ids are unique, whose parents exist and whose names and spellings name one unit each. */
export const Units = z.array(Unit).superRefine((units, ctx) => {
  const ids = new Set<string>();
  for (const [index, unit] of units.entries()) {
    if (ids.has(unit.id))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'id'],
        message: `expected each unit id once; "${unit.id}" repeats`,
      });
    ids.add(unit.id);
  }
  const owner = new Map<string, string>();
  for (const [index, unit] of units.entries()) {
    if (unit.parent !== undefined && !ids.has(unit.parent))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'parent'],
        message: `expected the id of a unit in the directory; no unit "${unit.parent}"`,
      });
    for (const name of [unit.name, ...unit.shortNames, ...unit.spellings]) {
      const other = owner.get(nameKey(name));
      if (other !== undefined && other !== unit.id)
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `expected each name to name one unit; "${name}" names both "${other}" and "${unit.id}"`,
        });
      owner.set(nameKey(name), unit.id);
    }
  }
});

/** A unit looked up by name, or why none was found. */
export type UnitLookup = { success: true; data: Unit } | { success: false; error: string };

/** Units indexed by every way of writing them, built once per directory. */
export class UnitIndex {
  private readonly exact = new Map<string, Unit>();
  private readonly folded = new Map<string, Set<Unit>>();

  /** Indexes the units under their ids, names, short names and spellings, each normalised (pure). */
  constructor(readonly units: readonly Unit[]) {
    for (const unit of units) {
      for (const name of [unit.id, unit.name, ...unit.shortNames, ...unit.spellings]) {
        this.exact.set(nameKey(name), unit);
        const key = foldedKey(name);
        this.folded.set(key, new Set([...(this.folded.get(key) ?? []), unit]));
      }
    }
  }

  /** The unit with this id, if any. */
  byId(id: string): Unit | undefined {
    return this.units.find((unit) => unit.id === id);
  }

  /**
   * The unit a name stands for: its id, name, a short name or a spelling, compared after normalisation (case,
   * spaces, Unicode form), then without diacritics when that names one unit only (pure).
   */
  resolve(text: string): UnitLookup {
    const found = this.exact.get(nameKey(text));
    if (found) return { success: true, data: found };
    const folded = [...(this.folded.get(foldedKey(text)) ?? [])];
    if (folded.length === 1) return { success: true, data: folded[0]! };
    if (folded.length > 1)
      return {
        success: false,
        error: `"${text}" may be any of ${folded.map((unit) => `"${unit.name}"`).join(', ')}; write it with its diacritics or by id`,
      };
    const names = [...this.folded.keys()];
    const near = closest(foldedKey(text), names).flatMap((key) => [...(this.folded.get(key) ?? [])]);
    const hint = near.length > 0 ? `did you mean ${[...new Set(near.map((u) => `"${u.name}"`))].join(' or ')}? ` : '';
    return {
      success: false,
      error: `unknown unit "${text}"; ${hint}expected a unit of the directory (directory/units.json): add it there with its id, name, short names and spellings`,
    };
  }
}
