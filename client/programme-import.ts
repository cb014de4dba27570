import { parse } from 'csv-parse/sync';
import { endOfDay, type PlainDate } from '../calendar/index.js';
import { foldedKey } from '../directory/names.js';
import type { Unit } from '../directory/units.js';
import { AgencyMatcher, type NamedAgency } from './agency-names.js';
import { resolvePeriodDeadline } from './period-deadlines.js';
import { programmeObligations, type ProgrammeObligation } from './programme-obligations.js';
import { readProgrammeTable, type ProgrammeRow } from './programme-table.js';

/** One task of an action programme as the preflight shows it. */
export interface ProgrammeTask {
  number: string;
  content: string;
  /** The lead agency as written, and the unit of the first agency it names (null when none is known). */
  lead: string;
  leadUnit: string | null;
  /** Every agency the lead cell names ("Bộ Nội vụ, Bộ Giáo dục và Đào tạo" names two). */
  leads: NamedAgency[];
  coordinators: NamedAgency[];
  product: string;
  /** The time as written: "2014", "2014 - 2016". */
  time: string;
  /** The end of the last year named, or null when the time cannot be read. */
  dueAt: string | null;
  /** For a range of years, the yearly reports due at the end of each year before the last. */
  reportsDueAt: string[];
}

/** Something the preflight could not read or match, with the task it concerns. */
export interface ImportProblem {
  kind:
    | 'unknown-agency'
    | 'unreadable-time'
    | 'missing-number'
    | 'repeated-number'
    | 'noise'
    | 'no-tasks'
    | 'unreadable-obligation';
  task?: string;
  text?: string;
  candidates?: string[];
  message: string;
}

/** What an import would start: every task found, the obligations of the body, every problem; nothing started. */
export interface ProgrammePreflight {
  tasks: ProgrammeTask[];
  /** What the body outside the table asks of every agency (its own programme by a date, a yearly report). */
  obligations: ProgrammeObligation[];
  problems: ImportProblem[];
}

const TIME = /^(\d{4})(?:\s*[-–]\s*(\d{4}))?$/u;
const yearEnd = (year: number): string => endOfDay(`${year}-12-31` as PlainDate);

/**
 * The time rule: "2014" is due at the end of 2014 (31/12/2014 23:59:59+07:00); "2014 - 2016" is due at the end of
 * 2016 with yearly reports due at the end of 2014 and 2015; a phrase ("Quý III/2014", "Trong tháng 6 năm 2014") is due
 * when it says, with no yearly report (pure).
 */
export function programmeTime(time: string): { dueAt: string; reportsDueAt: string[] } | null {
  const match = TIME.exec(time.trim());
  if (!match) {
    const phrase = /\d{4}/u.test(time) ? resolvePeriodDeadline(time) : null;
    return phrase?.success ? { dueAt: phrase.data.dueAt, reportsDueAt: [] } : null;
  }
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  if (from < 1900 || to > 2200 || to < from) return null;
  return { dueAt: yearEnd(to), reportsDueAt: Array.from({ length: to - from }, (_, i) => yearEnd(from + i)) };
}

