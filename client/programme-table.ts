/** One row of an action programme's table as written: every cell still raw text. */
export interface ProgrammeRow {
  /** "2.3": the group, a dot and the task's place in it. */
  number: string;
  content: string;
  lead: string;
  coordinators: string;
  product: string;
  time: string;
  /** What on the row's lines was dropped as noise (page numbers are dropped silently). */
  noise: string[];
}

/** Says whether a text may be the beginning of an agency's name, so that a wrapped cell continues it. */
export type Continues = (current: string, cell: string) => boolean;

const APPENDIX = /^\s*Phụ lục\s*$/iu;
const TASK = /^\s*(\d+)\.(\d+)\s{2,}(.*)$/u;
const PAGE = /^\s*\d{1,3}\s*$/u;
const GROUP = /^\s*\d+\s{2,}\S.*$/u;
const TIME_LIKE = /\d{4}/u;
const PRODUCT_START = /^(?:trình |và Quốc hội|Chính phủ|Chính trị|Bộ Chính trị|Quốc hội|Thủ tướng)/iu;
/** A cell of OCR noise: a digit inside a word ("0ộ 0ật"), or a line of mostly broken words. */
const NOISY = /\d\p{L}|\p{L}\d/u;

const cellsOf = (text: string): string[] =>
  text
    .split(/\s{2,}/u)
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '');
const append = (to: string, text: string): string => (to === '' ? text : `${to} ${text}`);

/** The first line of a task: its number and the cells after it, the time last and the four columns between. */
function firstLine(number: string, minor: string, rest: string): ProgrammeRow {
  const cells = cellsOf(rest);
  // The time is the last cell: one with a year, or any last cell of a row with all five columns.
  const time = cells.length > 0 && (TIME_LIKE.test(cells.at(-1)!) || cells.length === 5) ? cells.pop()! : '';
  const noise: string[] = [];
  let middle = cells;
  if (cells.length > 4) {
    // Noise before the lead: the lead, coordinators and product are the last three cells; the content is
    // the first cell between that reads as words.
    const before = cells.slice(0, -3);
    const content = before.find((cell) => !NOISY.test(cell) && !/^\d+$/u.test(cell) && cell.length > 3) ?? '';
    noise.push(...before.filter((cell) => cell !== content));
    middle = [content, ...cells.slice(-3)];
  }
  const [content = '', lead = '', coordinators = '', product = ''] = middle;
  // A stray repetition of the task's own place ("3.4   4 Xây dựng …") is not content.
  const stray = new RegExp(`^${minor}\\s+`, 'u');
  if (stray.test(content)) noise.push(minor);
  return { number, content: content.replace(stray, ''), lead, coordinators, product, time, noise };
}

/** Adds a continuation line's cells to the row: the lead and coordinators take the cells that continue them. */
function continueRow(row: ProgrammeRow, line: string, continues: Continues): void {
  const cells = cellsOf(line);
  const leadAt = cells.findIndex((cell) => row.lead !== '' && continues(row.lead, cell));
  if (leadAt >= 0) row.lead = append(row.lead, cells.splice(leadAt, 1)[0]!);
  const coordAt = cells.findIndex((cell) => row.coordinators !== '' && continues(row.coordinators, cell));
  if (coordAt >= 0) row.coordinators = append(row.coordinators, cells.splice(coordAt, 1)[0]!);
  if (cells.length === 1) {
    const [cell] = cells as [string];
    if (PRODUCT_START.test(cell)) row.product = append(row.product, cell);
    else row.content = append(row.content, cell);
    return;
  }
  if (cells.length === 0) return;
  row.content = append(row.content, cells.shift()!);
  row.product = append(row.product, cells.pop()!);
  // A cell between the content and the product is the coordinators' column.
  for (const cell of cells) row.coordinators = append(row.coordinators, cell);
}

/**
 * Reads the rows of an action programme's appendix laid out as plain text (columns separated by runs of
 * spaces, cells wrapped over several lines, page numbers in between); rows start with "N.M" (pure).
 */
export function readProgrammeTable(text: string, continues: Continues): ProgrammeRow[] {
  const lines = text.normalize('NFC').split(/\r?\n/u);
  const appendix = lines.findIndex((line) => APPENDIX.test(line));
  const rows: ProgrammeRow[] = [];
  for (const line of appendix < 0 ? lines : lines.slice(appendix + 1)) {
    const task = TASK.exec(line);
    if (task) {
      rows.push(firstLine(`${task[1]}.${task[2]}`, task[2]!, task[3]!));
      continue;
    }
    const row = rows.at(-1);
    if (row === undefined || line.trim() === '' || PAGE.test(line)) continue;
    if (GROUP.test(line) && cellsOf(line).length === 2) continue;
    continueRow(row, line, continues);
  }
  return rows;
}
