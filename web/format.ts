import { addDays, formatVn, isWorkingDay, toPlainDate, type CalendarTable } from '../calendar/index.js';
import type { Messages } from './messages.js';

/** An instant as dd/mm/yyyy in Asia/Ho_Chi_Minh (pure). */
export const formatDate = (instant: string): string => formatVn(toPlainDate(instant));

/** An instant as dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh, the same in every language (pure). */
export function formatDateTime(instant: string): string {
  const vn = new Date(Date.parse(instant) + 7 * 3_600_000);
  const hh = String(vn.getUTCHours()).padStart(2, '0');
  const mm = String(vn.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(instant)} ${hh}:${mm}`;
}

/**
 * Working days from today to a due instant's day, both in Asia/Ho_Chi_Minh: positive when that many working days
 * remain after today, negative when the due day passed that many working days ago, 0 on the due day (pure).
 */
export function workingDaysUntil(dueAt: string, now: Date, table: CalendarTable): number {
  const today = toPlainDate(now.getTime());
  const due = toPlainDate(dueAt);
  if (due === today) return 0;
  const [from, to, sign] = due > today ? [today, due, 1] : [due, today, -1];
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, table)) count += 1;
  return sign * count;
}

/** "còn N ngày làm việc" / "quá hạn N ngày làm việc" / "đến hạn hôm nay" for a due instant (pure). */
export function dueText(m: Messages, dueAt: string, now: Date, table: CalendarTable): string {
  const n = workingDaysUntil(dueAt, now, table);
  if (n > 0) return m.daysLeft(n);
  if (n < 0 || Date.parse(dueAt) < now.getTime()) return m.daysLate(Math.max(1, -n));
  return m.dueToday;
}
