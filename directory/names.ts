import { distance } from 'fastest-levenshtein';

/**
 * The key two spellings of one name share: Unicode NFC, lower case (Vietnamese rules), single spaces, no spaces
 * around punctuation such as "-" and "&" (pure).
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/\s+/gu, ' ')
    .replace(/\s*([-–&,.()/])\s*/gu, '$1')
    .trim();
}

/**
 * The key of a name written without diacritics ("Nhat Ban" for "Nhật Bản", "Hoà" for "Hòa"): {@link nameKey} with
 * every combining mark removed and "đ" read as "d" (pure).
 */
export function foldedKey(text: string): string {
  return nameKey(text).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gu, 'd').normalize('NFC');
}

/** The candidates closest to a word, within a third of its length in edits, nearest first (pure). */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  return candidates
    .map((candidate) => ({ candidate, edits: distance(word, candidate) }))
    .filter(({ edits }) => edits <= limit)
    .sort((x, y) => x.edits - y.edits)
    .slice(0, max)
    .map(({ candidate }) => candidate);
}
