import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { buildCalendarTable, YearAnnouncement, type CalendarTable } from '../calendar/index.js';

const YEAR_FILE = /^(\d{4})\.json$/;

/** Reads and validates one announcement file, throwing an error that names the file and what is wrong in it. */
function readAnnouncement(file: string, yearInName: number): YearAnnouncement {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(
      `cannot read holiday announcement ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err },
    );
  }
  const parsed = YearAnnouncement.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `holiday announcement ${file} is invalid; expected {"year", "daysOff": [{"date", "name"}], "workingDays": [...]}:\n${z.prettifyError(parsed.error)}`,
    );
  }
  if (parsed.data.year !== yearInName) {
    throw new Error(
      `holiday announcement ${file} says "year": ${parsed.data.year}; a file named ${yearInName}.json holds the year ${yearInName}`,
    );
  }
  return parsed.data;
}

/** Every announcement `YYYY.json` in a folder, validated, in year order; a missing folder or a bad file throws naming it. */
export function loadAnnouncements(dir: string): YearAnnouncement[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new Error(
      `cannot read the holiday folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      { cause: err },
    );
  }
  return names
    .filter((name) => YEAR_FILE.test(name))
    .sort()
    .map((name) => readAnnouncement(join(dir, name), Number(YEAR_FILE.exec(name)![1])));
}

/** The calendar table for some years, from the statutory holidays and the announcements in a folder. */
export function loadCalendarTable(dir: string, years: number[]): CalendarTable {
  return buildCalendarTable(years, loadAnnouncements(dir));
}

/** The first of the candidate folders that exists, else the first (so the error names where data was expected). */
function firstExisting(candidates: string[]): string {
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

/** The package's own `calendar/data` folder, whether this module runs from source (client/) or from dist/client/. */
export const defaultCalendarDir: string = firstExisting([
  fileURLToPath(new URL('../calendar/data', import.meta.url)),
  fileURLToPath(new URL('../../calendar/data', import.meta.url)),
]);
