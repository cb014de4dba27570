import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/dates.js';
import { buildCalendarTable } from '../../calendar/holidays.js';
import { addWorkingDays, countWorkingDays, isWorkingDay, shiftWorkingDays } from '../../calendar/working-days.js';

/** The count day by day, as isWorkingDay answers. */
function byDay(first: string, last: string, table: Parameters<typeof isWorkingDay>[1]): number {
  let count = 0;
  for (let day = first; day <= last; day = addDays(day, 1)) if (isWorkingDay(day, table)) count += 1;
  return count;
}

describe('countWorkingDays', () => {
  const statutory = buildCalendarTable([2026, 2027], []);
  // Odd tables too: a weekday both off and worked, a worked Saturday, a day off on a Sunday, a day off listed twice.
  const odd = {
    daysOff: [
      { date: '2026-03-02', name: 'a' },
      { date: '2026-03-02', name: 'a again' },
      { date: '2026-03-08', name: 'Sunday off' },
      { date: '2026-03-10', name: 'off and worked' },
    ],
    workingDays: [
      { date: '2026-03-07', name: 'worked Saturday' },
      { date: '2026-03-10', name: 'off and worked' },
    ],
  };

  it('agrees with counting day by day, over spans from a day to two years', () => {
    for (const table of [statutory, odd]) {
      for (const [first, span] of [
        ['2026-01-01', 0],
        ['2026-02-13', 10],
        ['2026-03-01', 13],
        ['2026-03-05', 6],
        ['2026-04-25', 40],
        ['2026-08-30', 200],
        ['2026-01-01', 729],
      ] as const) {
        const last = addDays(first, span);
        expect(countWorkingDays(first, last, table), `${first}..${last}`).toBe(byDay(first, last, table));
      }
    }
  });

  it('is 0 when the span ends before it starts', () => {
    expect(countWorkingDays('2026-03-10', '2026-03-09', statutory)).toBe(0);
  });
});

describe('shiftWorkingDays', () => {
  const table = buildCalendarTable([2026, 2027], []);
  it('lands where addWorkingDays lands, forwards and backwards', () => {
    for (const start of ['2026-01-01', '2026-02-13', '2026-04-29', '2026-08-29', '2026-12-31'])
      for (const n of [-7, -3, -2, -1, 0, 1, 2, 3, 10, 40])
        expect(shiftWorkingDays(start, n, table), `${start} ${n}`).toBe(addWorkingDays(start, n, table).date);
  });
});
