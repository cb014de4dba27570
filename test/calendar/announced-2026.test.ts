import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/dates.js';
import { isWorkingDay } from '../../calendar/working-days.js';
import { loadAnnouncements, loadCalendarTable } from '../../client/calendar-tables.js';

const dir = new URL('../../calendar/data/', import.meta.url).pathname;
const table = loadCalendarTable(dir, [2026]);
const workingDaysBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(day, table)) days.push(day);
  return days;
};

describe('calendar/data/2026.json against the announcements it cites', () => {
  it('names its sources', () => {
    const announcement = loadAnnouncements(dir).find((a) => a.year === 2026);
    expect(announcement?.source?.length).toBeGreaterThan(0);
  });

  it('gives 4 days off for the New Year, 1–4/1/2026, worked back on Saturday 10/1 (12729/VPCP-KGVX)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-01-05')).toEqual(['2025-12-31', '2026-01-05']);
    expect(isWorkingDay('2026-01-10', table)).toBe(true);
  });

  it('gives 9 days off for Tết Bính Ngọ, Saturday 14/2 to Sunday 22/2/2026', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-23')).toEqual(['2026-02-13', '2026-02-23']);
  });
});
