import { HttpStatus } from '@nestjs/common';
import { parse as parseCsv } from 'csv-parse';
import { Readable } from 'stream';
import * as yauzl from 'yauzl';
import { AppException } from './app.exception';

/**
 * What an uploaded spreadsheet may hold, checked before any parser builds it in memory. A workbook is a zip: a
 * 3 MB file can inflate to gigabytes, and the parser keeps every cell as an object, so the bounds are on what the
 * file would become, not on its size.
 */
export const IMPORT_LIMITS = {
  /** Data rows (the header row aside). */
  rows: 100_000,
  columns: 100,
  /** Cells written in all worksheets together. */
  cells: 3_000_000,
  /** Every part of the workbook inflated, declared or actual, whichever is larger. */
  inflatedBytes: 200 * 1024 * 1024,
  zipEntries: 10_000,
} as const;

export type ImportLimits = { [K in keyof typeof IMPORT_LIMITS]: number };

const tooLarge = (message: string, details: Record<string, unknown>) =>
  new AppException('IMPORT_TOO_LARGE', HttpStatus.PAYLOAD_TOO_LARGE, message, details);

/**
 * Refuses with 413 IMPORT_TOO_LARGE a file that would exceed {@link IMPORT_LIMITS} once parsed. Memory stays flat
 * whatever the file: an xlsx is inflated entry by entry as a stream and counted, never kept (declared sizes can
 * lie, so the actual bytes are counted too); a CSV is counted record by record; JSON is scanned byte by byte for its
 * top-level elements and its values before `JSON.parse` builds them.
 * A file that is not what its format says passes through: the parser names that problem.
 */
export async function assertImportBounded(
  buffer: Buffer,
  format: 'xlsx' | 'csv' | 'json',
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<void> {
  if (format === 'xlsx') await checkWorkbook(buffer, limits);
  else if (format === 'csv') await checkCsv(buffer, limits);
  else checkJson(buffer, limits);
}

/** A worksheet part's XML, scanned as it streams past for rows, cells and the widest column. */
class SheetCounter {
  rows = 0;
  cells = 0;
  columns = 0;
  private carry = '';

  /**
   * A match ending inside the carried tail was seen whole by the previous chunk; one ending after it is new. Each
   * pattern consumes the character after the tag name (no look-ahead), so a tag cut by a chunk boundary is counted
   * with the next chunk; a cut cell reference may count its cell twice: counts are upper bounds, never lower.
   */
  push(chunk: Buffer): void {
    // Cell references are ASCII; latin1 keeps one character per byte, so a match cannot straddle a decoding seam.
    const text = this.carry + chunk.toString('latin1');
    const fresh = (m: RegExpMatchArray) => (m.index ?? 0) + m[0].length > this.carry.length;
    for (const m of text.matchAll(/<row[\s>/]/g)) if (fresh(m)) this.rows++;
    // Bounded look-ahead for the reference: a run of `<c` without `>` costs linear time, not quadratic.
    for (const m of text.matchAll(/<c[\s>/](?:[^>]{0,200}?\br="([A-Z]{1,3})\d)?/g)) {
      if (!fresh(m)) continue;
      this.cells++;
      if (m[1]) this.columns = Math.max(this.columns, columnNumber(m[1]));
    }
    this.carry = text.slice(-64);
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

async function checkWorkbook(buffer: Buffer, limits: ImportLimits): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, z) =>
        err ? reject(err) : resolve(z),
      ),
    );
  } catch {
    return;
  }
  if (zip.entryCount > limits.zipEntries)
    throw tooLarge(`The workbook has ${zip.entryCount} parts; at most ${limits.zipEntries} are accepted`, {
      parts: zip.entryCount,
      limit: limits.zipEntries,
    });
  let inflated = 0;
  /** Cells of the worksheets already read. */
  let cellsBefore = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        if (inflated + entry.uncompressedSize > limits.inflatedBytes) {
          return reject(
            tooLarge(`The workbook declares more than ${limits.inflatedBytes} bytes once unpacked`, {
              limitBytes: limits.inflatedBytes,
              part: entry.fileName,
            }),
          );
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const sheet = WORKSHEET.test(entry.fileName) ? new SheetCounter() : undefined;
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            sheet?.push(chunk);
            const fault =
              inflated > limits.inflatedBytes
                ? tooLarge(`The workbook unpacks to more than ${limits.inflatedBytes} bytes`, {
                    limitBytes: limits.inflatedBytes,
                    part: entry.fileName,
                  })
                : sheet && sheetFault(sheet, cellsBefore + sheet.cells, limits);
            if (!fault) return;
            stream.destroy();
            reject(fault);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            cellsBefore += sheet?.cells ?? 0;
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } catch (err) {
    if (err instanceof AppException) throw err;
    // An entry that inflates past its declared size is a forged zip; any other zip fault is the parser's to name.
    if (/too many bytes/i.test((err as Error).message))
      throw tooLarge('A part of the workbook unpacks to more than it declares', { limitBytes: limits.inflatedBytes });
  } finally {
    zip.close();
  }
}

