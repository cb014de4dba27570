import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, endOfDay, formatVn, isPlainDate, startOfDay, toPlainDate } from '../../calendar/index.js';

describe('calendar days in Asia/Ho_Chi_Minh', () => {
  it('takes the Vietnamese day of an instant, seven hours ahead of UTC', () => {
    expect(toPlainDate('2023-09-14T16:59:59Z')).toBe('2023-09-14');
    expect(toPlainDate('2023-09-14T17:00:00Z')).toBe('2023-09-15');
    expect(toPlainDate('2023-09-14T23:59:59+07:00')).toBe('2023-09-14');
    expect(toPlainDate(Date.UTC(2023, 8, 14, 17))).toBe('2023-09-15');
    expect(toPlainDate('2023-09-15')).toBe('2023-09-15');
  });

  it('refuses an instant without an offset, which would depend on the host', () => {
    expect(() => toPlainDate('2023-09-14T10:00:00')).toThrow(/expected an ISO text with an offset/);
    expect(() => toPlainDate(Number.NaN)).toThrow(/not an instant/);
  });

  it('writes the first and last second of a day with the +07:00 offset', () => {
    expect(startOfDay('2023-09-14')).toBe('2023-09-14T00:00:00+07:00');
    expect(endOfDay('2023-09-14')).toBe('2023-09-14T23:59:59+07:00');
    expect(Date.parse(endOfDay('2023-09-14'))).toBe(Date.UTC(2023, 8, 14, 16, 59, 59));
  });

  it('adds days across months, leap days and years, forwards and backwards', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('1999-12-31', 366)).toBe('2000-12-31');
  });

  it('knows the day of the week, 0 for Sunday', () => {
    expect(dayOfWeek('2023-09-17')).toBe(0);
    expect(dayOfWeek('2023-09-16')).toBe(6);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1900-01-01')).toBe(1);
  });

  it('writes dates the Vietnamese way', () => {
    expect(formatVn('2023-09-05')).toBe('05/09/2023');
  });

  it('tells real dates from impossible ones', () => {
    expect(isPlainDate('2024-02-29')).toBe(true);
    expect(isPlainDate('2023-02-29')).toBe(false);
    expect(isPlainDate('2023-02-30')).toBe(false);
    expect(isPlainDate('2023-13-01')).toBe(false);
    expect(isPlainDate('2023-9-1')).toBe(false);
  });
});
