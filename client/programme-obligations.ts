import type { CalendarTable } from '../calendar/index.js';
import { deadlinePhraseIn, reportRecurrenceIn, resolvePeriodDeadline } from './period-deadlines.js';

/** An obligation the body of an action programme sets every agency, outside its table of tasks. */
export interface ProgrammeObligation {
  /** The numbered item of the body it comes from ("1", "2"), and its text joined over lines. */
  item: string;
  text: string;
  /**
   * The milestone of the programme it sets: `agencyProgrammes` (each agency drafts its own programme by a date), a
   * recurring report on the whole as written (`yearlyReview`, `halfYearlyReview`, `quarterlyReview`, `monthlyReview`),
   * or null when it sets neither.
   */
  milestone: 'agencyProgrammes' | ReviewMilestone | null;
  /** The deadline phrase as written ("trong tháng 6 năm 2014"), the last instant still on time, and how it was read. */
  phrase: string | null;
  dueAt: string | null;
  explanation: string | null;
  /** How often the report recurs ("định kỳ hàng năm": year), or null for an obligation due once. */
  every: 'year' | 'halfYear' | 'quarter' | 'month' | null;
}

/** The programme's recurring reports on the whole, by how often they recur. */
export const REVIEWS = {
  year: 'yearlyReview',
  halfYear: 'halfYearlyReview',
  quarter: 'quarterlyReview',
  month: 'monthlyReview',
} as const;
/** A programme milestone of a recurring report on the whole. */
export type ReviewMilestone = (typeof REVIEWS)[keyof typeof REVIEWS];

/** A phrase of the body that could not be read, said the way the preflight lists problems. */
export interface ObligationProblem {
  item: string;
  text: string;
  message: string;
}

const SECTION = /^\s*(?:[IVX]+\.\s*)?TỔ CHỨC THỰC HIỆN\s*$/u;
const END = /^\s*(?:TM\.|Phụ lục\s*$|Nơi nhận)/iu;
const ITEM = /^\s*(\d{1,2})\.\s+(\S.*)$/u;
const PAGE = /^\s*\d{1,3}\s*$/u;
/** "chỉ đạo xây dựng Chương trình hành động của Bộ, ngành" (the scan reads "hình động"). */
const OWN_PROGRAMME = /xây dựng (?:chương trình|kế hoạch)/u;

/** The numbered items of the body's "Tổ chức thực hiện" section (the whole body without one), up to the sign-off. */
function bodyItems(text: string): Array<{ item: string; text: string }> {
  const lines = text.normalize('NFC').split(/\r?\n/u);
  const start = lines.findIndex((line) => SECTION.test(line));
  const items: Array<{ item: string; lines: string[] }> = [];
  for (const line of lines.slice(start + 1)) {
    if (END.test(line)) break;
    const item = ITEM.exec(line);
    if (item && Number(item[1]) === items.length + 1) items.push({ item: item[1]!, lines: [item[2]!] });
    else if (items.length > 0 && !PAGE.test(line) && line.trim() !== '') items.at(-1)!.lines.push(line.trim());
  }
  return items.map(({ item, lines: body }) => ({ item, text: body.join(' ').replace(/\s+/gu, ' ') }));
}

/** The year a programme was signed ("Hà Nội, ngày 13 tháng 5 năm 2014"), for phrases that leave it out (pure). */
function signedYear(text: string): number | undefined {
  const signed = /ngày \d{1,2} tháng \d{1,2} năm (\d{4})/u.exec(text.normalize('NFC'));
  return signed ? Number(signed[1]) : undefined;
}

/**
 * The obligations the body of an action programme sets outside its table: each numbered item of "Tổ chức thực hiện"
 * that names a deadline ("trong tháng 6 năm 2014", "trước ngày …", "quý III/2014") or a recurring report ("định kỳ
 * hàng năm báo cáo"), with the programme milestone it sets; items that set neither are left out, and a phrase that
 * cannot be read is a problem (pure).
 */
export function programmeObligations(
  text: string,
  table?: CalendarTable,
): { obligations: ProgrammeObligation[]; problems: ObligationProblem[] } {
  const year = signedYear(text);
  const obligations: ProgrammeObligation[] = [];
  const problems: ObligationProblem[] = [];
  for (const { item, text: body } of bodyItems(text)) {
    const phrase = deadlinePhraseIn(body);
    const every = reportRecurrenceIn(body);
    if (phrase === null && every === null) continue;
    const read =
      phrase === null
        ? null
        : resolvePeriodDeadline(phrase, { ...(table ? { table } : {}), ...(year === undefined ? {} : { year }) });
    if (read && !read.success)
      problems.push({ item, text: phrase!, message: `item ${item} of the body: ${read.error}` });
    const dueAt = read?.success ? read.data.dueAt : null;
    const lowered = body.toLowerCase();
    const milestone =
      every !== null ? REVIEWS[every] : dueAt && OWN_PROGRAMME.test(lowered) ? 'agencyProgrammes' : null;
    obligations.push({
      item,
      text: body,
      milestone,
      phrase,
      dueAt,
      explanation: read?.success ? read.data.explanation : null,
      every,
    });
  }
  return { obligations, problems };
}
