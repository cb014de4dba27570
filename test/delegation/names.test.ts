import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveCountry } from '../../delegation/countries.js';
import { loadUnits, unknownUserUnits, User } from '../../directory/directory.js';
import { foldedKey, nameKey } from '../../directory/names.js';
import { UnitIndex, Units } from '../../directory/units.js';

const unitsFile = new URL('../../directory/units.json', import.meta.url).pathname;
const index = new UnitIndex(loadUnits(unitsFile));
const unitOf = (text: string) => {
  const found = index.resolve(text);
  return found.success ? found.data.id : found.error;
};
const countryOf = (text: string) => {
  const found = resolveCountry(text);
  return found.success ? found.data.code : found.error;
};

describe('names', () => {
  it('give one key to spellings that differ in case, spaces and Unicode form', () => {
    const decomposed = 'Sở Công Thương'.normalize('NFD');
    expect(new Set(['Sở Công thương', 'Sở Công Thương', ' sở  công thương ', decomposed].map(nameKey)).size).toBe(1);
  });

  it('fold diacritics, "đ" and the old tone placement', () => {
    expect(foldedKey('Nhật Bản')).toBe(foldedKey('Nhat Ban'));
    expect(foldedKey('Thuỵ Điển')).toBe(foldedKey('Thụy Điển'));
  });
});

describe('the unit directory', () => {
  // Issue 12: "two key leaders of one unit pass when the unit is spelled "Sở Công thương" once and "Sở Công Thương" once".
  it('reads every spelling of one unit as that unit', () => {
    for (const spelling of [
      'Sở Công thương',
      'Sở Công Thương',
      'sở công thương'.normalize('NFD'),
      'So Cong Thuong',
      'Sở CT',
    ])
      expect(unitOf(spelling)).toBe('so-cong-thuong');
    expect(unitOf('Sở KH&ĐT')).toBe('so-ke-hoach-va-dau-tu');
    expect(unitOf('Sở KH & ĐT')).toBe('so-ke-hoach-va-dau-tu');
    expect(unitOf('UBND Thành phố')).toBe('ubnd-thanh-pho');
  });

  it('refuses an unknown unit, suggesting a near one and saying how to add it', () => {
    expect(unitOf('Sở Du lich')).toBe('so-du-lich');
    expect(unitOf('Sở Du lịc')).toBe(
      'unknown unit "Sở Du lịc"; did you mean "Sở Du lịch"? expected a unit of the directory (directory/units.json): add it there with its id, name, short names and spellings',
    );
  });

  it('refuses a directory where one name means two units, or a parent is missing', () => {
    const unit = { id: 'a', name: 'Sở A', kind: 'department' };
    const issues = Units.safeParse([unit, { ...unit, id: 'b', spellings: ['sở a'], parent: 'z' }]).error?.issues;
    expect(issues?.map((issue) => issue.message)).toEqual([
      'expected the id of a unit in the directory; no unit "z"',
      'expected each name to name one unit; "Sở A" names both "a" and "b"',
    ]);
  });

  it('knows the units of every user who belongs to one', () => {
    const users = User.array().parse(
      JSON.parse(readFileSync(new URL('../../directory/users.json', import.meta.url), 'utf8')),
    );
    expect(users.filter((user) => user.units).length).toBeGreaterThan(0);
    expect(unknownUserUnits(users, index.units as never)).toEqual([]);
    expect(unknownUserUnits([{ ...users[0]!, units: ['so-khong-co'] }], [...index.units])).toEqual([
      { user: users[0]!.id, units: ['so-khong-co'] },
    ]);
  });
});

describe('countries', () => {
  // Issue 12: "4 days in Japan pass as "Nhật Bản" 2 days + "Nhat Ban" 2 days".
  it('read Vietnamese and English names, codes and spellings without diacritics as ISO 3166 codes', () => {
    for (const text of ['Nhật Bản', 'Nhat Ban', 'nhật  bản', 'Japan', 'JP', 'jp', 'JPN'])
      expect(countryOf(text)).toBe('JP');
    expect(countryOf('Thuỵ Điển')).toBe('SE');
    expect(countryOf('Mỹ')).toBe('US');
    expect(countryOf('Australia')).toBe('AU');
  });

  it('read a Vietnamese official name without its state form as the name in use, where it names one country', () => {
    expect(countryOf('Lào')).toBe('LA');
    expect(countryOf('Lao')).toBe('LA');
    expect(countryOf('Séc')).toBe('CZ');
    expect(countryOf('Hoa Kỳ')).toBe('US');
    expect(countryOf('Anh')).toBe('GB');
    // "Công-gô" is a name of its own (CG); the Democratic Republic keeps its official name.
    expect(countryOf('Công-gô')).toBe('CG');
  });

  // Issue 12: "a country "Atlantis" is accepted".
  it('refuse a country the library does not know, with a suggestion where one is close', () => {
    expect(countryOf('Atlantis')).toBe(
      'unknown country "Atlantis"; expected an ISO 3166 code such as "JP", or a Vietnamese or English country name such as "Nhật Bản" or "Japan"',
    );
    expect(countryOf('Nhật Bảng')).toMatch(/^unknown country "Nhật Bảng"; did you mean Nhật Bản \(JP\)\?/);
    expect(countryOf('Ca-mpu-chi-a')).toMatch(/did you mean Campuchia \(KH\)\?/);
    expect(countryOf('XX')).toMatch(/^unknown country "XX"/);
  });
});
