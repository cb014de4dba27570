import { parseDeadline, type CalendarTable } from '../calendar/index.js';
import { foldedKey } from '../directory/names.js';
import type { Unit } from '../directory/units.js';

/** One numbered item ("5.") or lettered sub-item ("6.b") of a notice of conclusions, read for what it assigns. */
export interface ConclusionItem {
  number: string;
  text: string;
  /** The units the item assigns (the subject of its first sentence, or the one that "chủ trì", is "giao" or "đề nghị"). */
  agencies: string[];
  /** The deadline phrase as written, and the last instant still on time. */
  deadlineText: string | null;
  dueAt: string | null;
  /** The item asks for periodic reports ("báo cáo định kỳ"). */
  periodicReport: boolean;
  /** An item that assigns nothing is a note, not a task; a sub-item of an item handing out duties is a task. */
  kind: 'task' | 'note';
}

const ITEM = /^\s*(\d+)\.\s+(\S.*)$/u;
const SUB_ITEM = /^\s*([a-zđ])\)\s+(\S.*)$/u;
const DEADLINE = /(trước ngày \d{1,2} tháng \d{1,2} năm \d{4}|trong tháng \d{1,2} năm \d{4}|trong năm \d{4})/iu;
const ASSIGNING =
  /(chủ trì|được giao|giao cho|đề nghị|khẩn trương|thực hiện|phối hợp|tăng cường|tập trung|nghiên cứu|xây dựng|triển khai|hoàn thiện|rà soát)/iu;
/** An item that hands out the duties its sub-items list: "đề nghị Ban Chỉ đạo ... thực hiện các nhiệm vụ sau đây:". */
const HANDS_OUT = /(đề nghị|giao|yêu cầu)\s[^.;]*(nhiệm vụ|công việc|nội dung) sau( đây)?:\s*$/iu;
const GROUP_SUBJECT = /^(các (bộ|ban)[^.;]*?(địa phương|cơ quan))/iu;

/** The items and sub-items of the notice, each with its text joined over lines, up to the sign-off. */
function rawItems(text: string): Array<{ number: string; lines: string[] }> {
  const items: Array<{ number: string; lines: string[] }> = [];
  let major = 0;
  for (const line of text.normalize('NFC').split(/\r?\n/u)) {
    if (/^\s*(Nơi nhận|Văn phòng Chính phủ thông báo)/iu.test(line)) break;
    const item = ITEM.exec(line);
    const sub = SUB_ITEM.exec(line);
    if (item && Number(item[1]) === major + 1) {
      major += 1;
      items.push({ number: item[1]!, lines: [item[2]!] });
    } else if (sub && major > 0) items.push({ number: `${major}.${sub[1]}`, lines: [sub[2]!] });
    else if (items.length > 0 && line.trim() !== '') items.at(-1)!.lines.push(line.trim());
  }
  return items;
}

/** Where a name occurs in a text as whole words ("TU" is not inside "tuy"), or -1. */
function wordAt(text: string, name: string): number {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (!/[\p{L}\p{N}]/u.test(before ?? ' ') && !/[\p{L}\p{N}]/u.test(after ?? ' ')) return at;
  }
  return -1;
}

/** The units named in the text, in the order they appear, each once. */
function unitsNamed(text: string, units: readonly Unit[]): Array<{ id: string; at: number }> {
  const key = foldedKey(text);
  const found = units.flatMap((unit) =>
    [unit.name, ...unit.shortNames, ...unit.spellings]
      .map((name) => ({ id: unit.id, at: wordAt(key, foldedKey(name)) }))
      .filter(({ at }) => at >= 0),
  );
  const first = new Map<string, number>();
  for (const { id, at } of found) first.set(id, Math.min(at, first.get(id) ?? at));
  return [...first].map(([id, at]) => ({ id, at })).sort((x, y) => x.at - y.at);
}

/** The agencies an item assigns: units named before "chủ trì"/"phối hợp" or after "đề nghị"/"giao", in its first sentence. */
function assigned(text: string, units: readonly Unit[]): string[] {
  const sentence = text.split(/[.;:](?:\s|$)/u)[0] ?? text;
  const body = sentence.replace(/^trong (năm|tháng)[^,]*,\s*/iu, '');
  const groups = GROUP_SUBJECT.exec(body);
  const named = unitsNamed(body, units);
  const subject = named.filter(({ at }) => at <= 3);
  const request = /(đề nghị|giao)\s/iu.exec(body);
  const requested = request ? named.filter(({ at }) => at >= foldedKey(body.slice(0, request.index)).length) : [];
  const ids = [...subject, ...requested.slice(0, 1)].map(({ id }) => id);
  if (groups) ids.push(groups[1]!);
  return [...new Set(ids)].filter(() => ASSIGNING.test(body) || groups !== null);
}

/**
 * Reads a notice of conclusions: its numbered items and lettered sub-items, the agencies each assigns, its deadline
 * phrase resolved against the calendar (year of the notice), periodic reports, and items that assign nothing as
 * notes (pure).
 */
export function importConclusions(text: string, units: readonly Unit[], table: CalendarTable): ConclusionItem[] {
  const handedOut = new Map<string, string[]>();
  return rawItems(text).map(({ number, lines }) => {
    const body = lines.join(' ').replace(/\s+/gu, ' ').trim();
    const phrase = DEADLINE.exec(body)?.[1] ?? null;
    const deadline = phrase === null ? null : parseDeadline(phrase, { table });
    // A sub-item of an item that hands out duties is one of them, for the agencies that item names (if any).
    const parent = handedOut.get(number.split('.')[0]!);
    const agencies = [...new Set([...(parent ?? []), ...assigned(body, units)])];
    if (!number.includes('.') && HANDS_OUT.test(body))
      handedOut.set(
        number,
        unitsNamed(body, units).map(({ id }) => id),
      );
    return {
      number,
      text: body,
      agencies,
      deadlineText: phrase,
      dueAt: deadline?.success ? deadline.data.dueAt : null,
      periodicReport: /báo cáo định kỳ/iu.test(body),
      kind: agencies.length > 0 || phrase !== null || parent !== undefined ? 'task' : 'note',
    };
  });
}
