import {
  buildCalendarTable,
  endOfDay,
  formatVn,
  parseDeadline,
  type CalendarTable,
  type ResolvedDeadline,
  type Result,
} from '../calendar/index.js';
import { lastDayOfMonth } from '../calendar/dates.js';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const QUARTER = /^(?:(?:trong|cuối|hết) )?quý (iv|i{1,3}|[1-4])(?:\/| năm )(\d{4})$/u;
const HALF = /^(?:(?:trong|cuối|hết) )?(6 tháng đầu|6 tháng cuối) năm (\d{4})$/u;

/** A deadline phrase made comparable: NFC, lower case, single spaces, no trailing stop (pure). */
const normalized = (text: string): string =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/\s*\/\s*/gu, '/')
    .replace(/[.;,]+$/u, '')
    .trim();

/** The end of a period of months of a year, with the sentence saying so (pure). */
function periodEnd(year: number, lastMonth: number, written: string, rule: string): ResolvedDeadline {
  const last = lastDayOfMonth(year, lastMonth);
  return {
    dueAt: endOfDay(last),
    rule,
    explanation: `${written} nghĩa là chậm nhất hết ngày cuối kỳ, ${formatVn(last)}`,
  };
}

/**
 * Resolves a deadline phrase as programmes write it: a quarter ("quý III/2014", "quý 3 năm 2014") is due at the end of
 * its last month, a half-year ("6 tháng đầu năm 2015") at the end of June or December, and every other phrase as
 * `parseDeadline` reads it ("trong tháng 6 năm 2014", "trước ngày 15/5/2022"): the end of that day in
 * Asia/Ho_Chi_Minh (pure).
 */
export function resolvePeriodDeadline(
  text: string,
  options: { table?: CalendarTable; year?: number } = {},
): Result<ResolvedDeadline> {
  const phrase = normalized(text);
  const quarter = QUARTER.exec(phrase);
  if (quarter) {
    const index = ROMAN[quarter[1]!]!;
    return {
      success: true,
      data: periodEnd(
        Number(quarter[2]),
        index * 3,
        `Quý ${['I', 'II', 'III', 'IV'][index - 1]}/${quarter[2]}`,
        'quarter',
      ),
    };
  }
  const half = HALF.exec(phrase);
  if (half) {
    const first = half[1] === '6 tháng đầu';
    return {
      success: true,
      data: periodEnd(
        Number(half[2]),
        first ? 6 : 12,
        `${first ? '6 tháng đầu' : '6 tháng cuối'} năm ${half[2]}`,
        'half-year',
      ),
    };
  }
  const read = parseDeadline(text, {
    table: options.table ?? buildCalendarTable([], []),
    ...(options.year === undefined ? {} : { year: options.year }),
  });
  if (read.success || !/cannot read the deadline/u.test(read.error)) return read;
  return { success: false, error: `${read.error}, "Quý III/2014", "6 tháng đầu năm 2015"` };
}

const DAY = String.raw`\d{1,2}(?: tháng \d{1,2}(?: năm \d{4})?|/\d{1,2}(?:/\d{4})?)`;
const MONTH = String.raw`\d{1,2}(?: năm \d{4}|/\d{4})`;
const QUARTER_IN = String.raw`quý (?:iv|i{1,3}|[1-4])(?:/| năm )\d{4}`;
const HALF_IN = String.raw`6 tháng (?:đầu|cuối) năm \d{4}`;
const PHRASE = new RegExp(
  `(?:trước ngày ${DAY}|(?:trong|đầu|giữa|cuối|trước) tháng ${MONTH}|(?:trong )?${QUARTER_IN}|(?:trong )?${HALF_IN}|trong năm \\d{4})`,
  'u',
);

/** The first deadline phrase in a sentence ("… báo cáo Thủ tướng … trong tháng 6 năm 2014, …"), or null (pure). */
export function deadlinePhraseIn(sentence: string): string | null {
  return PHRASE.exec(normalized(sentence))?.[0] ?? null;
}

/** How often a sentence asks for a report: "định kỳ hằng năm báo cáo", "báo cáo hằng quý", "6 tháng một lần" (pure). */
export function reportRecurrenceIn(sentence: string): 'year' | 'halfYear' | 'quarter' | 'month' | null {
  const text = normalized(sentence);
  if (!/báo cáo/u.test(text)) return null;
  const every =
    /(?:định kỳ (?:hằng|hàng) |(?:hằng|hàng) (?=(?:năm|quý|tháng),? báo cáo)|báo cáo (?:định kỳ )?(?:hằng|hàng) )(năm|quý|tháng)/u.exec(
      text,
    );
  if (every) return every[1] === 'năm' ? 'year' : every[1] === 'quý' ? 'quarter' : 'month';
  if (/(?:định kỳ|hằng|hàng|mỗi) 6 tháng|6 tháng một lần|báo cáo 6 tháng/u.test(text)) return 'halfYear';
  return null;
}
