/**
 * Readers that turn an uploaded file into a table of raw cell values, one reader per format. They only
 * decode; the meaning of the cells is the row parser's business.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { unescapeCell } from '../sheet-template';

export interface RawRecord {
  /** Row number as a person sees it in the spreadsheet (header = 1). */
  row: number;
  /** Cell values aligned with {@link Table.columns}. Strings for CSV/xlsx; any JSON value for JSON. */
  values: unknown[];
  /** Cells that hold a spreadsheet error (`#N/A`, …), by column index. */
  cellErrors?: Map<number, string>;
  /** Set when the record as a whole is unusable (a JSON element that is not an object). */
  invalid?: string;
}

export interface Table {
  /** Headers as written in the file. */
  columns: string[];
  records: RawRecord[];
}

/** Raised by a reader when the file cannot be read at all; the parser turns it into one error. */
export class UnreadableFileError extends Error {
  constructor(
    readonly code: 'FILE_UNREADABLE' | 'ENCODING_NOT_UTF8' | 'FILE_EMPTY',
    message: string,
  ) {
    super(message);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function decodeUtf8(buffer: Buffer): string {
  if (
    buffer.length >= 2 &&
    ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))
  ) {
    throw new UnreadableFileError(
      'ENCODING_NOT_UTF8',
      'The file is UTF-16; save it as "CSV UTF-8". 文件编码为 UTF-16，请另存为“CSV UTF-8(逗号分隔)”。',
    );
  }
  const start = UTF8_BOM.every((b, i) => buffer[i] === b) ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(start));
  } catch {
    // Excel's plain "CSV (逗号分隔)" on a Chinese Windows writes GBK: the usual cause.
    throw new UnreadableFileError(
      'ENCODING_NOT_UTF8',
      'The file is not UTF-8 (probably GBK); save it as "CSV UTF-8". 文件不是 UTF-8 编码，请另存为“CSV UTF-8(逗号分隔)”。',
    );
  }
}

export function readCsv(buffer: Buffer): Table {
  const text = decodeUtf8(buffer);
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  // Tab-separated text pasted from Excel is accepted too; a comma in the header line means CSV.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    throw new UnreadableFileError(
      'FILE_UNREADABLE',
      `The CSV cannot be read: ${(e as Error).message}. CSV 文件格式错误。`,
    );
  }
  if (rows.length === 0) throw new UnreadableFileError('FILE_EMPTY', 'The file is empty. 文件为空。');
  // csv-parse yields one record per spreadsheet row (a quoted multi-line cell stays one record, blank
  // lines become [''] records), so the index is the row number a person sees.
  return {
    columns: rows[0].map((h) => h),
    records: rows.slice(1).map((values, i) => ({ row: i + 2, values: values.map(unescapeCell) })),
  };
}

export async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // Parts we never look at: skipping them makes large sheets load faster.
    // exceljs types its own `Buffer` (an ArrayBuffer); at runtime it takes a Node Buffer as is.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer, {
      ignoreNodes: [
        'dataValidations',
        'conditionalFormatting',
        'sheetProtection',
        'pageSetup',
        'headerFooter',
        'drawing',
        'picture',
      ],
    });
  } catch (e) {
    throw new UnreadableFileError(
      'FILE_UNREADABLE',
      `The file is not a readable .xlsx workbook: ${(e as Error).message}. 无法读取 xlsx 文件（请勿使用旧版 .xls）。`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0)
    throw new UnreadableFileError('FILE_EMPTY', 'The first sheet is empty. 第一个工作表为空。');

  let columns: string[] | undefined;
  const records: RawRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = row.values as unknown[]; // 1-based, sparse
    if (rowNumber === 1) {
      columns = [];
      for (let c = 1; c < cells.length; c++) columns[c - 1] = cellText(cells[c]).text;
      for (let c = 0; c < columns.length; c++) columns[c] ??= '';
      return;
    }
    const values: string[] = [];
    let cellErrors: Map<number, string> | undefined;
    for (let c = 1; c < cells.length; c++) {
      const { text, error } = cellText(cells[c]);
      values[c - 1] = text;
      if (error) (cellErrors ??= new Map()).set(c - 1, error);
    }
    records.push({ row: rowNumber, values, cellErrors });
  });
  return { columns: columns ?? [], records };
}

/**
 * One cell as text. exceljs gives strings, numbers, booleans, dates, rich text, hyperlinks, formulas
 * with cached results, and error values; a person expects the text they see in Excel.
 */
export function cellText(value: unknown): { text: string; error?: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: unescapeCell(value) };
  if (typeof value === 'number') return { text: formatNumber(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: formatDate(value) };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return { text: unescapeCell((v.richText as { text?: string }[]).map((r) => r.text ?? '').join('')) };
    if ('error' in v) return { text: '', error: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if ('hyperlink' in v) return { text: String(v.hyperlink) };
  }
  return { text: String(value) };
}

/** Excel shows 15 significant digits, so 0.1+0.2 reads as 0.3 there and must here too. */
function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

function formatDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

export function readJson(buffer: Buffer): Table {
  let data: unknown;
  try {
    data = JSON.parse(decodeUtf8(buffer));
  } catch (e) {
    if (e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError('FILE_UNREADABLE', `The JSON cannot be read: ${(e as Error).message}.`);
  }
  const list = Array.isArray(data)
    ? data
    : Array.isArray((data as { items?: unknown })?.items)
      ? (data as { items: unknown[] }).items
      : undefined;
  if (!list)
    throw new UnreadableFileError('FILE_UNREADABLE', 'The JSON must be an array of items (or {"items": [...]}).');
  if (list.length === 0) throw new UnreadableFileError('FILE_EMPTY', 'The file has no items. 文件为空。');

  // Keys play the part of headers; their union, in first-seen order, is the header row.
  const columnIndex = new Map<string, number>();
  for (const element of list) {
    if (element && typeof element === 'object' && !Array.isArray(element)) {
      for (const key of Object.keys(element)) if (!columnIndex.has(key)) columnIndex.set(key, columnIndex.size);
    }
  }
  const records = list.map((element, i): RawRecord => {
    const values: unknown[] = new Array(columnIndex.size).fill(undefined);
    if (element && typeof element === 'object' && !Array.isArray(element)) {
      for (const [key, v] of Object.entries(element)) values[columnIndex.get(key)!] = v;
      return { row: i + 2, values };
    }
    return { row: i + 2, values, invalid: `Element ${i + 1} is not an object.` };
  });
  return { columns: [...columnIndex.keys()], records };
}
