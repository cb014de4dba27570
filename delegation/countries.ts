import countries from 'i18n-iso-countries';
import { closest, foldedKey, nameKey } from '../directory/names.js';

/** A country as the rules count it: its ISO 3166-1 alpha-2 code and its Vietnamese name. */
export interface Country {
  code: string;
  name: string;
}

/** A country looked up from what a person wrote, or why none was found. */
export type CountryLookup = { success: true; data: Country } | { success: false; error: string };

const LANGUAGES = ['vi', 'en'] as const;

/** The state-form words before a Vietnamese official name, folded: "Cộng hòa Dân chủ nhân dân Lào" is "Lào" in use. */
const STATE_FORM =
  /^(cong hoa( dan chu nhan dan| dan chu| hoi giao| thong nhat| xa hoi chu nghia)?|vuong quoc|lien bang|hop chung quoc) /u;

let index:
  { exact: Map<string, Set<string>>; folded: Map<string, Set<string>>; short: Map<string, Set<string>> } | undefined;

/**
 * Every Vietnamese and English name (with the library's aliases) under its normalised and folded keys, and each
 * Vietnamese official name without its state form ("Lào", "Séc", "Anh", "Hoa Kỳ") as the name in use, built once.
 */
function names() {
  if (index) return index;
  const exact = new Map<string, Set<string>>();
  const folded = new Map<string, Set<string>>();
  const short = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, code: string) =>
    map.set(key, new Set([...(map.get(key) ?? []), code]));
  for (const language of LANGUAGES) {
    for (const [code, written] of Object.entries(countries.getNames(language, { select: 'all' }))) {
      for (const name of written) {
        add(exact, nameKey(name), code);
        add(folded, foldedKey(name), code);
        const inUse = language === 'vi' ? foldedKey(name).replace(STATE_FORM, '') : '';
        if (inUse !== '' && inUse !== foldedKey(name)) add(short, inUse, code);
      }
    }
  }
  index = { exact, folded, short };
  return index;
}

/** The Vietnamese name of a country code, from the country-name library (pure). */
export function countryName(code: string): string {
  return countries.getName(code, 'vi') ?? countries.getName(code, 'en') ?? code;
}

const found = (code: string): CountryLookup => ({ success: true, data: { code, name: countryName(code) } });

/**
 * The country a person means: an ISO 3166-1 code (alpha-2 or alpha-3) or a Vietnamese or English name known to the
 * maintained `i18n-iso-countries` library, compared after normalisation (case, spaces, Unicode form) and, when that
 * names one country only, without diacritics ("Nhat Ban"), or a Vietnamese official name without its state form
 * ("Lào" for "Cộng hòa Dân chủ nhân dân Lào") when that names one country only (pure).
 */
export function resolveCountry(text: string): CountryLookup {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && countries.isValid(trimmed.toUpperCase())) return found(trimmed.toUpperCase());
  if (/^[A-Za-z]{3}$/.test(trimmed)) {
    const alpha2 = countries.alpha3ToAlpha2(trimmed.toUpperCase());
    if (alpha2) return found(alpha2);
  }
  const { exact, folded, short } = names();
  for (const codes of [exact.get(nameKey(trimmed)), folded.get(foldedKey(trimmed))]) {
    if (codes?.size === 1) return found([...codes][0]!);
    if (codes && codes.size > 1)
      return {
        success: false,
        error: `"${text}" may be any of ${[...codes].map((code) => `${countryName(code)} (${code})`).join(', ')}; write its ISO 3166 code`,
      };
  }
  const key = foldedKey(trimmed);
  // The name in use of one country only, when no name of the library is written so.
  const inUse = short.get(key);
  if (inUse?.size === 1 && !folded.has(key)) return found([...inUse][0]!);
  const near = [
    ...new Set([
      ...closest(key, [...folded.keys()]).flatMap((name) => [...(folded.get(name) ?? [])]),
      // A short name inside an official one: "Lào" in "Cộng hòa Dân chủ nhân dân Lào".
      ...(key.length >= 3
        ? [...folded].filter(([name]) => name.endsWith(` ${key}`)).flatMap(([, codes]) => [...codes])
        : []),
    ]),
  ].slice(0, 3);
  const hint =
    near.length > 0 ? `did you mean ${near.map((code) => `${countryName(code)} (${code})`).join(' or ')}? ` : '';
  return {
    success: false,
    error: `unknown country "${text}"; ${hint}expected an ISO 3166 code such as "JP", or a Vietnamese or English country name such as "Nhật Bản" or "Japan"`,
  };
}