function sheetFault(sheet: SheetCounter, cells: number, limits: ImportLimits): AppException | undefined {
  if (sheet.rows > limits.rows + 1)
    return tooLarge(`A worksheet has more than ${limits.rows} rows`, { limitRows: limits.rows });
  if (sheet.columns > limits.columns)
    return tooLarge(`A worksheet has more than ${limits.columns} columns`, { limitColumns: limits.columns });
  if (cells > limits.cells)
    return tooLarge(`The workbook has more than ${limits.cells} cells`, { limitCells: limits.cells });
  return undefined;
}

async function checkCsv(buffer: Buffer, limits: ImportLimits): Promise<void> {
  const firstLine =
    buffer.subarray(0, Math.max(0, buffer.indexOf(10))).toString('utf8') || buffer.subarray(0, 4096).toString('utf8');
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const parser = Readable.from([buffer]).pipe(
    parseCsv({ delimiter, relax_column_count: true, relax_quotes: true, bom: true, skip_empty_lines: false }),
  );
  let records = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      records++;
      if (records > limits.rows + 1)
        throw tooLarge(`The file has more than ${limits.rows} rows`, { limitRows: limits.rows });
      if (record.length > limits.columns)
        throw tooLarge(`The file has more than ${limits.columns} columns`, { limitColumns: limits.columns });
    }
  } catch (err) {
    if (err instanceof AppException) throw err;
    // Not valid CSV: the parser reports it with its row.
  } finally {
    parser.destroy();
  }
}

const [QUOTE, BACKSLASH, COMMA] = ['"', '\\', ','].map((c) => c.charCodeAt(0));
const OPENERS = new Set(['[', '{'].map((c) => c.charCodeAt(0)));
const CLOSERS = new Set([']', '}'].map((c) => c.charCodeAt(0)));

/** Top-level array elements (the rows) and values at any depth (the cells), counted by their separators. */
function checkJson(buffer: Buffer, limits: ImportLimits): void {
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** Separators between top-level elements: one fewer than the elements. */
  let rowSeparators = 0;
  let separators = 0;
  for (const b of buffer) {
    if (inString) {
      if (escaped) escaped = false;
      else if (b === BACKSLASH) escaped = true;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (OPENERS.has(b)) depth++;
    else if (CLOSERS.has(b)) depth--;
    else if (b === COMMA) {
      separators++;
      if (depth === 1 && ++rowSeparators >= limits.rows)
        throw tooLarge(`The file has more than ${limits.rows} rows`, { limitRows: limits.rows });
      if (separators >= limits.cells)
        throw tooLarge(`The file has more than ${limits.cells} values`, { limitCells: limits.cells });
    }
  }
}
