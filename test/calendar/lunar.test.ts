import { describe, expect, it } from 'vitest';
import { addDays, lunarToSolar, solarToLunar } from '../../calendar/index.js';

const firstOfTet = (year: number) => lunarToSolar({ year, month: 1, day: 1, leap: false });

describe('the Vietnamese lunar calendar', () => {
  it.each([
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('puts the first day of Tết %i on %s', (year, date) => {
    expect(firstOfTet(year)).toBe(date);
  });

  it('computes Tết on the UTC+7 meridian, a day or a month apart from the Chinese calendar in some years', () => {
    expect(firstOfTet(2007)).toBe('2007-02-17');
    expect(firstOfTet(1985)).toBe('1985-01-21');
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])("puts the Hùng Kings' day (10/3 lunar) of %i on %s", (year, date) => {
    expect(lunarToSolar({ year, month: 3, day: 10, leap: false })).toBe(date);
  });

  it('reads the leap 2nd month of 2023 and the leap 6th month of 2025', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar('2023-02-20')).toEqual({ year: 2023, month: 2, day: 1, leap: false });
    expect(solarToLunar('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(lunarToSolar({ year: 2025, month: 6, day: 15, leap: true })).toBe('2025-08-08');
  });

  it('gives the last day of a lunar year as the day before Tết, whether the 12th month has 29 or 30 days', () => {
    expect(solarToLunar('2024-02-09')).toEqual({ year: 2023, month: 12, day: 30, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ year: 2024, month: 12, day: 29, leap: false });
  });

  it('round-trips every day from 1990 to 2035 through the lunar calendar', () => {
    const mismatches: string[] = [];
    for (let date = '1990-01-01'; date <= '2035-12-31'; date = addDays(date, 1)) {
      const lunar = solarToLunar(date);
      if (lunarToSolar(lunar) !== date) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });

  it('counts lunar days 1 to 30 and months 1 to 12 over several years', () => {
    const seenLeap: number[] = [];
    for (let date = '2020-01-01'; date <= '2030-12-31'; date = addDays(date, 1)) {
      const lunar = solarToLunar(date);
      expect(lunar.day).toBeGreaterThanOrEqual(1);
      expect(lunar.day).toBeLessThanOrEqual(30);
      if (lunar.leap && lunar.day === 1) seenLeap.push(lunar.year * 100 + lunar.month);
    }
    expect(seenLeap).toEqual([202004, 202302, 202506, 202805]);
  });

  it('refuses lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ year: 2024, month: 2, day: 1, leap: true })).toThrow(/has no leap month/);
    expect(() => lunarToSolar({ year: 2023, month: 3, day: 1, leap: true })).toThrow(/has leap month 2/);
    expect(() => lunarToSolar({ year: 2024, month: 13, day: 1, leap: false })).toThrow(/month is 1–12/);
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).toThrow(/has 29 days/);
  });
});
