import { writeXlsx } from '../export';
import { escapeCell } from '../sheet-template';
import type { ImportError, ImportFormat } from './parse-import';
import { readCsv, readJson, readXlsx, type Table } from './read-table';

/** Header of the column the bad-row sheet adds after the file's own columns. */
export const REASON_HEADER = '错误原因';

/**
 * The rows of an import file that have errors, as an xlsx sheet: the file's own columns in its own order, the row
 * number it had, and a reason column listing every problem of that row — so the author fixes them in the spreadsheet
 * and uploads the rows again. Errors about the file as a whole (row 0) have no row to return and are left out.
 */
export async function badRowsWorkbook(
  buffer: Buffer,
  format: ImportFormat,
  errors: readonly ImportError[],
): Promise<Buffer> {
  const table: Table =
    format === 'xlsx' ? await readXlsx(buffer) : format === 'csv' ? readCsv(buffer) : readJson(buffer);
  const reasons = new Map<number, string[]>();
  for (const e of errors) {
    if (e.row <= 0) continue;
    const list = reasons.get(e.row) ?? [];
    list.push(e.column ? `[${e.column}] ${e.message}` : e.message);
    reasons.set(e.row, list);
  }
  const header = ['行号', ...table.columns, REASON_HEADER];
  const rows = table.records
    .filter((r) => reasons.has(r.row))
    .map((r) => [r.row, ...table.columns.map((_, i) => cellOut(r.values[i])), reasons.get(r.row)!.join('\n')]);
  return writeXlsx(header, rows, '错误行');
}

function cellOut(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return escapeCell(typeof value === 'string' ? value : JSON.stringify(value));
}
