import { isPlainDate, parseDeadline, type CalendarTable, type PlainDate, type Result } from '../calendar/index.js';

/** One numbered item of a plan with its deadline resolved to the last instant still on time. */
export interface PlanMilestone {
  number: number;
  title: string;
  deadlineText: string;
  dueAt: string;
  lead: string | null;
}

const SECTION = /^\s*[IVX]+\.\s*NỘI DUNG/u;
const ANY_SECTION = /^\s*[IVX]+\.\s+\S/u;
const ITEM = /^\s*(\d+)\.\s+(.*)$/u;
const DEADLINE_FIELD = /^\s*[-–•]?\s*Thời gian\s*:\s*(.*)$/iu;
const LEAD_FIELD = /^\s*[-–•]?\s*(?:Cơ quan |Đơn vị )?Chủ trì(?: tổ chức)?\s*:\s*(.*)$/iu;
const OTHER_FIELD = /^\s*[-–•]\s*\S/u;
const PLAN_DATE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const TRAILING_PARENTHESIS = /\s*\(([^()]*)\)\s*\.?\s*$/u;

interface RawItem {
  number: number;
  title: string[];
  deadline: string[];
  lead: string[];
}

const joined = (lines: string[]): string => lines.join(' ').replace(/\s+/g, ' ').trim();
const withoutStop = (text: string): string => text.replace(/[.;]+$/, '').trim();

/** The day the plan was signed ("Hà Nội, ngày 12 tháng 9 năm 2023"), from which relative deadlines count. */
function planDate(lines: string[]): PlainDate | undefined {
  // The signing line reads "<place>, ngày …"; dates cited in the preamble come without the comma.
  const dated = lines.filter((line) => PLAN_DATE.test(line));
  const match = PLAN_DATE.exec(dated.find((line) => /,\s*ngày/iu.test(line)) ?? dated[0] ?? '');
  if (!match) return undefined;
  const date = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return isPlainDate(date) ? date : undefined;
}

/** The lines of the section of contents and schedule, or of the whole text when it has no such heading. */
function sectionLines(lines: string[]): { header: string[]; body: string[] } {
  const start = lines.findIndex((line) => SECTION.test(line));
  if (start < 0) return { header: lines, body: lines };
  const length = lines.slice(start + 1).findIndex((line) => ANY_SECTION.test(line));
  return { header: lines.slice(0, start), body: lines.slice(start + 1, length < 0 ? undefined : start + 1 + length) };
}

/** Splits the section into numbered items; a paragraph that is neither the title nor a field is not part of the item. */
function rawItems(body: string[]): RawItem[] {
  const items: RawItem[] = [];
  let target: string[] | null = null;
  for (const line of body) {
    const item = ITEM.exec(line);
    const current = items.at(-1);
    // Only the next number starts an item, so a wrapped line beginning with a number stays in its paragraph.
    if (item && (current === undefined || Number(item[1]) === current.number + 1)) {
      items.push({ number: Number(item[1]), title: [item[2]!], deadline: [], lead: [] });
      target = items.at(-1)!.title;
    } else if (current === undefined) {
      continue;
    } else if (line.trim() === '') {
      target = null;
    } else if (DEADLINE_FIELD.test(line)) {
      target = current.deadline;
      target.push(DEADLINE_FIELD.exec(line)![1]!);
    } else if (LEAD_FIELD.test(line)) {
      target = current.lead;
      target.push(LEAD_FIELD.exec(line)![1]!);
    } else if (OTHER_FIELD.test(line)) {
      target = null;
    } else {
      target?.push(line);
    }
  }
  return items;
}

/** The lead as written, without a closing remark in parentheses (such as where the funding comes from). */
function leadOf(lines: string[]): string | null {
  const lead = withoutStop(joined(lines).replace(TRAILING_PARENTHESIS, ''));
  return lead === '' ? null : lead;
}

/** An item's title and deadline text: the 'Thời gian' field, or else a closing parenthesis such as "(trong tháng 11 năm 2023)". */
function titleAndDeadline(item: RawItem): Result<{ title: string; deadlineText: string }> {
  const title = joined(item.title);
  if (item.deadline.length > 0)
    return { success: true, data: { title: withoutStop(title), deadlineText: withoutStop(joined(item.deadline)) } };
  const parenthesis = TRAILING_PARENTHESIS.exec(title);
  if (parenthesis) {
    return {
      success: true,
      data: {
        title: withoutStop(title.slice(0, parenthesis.index)),
        deadlineText: withoutStop(parenthesis[1]!.trim()),
      },
    };
  }
  return {
    success: false,
    error: `plan item ${item.number} has no deadline: add a line "- Thời gian: Trước ngày 15 tháng 9 năm 2023" or end the item with "(trong tháng 11 năm 2023)"`,
  };
}

/**
 * Reads the numbered items of a plan's section "II. NỘI DUNG VÀ TIẾN ĐỘ CÔNG VIỆC" with their deadlines,
 * resolved against a calendar table and the plan's own date; one unreadable deadline fails the whole import.
 */
export function importPlan(text: string, table: CalendarTable): Result<PlanMilestone[]> {
  const lines = text.normalize('NFC').split(/\r?\n/);
  const { header, body } = sectionLines(lines);
  const after = planDate(header);
  const items = rawItems(body);
  if (items.length === 0) {
    return {
      success: false,
      error: 'the plan has no numbered items: expected lines "1. …", "2. …" under "II. NỘI DUNG VÀ TIẾN ĐỘ CÔNG VIỆC"',
    };
  }
  const milestones: PlanMilestone[] = [];
  for (const item of items) {
    const parts = titleAndDeadline(item);
    if (!parts.success) return parts;
    const options = after === undefined ? { table } : { table, after, year: Number(after.slice(0, 4)) };
    const deadline = parseDeadline(parts.data.deadlineText, options);
    if (!deadline.success) return { success: false, error: `plan item ${item.number}: ${deadline.error}` };
    milestones.push({ number: item.number, ...parts.data, dueAt: deadline.data.dueAt, lead: leadOf(item.lead) });
  }
  return { success: true, data: milestones };
}
