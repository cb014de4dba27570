export {
  addDays,
  dayOfWeek,
  endOfDay,
  formatVn,
  isPlainDate,
  startOfDay,
  toPlainDate,
  type PlainDate,
} from './dates.js';
export { lunarToSolar, solarToLunar, type LunarDate } from './lunar.js';
export {
  buildCalendarTable,
  holidaysOf,
  statutoryHolidays,
  YearAnnouncement,
  type CalendarTable,
  type Holiday,
  type NationalDayAdjacent,
} from './holidays.js';
export { addWorkingDays, isWorkingDay, type WorkingDaysResult } from './working-days.js';
export { deadlineForms, parseDeadline, type DeadlineOptions, type ResolvedDeadline, type Result } from './phrases.js';
