import ExcelJS from 'exceljs';

/** One column of an exported table: its header, each row's value and, for XLSX, its width in characters. */
export interface ExportColumn<R> {
  header: string;
  value: (row: R) => string | number;
  width?: number;
}

/** A CSV field, quoted when it holds a separator, a quote or a line break; a leading formula sign is neutralised (pure). */
const csvField = (value: string | number) => {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The rows as CSV (UTF-8 with a byte order mark, so spreadsheet programs read Vietnamese right) (pure). */
export function csvOf<R>(columns: ExportColumn<R>[], rows: readonly R[]): string {
  const lines = [columns.map((c) => csvField(c.header)), ...rows.map((r) => columns.map((c) => csvField(c.value(r))))];
  return `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** The rows as an XLSX workbook of one sheet with a bold header; rows `marked` says so are in red. */
export async function xlsxOf<R>(
  columns: ExportColumn<R>[],
  rows: readonly R[],
  sheet: string,
  marked: (row: R) => boolean = () => false,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'duyet';
  const ws = workbook.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 22 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    const added = ws.addRow(columns.map((c) => c.value(r)));
    if (marked(r)) added.font = { color: { argb: 'FFA4161A' } };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
