import { closest, foldedKey } from '../directory/names.js';
import { UnitIndex, type Unit } from '../directory/units.js';

/**
 * Phrases that name a group of agencies rather than one ("các Bộ, ngành liên quan"): kept as written, never
 * reported as unknown units.
 */
export const GROUP_PHRASES: readonly string[] = [
  'các Bộ, ngành, địa phương liên quan',
  'các Bộ, ngành liên quan',
  'các Bộ quản lý chuyên ngành',
  'các cơ quan báo chí ở trung ương và địa phương',
  'các đài phát thanh truyền hình địa phương',
  'các bộ ngành, cơ quan',
  'các bộ, ngành, địa phương',
];

/** One agency named in a cell: the text as written and the unit it stands for, or null for a group or an unknown name. */
export interface NamedAgency {
  text: string;
  unit: string | null;
  /** True when the text names a group of agencies ("các Bộ, ngành liên quan"). */
  group: boolean;
  /** For an unknown name: the names of the nearest units, nearest first. */
  candidates?: string[];
}

const SEPARATOR = /(\s*,\s*|\s+và\s+)/u;
const tidy = (text: string): string =>
  text
    .replace(/\s+/gu, ' ')
    .replace(/^[\s,;.-]+|[\s,;.]+$/gu, '')
    .trim();

/** Agency names matched against the unit directory, for the importers (pure once built). */
export class AgencyMatcher {
  private readonly index: UnitIndex;
  private readonly prefixes: string[];

  /** Indexes the units' names, short names and spellings, and the group phrases. */
  constructor(units: readonly Unit[]) {
    this.index = new UnitIndex(units);
    this.prefixes = [
      ...units.flatMap((unit) => [unit.name, ...unit.shortNames, ...unit.spellings]),
      ...GROUP_PHRASES,
    ].map(foldedKey);
  }

  private grows(text: string): boolean {
    const key = foldedKey(tidy(text));
    return (
      key !== '' &&
      this.prefixes.some(
        (name) => name.startsWith(key) && (name.length === key.length || /[\s,&-]/u.test(name[key.length]!)),
      )
    );
  }

  /** Whether the text names one unit or group exactly, or ends with one after a comma or "và". */
  private complete(text: string): boolean {
    const parts = tidy(text).split(SEPARATOR);
    return parts.some((_, start) => start % 2 === 0 && this.exact(parts.slice(start).join('')));
  }

  private exact(text: string): boolean {
    return this.unitOf(text) !== null || this.isGroup(text, true);
  }

  /**
   * Whether a wrapped cell continues an agency cell: the cell starts with "," "-" or "và", or the cell ends a name
   * left open (nothing complete at the end, or a trailing comma or "và"), and the two still spell the beginning of a
   * unit's name or of a group phrase.
   */
  continues(current: string, cell: string): boolean {
    const open = /(,|\s-|\svà)\s*$/u.test(current) || /^\s*(,|-|–|và\s)/u.test(cell) || !this.complete(current);
    if (!open) return false;
    const parts = current.split(SEPARATOR);
    for (let start = 0; start < parts.length; start += 2)
      if (this.grows(`${parts.slice(start).join('')} ${cell}`)) return true;
    return false;
  }

  /** The unit a name stands for, if it names one. */
  unitOf(text: string): Unit | null {
    const found = this.index.resolve(tidy(text));
    return found.success ? found.data : null;
  }

  private isGroup(text: string, exactly = false): boolean {
    const key = foldedKey(tidy(text));
    return (!exactly && key.startsWith('cac ')) || GROUP_PHRASES.some((phrase) => foldedKey(phrase) === key);
  }

  /**
   * Splits a cell into the agencies it names ("Bộ Nội vụ, Bộ Giáo dục và Đào tạo"), keeping a comma or "và" inside a
   * unit's own name ("Bộ Văn hóa, Thể thao và Du lịch"); the longest run of pieces that names a unit wins.
   */
  agencies(cell: string): NamedAgency[] {
    const parts = tidy(cell).split(SEPARATOR);
    const found: NamedAgency[] = [];
    let start = 0;
    while (start < parts.length) {
      let end = parts.length;
      let unit: Unit | null = null;
      for (; end > start; end -= 2) {
        const text = parts.slice(start, end).join('');
        unit = this.unitOf(text);
        if (unit || this.isGroup(text)) break;
      }
      if (end <= start) end = start + 1;
      const text = tidy(parts.slice(start, end).join(''));
      if (text !== '') found.push(this.named(text, unit));
      start = end + 1;
    }
    return found;
  }

  private named(text: string, unit: Unit | null): NamedAgency {
    if (unit) return { text, unit: unit.id, group: false };
    if (this.isGroup(text)) return { text, unit: null, group: true };
    const near = closest(
      foldedKey(text),
      this.index.units.map((u) => foldedKey(u.name)),
    );
    const names = near.map((key) => this.index.units.find((u) => foldedKey(u.name) === key)!.name);
    return { text, unit: null, group: false, candidates: names };
  }
}
