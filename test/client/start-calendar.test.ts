import { describe, expect, it } from 'vitest';
import { buildCalendarTable } from '../../calendar/index.js';
import { workflowCalendar, yearsNeeded } from '../../client/start.js';

describe('the calendar a start sends', () => {
  it('spans this year to the year after the last due date, at least the next two', () => {
    const at = new Date('2026-11-23T08:00:00Z');
    expect(yearsNeeded(at, { milestones: { a: '2027-09-29T23:59:59+07:00', b: '2029-01-10T17:00:00+07:00' } })).toEqual(
      [2026, 2027, 2028, 2029, 2030],
    );
    expect(yearsNeeded(at, { subject: 'no due dates' })).toEqual([2026, 2027, 2028]);
    expect(yearsNeeded(at, null)).toEqual([2026, 2027, 2028]);
  });

  it('keeps every date and drops the names the machine never reads', () => {
    const table = buildCalendarTable([2027], []);
    const sent = workflowCalendar(table);
    expect(sent.daysOff.map((d) => d.date)).toEqual(table.daysOff.map((d) => d.date));
    expect(sent.daysOff.every((d) => d.name === '')).toBe(true);
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(table).length);
  });
});
