import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCalendarDir, loadAnnouncements, loadCalendarTable } from '../../client/calendar-tables.js';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temporary folder holding the given files. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'duyet-calendar-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('holiday announcement files', () => {
  it('are found in the package calendar/data folder', () => {
    expect(defaultCalendarDir.replace(/\\/g, '/')).toMatch(/\/calendar\/data$/);
    expect(existsSync(join(defaultCalendarDir, '2025.json'))).toBe(true);
  });

  it('shipped for 2024 to 2026 are valid and hold their own year', () => {
    expect(loadAnnouncements(defaultCalendarDir).map((a) => a.year)).toEqual([2024, 2025, 2026]);
  });

  it('give the swapped working days of the years asked for only', () => {
    expect(loadCalendarTable(defaultCalendarDir, [2025]).workingDays).toEqual([
      { date: '2025-04-26', name: 'Làm bù cho ngày nghỉ hoán đổi 02/05/2025' },
    ]);
  });

  it('are read only when named YYYY.json', () => {
    const dir = folderWith({
      '2030.json': '{"year": 2030, "daysOff": [], "workingDays": []}',
      'README.md': '# notes',
      'draft.json': '{',
    });
    expect(loadAnnouncements(dir)).toEqual([{ year: 2030, daysOff: [], workingDays: [] }]);
  });

  it('that break the schema are refused, naming the file and the issue', () => {
    const dir = folderWith({
      '2030.json': '{"year": 2030, "daysOff": [{"date": "2030-02-30", "name": "x"}], "workingDays": []}',
    });
    expect(() => loadAnnouncements(dir)).toThrow(
      new RegExp(`${join(dir, '2030.json').replace(/[\\/.]/g, '\\$&')} is invalid[\\s\\S]*daysOff[\\s\\S]*real date`),
    );
  });

  it('that are not JSON are refused, naming the file', () => {
    const dir = folderWith({ '2030.json': '{"year": 2030,' });
    expect(() => loadAnnouncements(dir)).toThrow(/cannot read holiday announcement .*2030\.json/);
  });

  it('whose year differs from their name are refused', () => {
    const dir = folderWith({ '2030.json': '{"year": 2031, "daysOff": [], "workingDays": []}' });
    expect(() => loadAnnouncements(dir)).toThrow(/2030\.json says "year": 2031/);
  });

  it('in a missing folder are refused, naming the folder', () => {
    expect(() => loadAnnouncements('/nonexistent/calendar')).toThrow(
      'cannot read the holiday folder /nonexistent/calendar: ENOENT',
    );
  });
});
