import { describe, expect, it } from 'vitest';
import { compactCalendar, expandCalendar } from '../../calendar/compact.js';

const table = {
  daysOff: [
    { date: '2026-01-01', name: 'Tết Dương lịch' },
    { date: '2026-04-30', name: 'Ngày Chiến thắng' },
  ],
  workingDays: [{ date: '2026-01-10', name: 'làm bù' }],
};

describe('the calendar a start carries', () => {
  it('keeps the dates and leaves out the names', () => {
    expect(compactCalendar(table)).toEqual({ daysOff: ['2026-01-01', '2026-04-30'], workingDays: ['2026-01-10'] });
  });

  it('expands a compact calendar to a table with empty names, and keeps a whole table as it is', () => {
    expect(expandCalendar(compactCalendar(table))).toEqual({
      daysOff: [
        { date: '2026-01-01', name: '' },
        { date: '2026-04-30', name: '' },
      ],
      workingDays: [{ date: '2026-01-10', name: '' }],
    });
    expect(expandCalendar(table)).toEqual(table);
  });
});
