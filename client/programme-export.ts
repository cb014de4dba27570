import { formatVn, toPlainDate } from '../calendar/dates.js';
import type { ProgrammeTracker } from './programme-tracker.js';

/** exceljs, loaded when a workbook is read or written, so commands that need none start without it. */
const loadExcel = async () => (await import('exceljs')).default;

const dateVn = (instant: string | null): string => (instant ? formatVn(toPlainDate(instant)) : '');
const statusVn: Record<string, string> = {
  running: 'Đang thực hiện',
  completed: 'Hoàn thành',
  withdrawn: 'Đã hủy',
  rejected: 'Không chấp nhận',
  'not started': 'Chưa khởi tạo',
};

/** The task table's header, Vietnamese first. */
const TASK_HEADER = [
  'TT',
  'Nội dung công việc',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Hạn hoàn thành',
  'Trạng thái',
  'Báo cáo gần nhất',
  'Số ngày chậm',
  'Còn nợ',
];

/** The tracker's tasks as rows of cells, one per task, header first (pure). */
export function taskRows(tracker: ProgrammeTracker): string[][] {
  return [
    TASK_HEADER,
    ...tracker.tasks.map((t) => [
      t.number,
      t.content,
      t.lead,
      t.coordinators.join(', '),
      dateVn(t.dueAt),
      statusVn[t.status] ?? t.status,
      t.lastReport ? `${dateVn(t.lastReport.at)} ${t.lastReport.event} (${t.lastReport.actor})` : '',
      String(t.daysLate),
      t.owed.map((o) => `${o.milestone} ${dateVn(o.dueAt)}${o.late ? ' (chậm)' : ''}`).join('; '),
    ]),
  ];
}

/** The tracker's agencies as rows of cells, header first (pure). */
export function agencyRows(tracker: ProgrammeTracker): string[][] {
  return [
    ['Cơ quan', 'Số việc còn nợ', 'Số việc chậm', 'Chi tiết'],
    ...tracker.agencies.map((a) => [
      a.unit,
      String(a.owes.length),
      String(a.late),
      a.owes.map((o) => `${o.task} ${o.milestone} ${dateVn(o.dueAt)}${o.late ? ' (chậm)' : ''}`).join('; '),
    ]),
  ];
}

const csvCell = (cell: string): string => (/[",\n\r]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell);

/** The tracker's tasks as CSV (UTF-8 with a byte order mark, so spreadsheet programs read the diacritics) (pure). */
export function trackerCsv(tracker: ProgrammeTracker): string {
  return `\uFEFF${taskRows(tracker)
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')}\r\n`;
}

/** The tracker as an XLSX workbook: a sheet of tasks and a sheet of agencies. */
export async function trackerXlsx(tracker: ProgrammeTracker): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of [
    ['Nhiệm vụ', taskRows(tracker)],
    ['Theo cơ quan', agencyRows(tracker)],
  ] as const) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The first sheet of an XLSX programme table as CSV text, for the CSV reader of the preflight: the header row naming
 * the columns (TT, Nội dung công việc, Cơ quan chủ trì, …) and one row per task.
 */
export async function xlsxTableAsCsv(data: Buffer): Promise<string> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as never);
  } catch (err) {
    throw new Error(`cannot read the XLSX file: ${(err as Error).message}; expected an .xlsx workbook`, { cause: err });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the XLSX workbook has no sheet: expected the table on its first sheet');
  const lines: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text ?? '');
    lines.push(cells.map(csvCell).join(','));
  });
  return lines.join('\n');
}