/** The numbers missing or repeated in the sequence 1.1, 1.2, …, 2.1, … (pure). */
function sequenceProblems(numbers: string[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const groups = new Map<number, number[]>();
  for (const number of numbers) {
    if (seen.has(number))
      problems.push({
        kind: 'repeated-number',
        task: number,
        message: `task ${number} appears twice; number each task once`,
      });
    seen.add(number);
    const [group, item] = number.split('.').map(Number) as [number, number];
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  const lastGroup = Math.max(0, ...groups.keys());
  for (let group = 1; group <= lastGroup; group++) {
    const items = groups.get(group);
    if (!items) {
      problems.push({
        kind: 'missing-number',
        task: `${group}`,
        message: `no task numbered ${group}.x: group ${group} is missing between ${group - 1} and ${group + 1}`,
      });
      continue;
    }
    for (let item = 1; item < Math.max(...items); item++)
      if (!items.includes(item))
        problems.push({
          kind: 'missing-number',
          task: `${group}.${item}`,
          message: `task ${group}.${item} is missing: the table goes from ${group}.${item - 1 || '—'} to a later number`,
        });
  }
  return problems;
}

/** A row's agencies and time read and matched, with what could not be. */
function taskOf(row: ProgrammeRow, matcher: AgencyMatcher): { task: ProgrammeTask; problems: ImportProblem[] } {
  const problems: ImportProblem[] = row.noise.map((text) => ({
    kind: 'noise' as const,
    task: row.number,
    text,
    message: `task ${row.number}: dropped "${text}", which reads as scanning noise; check the row against the original`,
  }));
  const leads = matcher.agencies(row.lead);
  const coordinators = matcher.agencies(row.coordinators);
  for (const agency of [...leads, ...coordinators].filter((a) => a.unit === null && !a.group))
    problems.push({
      kind: 'unknown-agency',
      task: row.number,
      text: agency.text,
      candidates: agency.candidates ?? [],
      message: `task ${row.number}: "${agency.text}" matches no unit${agency.candidates?.length ? `; nearest: ${agency.candidates.join(', ')}` : ''}; add it to directory/units.json as a name or spelling, or correct the cell`,
    });
  if (leads.length === 0)
    problems.push({
      kind: 'unknown-agency',
      task: row.number,
      text: '',
      candidates: [],
      message: `task ${row.number} has no lead agency: fill the column "Cơ quan chủ trì"`,
    });
  const time = programmeTime(row.time);
  if (!time)
    problems.push({
      kind: 'unreadable-time',
      task: row.number,
      text: row.time,
      message: `task ${row.number}: cannot read the time "${row.time}"; expected a year ("2014"), a range of years ("2014 - 2016") or a phrase with its year ("Quý III/2014", "Trong tháng 6 năm 2014")`,
    });
  const task: ProgrammeTask = {
    number: row.number,
    content: row.content,
    lead: row.lead,
    leadUnit: leads.find((agency) => agency.unit !== null)?.unit ?? null,
    leads,
    coordinators,
    product: row.product,
    time: row.time,
    dueAt: time?.dueAt ?? null,
    reportsDueAt: time?.reportsDueAt ?? [],
  };
  return { task, problems };
}

const COLUMNS: Array<[keyof ProgrammeRow, RegExp]> = [
  ['number', /^(tt|stt|so tt|so)$/u],
  ['content', /noi dung/u],
  ['lead', /chu tri/u],
  ['coordinators', /phoi hop/u],
  ['product', /san pham/u],
  ['time', /thoi gian/u],
];

/** The rows of a CSV table whose header names the columns (TT, Nội dung, Cơ quan chủ trì, … Thời gian). */
function csvRows(text: string): ProgrammeRow[] {
  const records = parse(text.replace(/^\uFEFF/u, ''), {
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const header = (records[0] ?? []).map((cell) => foldedKey(cell));
  const at = new Map(COLUMNS.map(([column, pattern]) => [column, header.findIndex((cell) => pattern.test(cell))]));
  const missing = COLUMNS.filter(([column]) => at.get(column)! < 0).map(([column]) => column);
  if (missing.length > 0)
    throw new Error(
      `the CSV header lacks the columns ${missing.join(', ')}: expected a first row "TT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian"`,
    );
  const cell = (record: string[], column: keyof ProgrammeRow): string => (record[at.get(column)!] ?? '').trim();
  return records
    .slice(1)
    .filter((record) => /^\d+\.\d+$/u.test(cell(record, 'number')))
    .map((record) => ({
      number: cell(record, 'number'),
      content: cell(record, 'content'),
      lead: cell(record, 'lead'),
      coordinators: cell(record, 'coordinators'),
      product: cell(record, 'product'),
      time: cell(record, 'time'),
      noise: [],
    }));
}

/**
 * The preflight of an action programme's table, in the plain-text layout of a scanned appendix or as CSV: every task
 * with its lead, coordinators, product and due instant, the obligations the body sets outside the table (plain text
 * only), and every problem; nothing is started (pure).
 */
export function importProgramme(text: string, units: readonly Unit[], format: 'text' | 'csv'): ProgrammePreflight {
  const matcher = new AgencyMatcher(units);
  let rows: ProgrammeRow[];
  try {
    rows =
      format === 'csv' ? csvRows(text) : readProgrammeTable(text, (current, cell) => matcher.continues(current, cell));
  } catch (err) {
    return { tasks: [], obligations: [], problems: [{ kind: 'no-tasks', message: (err as Error).message }] };
  }
  if (rows.length === 0)
    return {
      tasks: [],
      obligations: [],
      problems: [
        {
          kind: 'no-tasks',
          message:
            'no task found: expected rows numbered "1.1", "1.2", … with the columns content, lead agency, coordinating agencies, product and time',
        },
      ],
    };
  const read = rows.map((row) => taskOf(row, matcher));
  const body = format === 'text' ? programmeObligations(text) : { obligations: [], problems: [] };
  return {
    tasks: read.map(({ task }) => task),
    obligations: body.obligations,
    problems: [
      ...read.flatMap(({ problems }) => problems),
      ...sequenceProblems(rows.map((row) => row.number)),
      ...body.problems.map((p) => ({ kind: 'unreadable-obligation' as const, text: p.text, message: p.message })),
    ],
  };
}
