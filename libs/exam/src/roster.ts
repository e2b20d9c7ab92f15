import { parse as parseCsvRecords } from 'csv-parse/sync';
import { isValidIdNumber } from './id-number';

export interface RosterRow {
  ticketNo: string;
  name: string;
  idNumber: string;
}

/** One bad roster entry: `index` (0-based) for JSON, `row` (header = 1) for a file. */
export interface RosterIssue {
  index?: number;
  row?: number;
  field: 'ticketNo' | 'name' | 'idNumber';
  code: 'TICKET_NO_INVALID' | 'TICKET_NO_DUPLICATE' | 'NAME_INVALID' | 'ID_NUMBER_INVALID';
  message: string;
}

/**
 * Checks every entry at once: ticket numbers (1–32 letters, digits, `-`/`_`, unique in the session), names, ID numbers
 * (GB 11643 check digit). `at(i)` says where entry i came from.
 */
export function validateRoster(
  rows: readonly RosterRow[],
  existingTickets: ReadonlySet<string>,
  at: (i: number) => { index?: number; row?: number },
): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const where = at(i);
    const ticket = r.ticketNo.trim();
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(ticket))
      issues.push({
        ...where,
        field: 'ticketNo',
        code: 'TICKET_NO_INVALID',
        message: 'an admission ticket number is 1–32 letters, digits, - or _',
      });
    else if (seen.has(ticket) || existingTickets.has(ticket))
      issues.push({
        ...where,
        field: 'ticketNo',
        code: 'TICKET_NO_DUPLICATE',
        message: `ticket ${ticket} is already on this roster`,
      });
    seen.add(ticket);
    const name = r.name.trim();
    if (name.length < 1 || name.length > 64)
      issues.push({ ...where, field: 'name', code: 'NAME_INVALID', message: 'a name is 1–64 characters' });
    if (!isValidIdNumber(r.idNumber))
      issues.push({
        ...where,
        field: 'idNumber',
        code: 'ID_NUMBER_INVALID',
        message: 'not a valid 18-character resident ID number (GB 11643 check digit)',
      });
  });
  return issues;
}

/**
 * Seats are numbered from 0 in roster order and never reused: rows added later sit after the highest seat taken, so
 * the paper a seat was given ({@link paperForSeat}) stays the same.
 */
export function nextSeat(existing: readonly { seat: number }[]): number {
  return existing.reduce((m, c) => Math.max(m, c.seat + 1), 0);
}

const ROSTER_HEADERS: Record<string, keyof RosterRow> = {
  准考证号: 'ticketNo',
  ticketno: 'ticketNo',
  姓名: 'name',
  name: 'name',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  idnumber: 'idNumber',
};

/** Maps a header row to fields (Chinese or English, any order); missing required headers are listed. */
export function rosterColumns(headers: readonly string[]): {
  columns: Map<number, keyof RosterRow>;
  missing: (keyof RosterRow)[];
} {
  const columns = new Map<number, keyof RosterRow>();
  headers.forEach((h, i) => {
    const field =
      ROSTER_HEADERS[
        h
          .replace(/^\uFEFF/, '')
          .trim()
          .toLowerCase()
      ] ?? ROSTER_HEADERS[h.trim()];
    if (field) columns.set(i, field);
  });
  const have = new Set(columns.values());
  return { columns, missing: (['ticketNo', 'name', 'idNumber'] as const).filter((f) => !have.has(f)) };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF), UTF-8 with or without BOM: rows of cells, blank lines kept. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text, {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}

/**
 * A roster sheet (header row first) as entries, with the sheet row number of each (header = 1); blank rows are
 * skipped. `missing` lists required headers the sheet lacks, and then there are no rows.
 */
export function rosterFromTable(table: readonly (readonly string[])[]): {
  rows: RosterRow[];
  rowNumbers: number[];
  missing: (keyof RosterRow)[];
} {
  const { columns, missing } = rosterColumns(table[0] ?? []);
  if (missing.length) return { rows: [], rowNumbers: [], missing };
  const rows: RosterRow[] = [];
  const rowNumbers: number[] = [];
  table.slice(1).forEach((cells, i) => {
    if (!cells.some((c) => c.trim() !== '')) return;
    const r: RosterRow = { ticketNo: '', name: '', idNumber: '' };
    columns.forEach((field, col) => (r[field] = (cells[col] ?? '').trim()));
    rows.push(r);
    rowNumbers.push(i + 2);
  });
  return { rows, rowNumbers, missing };
}
