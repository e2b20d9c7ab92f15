import { toHalfWidth } from '../normalise';
import {
  COLUMN_BY_FIELD,
  fieldForHeader,
  headerKey,
  OPTION_FIELDS,
  parseItemType,
  parseJudgeAnswer,
  splitRefs,
  type SheetField,
} from '../sheet-template';
import { OPTION_LETTERS, type ItemContent, type RubricLine, type TaskContent, type TheoryContent } from '../types';
import { answerKeys } from '../validate-item';
import { readCsv, readJson, readXlsx, UnreadableFileError, type RawRecord, type Table } from './read-table';

export type ImportFormat = 'xlsx' | 'csv' | 'json';

/**
 * One problem in an import file.
 * - `row`: the row number a person sees in the spreadsheet: header = 1, first data row = 2. For JSON
 *   it is the element's 1-based index + 1, so element 0 is "row 2" exactly like a spreadsheet's first
 *   item. `0` for a problem with the file as a whole (unreadable, wrong encoding).
 * - `column`: the header as written in the file (`答案`, `answer`); for JSON, the key.
 */
export interface ImportError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** A row that parsed cleanly into item content (it may still break a bank rule: see `validateImportBatch`). */
export interface ParsedRow {
  row: number;
  content: ItemContent;
  /** Content field path (`stem`, `options.B`, `rubric`, …) → header as written, to report later issues by column. */
  columns: Readonly<Record<string, string>>;
}

export interface ImportResult {
  /** Rows without parse errors, in file order. Enemies are returned raw (refs or ids) for the batch check. */
  rows: ParsedRow[];
  /** Every parse problem of every row, sorted by row. */
  errors: ImportError[];
  /** Unknown columns and other things the author should know but that do not block the import. */
  warnings: string[];
  /** Every `编号/ref` in the file, including those of rows that failed to parse (pass to `validateImportBatch` as `fileRefs`). */
  refs: string[];
}

/** Stable codes of parse errors. The batch check adds the codes of `validateItem`. */
export const ImportErrorCode = {
  FORMAT_UNSUPPORTED: 'FORMAT_UNSUPPORTED',
  FILE_UNREADABLE: 'FILE_UNREADABLE',
  ENCODING_NOT_UTF8: 'ENCODING_NOT_UTF8',
  FILE_EMPTY: 'FILE_EMPTY',
  HEADER_MISSING: 'HEADER_MISSING',
  HEADER_DUPLICATE: 'HEADER_DUPLICATE',
  ROW_INVALID: 'ROW_INVALID',
  CELL_ERROR: 'CELL_ERROR',
  VALUE_INVALID: 'VALUE_INVALID',
  TYPE_UNKNOWN: 'TYPE_UNKNOWN',
  ANSWER_INVALID: 'ANSWER_INVALID',
  OPTION_GAP: 'OPTION_GAP',
  DIFFICULTY_INVALID: 'DIFFICULTY_INVALID',
  MINUTES_INVALID: 'MINUTES_INVALID',
  RUBRIC_LINE_INVALID: 'RUBRIC_LINE_INVALID',
  TOTAL_POINTS_INVALID: 'TOTAL_POINTS_INVALID',
  REF_DUPLICATE: 'REF_DUPLICATE',
} as const;
export type ImportErrorCode = (typeof ImportErrorCode)[keyof typeof ImportErrorCode];

export const DEFAULT_DIFFICULTY = 3;
export const DEFAULT_TASK_POINTS = 100;

/** `options` as one array is a JSON-only spelling; spreadsheets use 选项A…选项H. */
type Field = SheetField | 'options';

/**
 * Parses an import file (SPEC §5) into item content. Reports every problem of every row; it does not
 * check bank rules (knowledge points, duplicates, enemies…): run `validateImportBatch` on `rows` for
 * that. If a required column is missing, only the header errors are returned (every row would fail).
 */
export async function parseImport(buffer: Buffer, format: ImportFormat): Promise<ImportResult> {
  let table: Table;
  try {
    if (format === 'xlsx') table = await readXlsx(buffer);
    else if (format === 'csv') table = readCsv(buffer);
    else if (format === 'json') table = readJson(buffer);
    else
      return fileError('FORMAT_UNSUPPORTED', `Unsupported import format "${String(format)}"; use xlsx, csv or json.`);
  } catch (e) {
    if (e instanceof UnreadableFileError) return fileError(e.code, e.message);
    throw e;
  }
  return parseTable(table, format);
}

function fileError(code: ImportErrorCode, message: string): ImportResult {
  return { rows: [], errors: [{ row: 0, column: '', code, message }], warnings: [], refs: [] };
}

/**
 * Header → field mapping. A spreadsheet has one column per field (a second one is an error); a JSON
 * file may spell a key differently from one element to the next, so a field can have several keys and
 * each element uses the one it has.
 */
interface Columns {
  names: string[];
  index: Map<Field, number[]>;
  /** Some field has several columns (JSON only). */
  multi: boolean;
}

function canonicalHeader(field: Field): string {
  return field === 'options' ? '选项A' : COLUMN_BY_FIELD[field].zh;
}

function mapColumns(table: Table, format: ImportFormat, errors: ImportError[], warnings: string[]): Columns {
  const index = new Map<Field, number[]>();
  let multi = false;
  table.columns.forEach((raw, i) => {
    const header = raw ?? '';
    if (header.trim() === '') return;
    const field: Field | undefined =
      format === 'json' && ['options', '选项'].includes(headerKey(header)) ? 'options' : fieldForHeader(header);
    const existing = field && index.get(field);
    if (!field) {
      warnings.push(
        `Column "${header}" is not part of the import template and was ignored. 未识别的列「${header}」已忽略。`,
      );
    } else if (!existing) {
      index.set(field, [i]);
    } else if (format === 'json') {
      existing.push(i);
      multi = true;
    } else {
      errors.push({
        row: 1,
        column: header,
        code: 'HEADER_DUPLICATE',
        message: `Column "${header}" repeats column "${table.columns[existing[0]]}". 列「${header}」重复。`,
      });
    }
  });
  return { names: table.columns, index, multi };
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function parseTable(table: Table, format: ImportFormat): ImportResult {
  const errors: ImportError[] = [];
  const warnings: string[] = [];
  const cols = mapColumns(table, format, errors, warnings);

  const missing = (fields: Field[]): void => {
    for (const field of fields) {
      errors.push({
        row: 1,
        column: canonicalHeader(field),
        code: 'HEADER_MISSING',
        message: `Required column "${COLUMN_BY_FIELD[field as SheetField].zh}" (${COLUMN_BY_FIELD[field as SheetField].en}) is missing. 缺少必填列「${COLUMN_BY_FIELD[field as SheetField].zh}」。`,
      });
    }
  };
  const required: Field[] = ['type', 'knowledgePoint'];
  missing(required.filter((f) => !cols.index.has(f)));
  if (errors.length > 0) return { rows: [], errors, warnings, refs: [] };

  const records = table.records.filter((r) => r.invalid !== undefined || !r.values.every(isBlank));
  const parsers = records.map((record) => new RowParser(record, cols));
  const types = parsers.map((p) => parseItemType(text(p.peek('type')) ?? ''));

  // Columns only some item types need: demand them only if the file has such items.
  const need = new Set<Field>();
  if (types.some((t) => t && t !== 'task')) ['stem', 'answer'].forEach((f) => need.add(f as Field));
  if (types.some((t) => t === 'single' || t === 'multiple') && !cols.index.has('options') && !cols.index.has('optionA'))
    need.add('optionA');
  if (types.some((t) => t === 'task')) {
    ['title', 'minutes', 'rubric'].forEach((f) => need.add(f as Field));
    if (!cols.index.has('stem')) need.add('task');
  }
  missing([...need].filter((f) => !cols.index.has(f)));
  if (errors.length > 0) return { rows: [], errors, warnings, refs: [] };

  const rows: ParsedRow[] = [];
  const refRows = new Map<string, number>();
  const sharedMaps = new Map<string, Readonly<Record<string, string>>>();
  records.forEach((record, i) => {
    const parser = parsers[i];
    const type = types[i];
    let content: ItemContent | undefined;
    if (record.invalid) {
      parser.error('type', 'ROW_INVALID', record.invalid);
    } else if (!type) {
      const written = text(parser.peek('type')) ?? '';
      parser.error(
        'type',
        'TYPE_UNKNOWN',
        `Unknown item type "${written}"; use 判断/单选/多选/实操 or judge/single/multiple/task. 题型「${written}」无法识别。`,
      );
    } else {
      content = type === 'task' ? parser.task() : parser.theory(type);
    }
    const ref = parser.optionalText('ref');
    if (ref !== undefined) {
      const first = refRows.get(ref);
      if (first !== undefined)
        parser.error(
          'ref',
          'REF_DUPLICATE',
          `Ref "${ref}" is already used in row ${first}. 编号「${ref}」与第 ${first} 行重复。`,
        );
      else refRows.set(ref, record.row);
    }
    parser.reportCellErrors();
    if (parser.errors.length > 0) errors.push(...parser.errors);
    else if (content) {
      // Every spreadsheet row maps fields to the same headers; share those maps instead of building 10,000.
      const key = `${content.type === 'task' ? 'task' : 'theory'}:${parser.stemField}`;
      let columns = cols.multi ? undefined : sharedMaps.get(key);
      if (!columns) {
        columns = parser.columnMap(content.type === 'task');
        if (!cols.multi) sharedMaps.set(key, columns);
      }
      rows.push({ row: record.row, content, columns });
    }
  });
  return { rows, errors, warnings, refs: [...refRows.keys()] };
}

/** Text of a raw value, or `undefined` when the value cannot be text (a JSON object). */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return undefined;
}

const RUBRIC_POINTS = /^(\d+(?:\.\d+)?)\s*分?$/u;
const MINUTES = /^(\d+(?:\.\d+)?)\s*(?:分钟|分|min|mins|minutes)?$/iu;

/** Reads one record; collects its errors instead of stopping at the first. */
class RowParser {
  readonly errors: ImportError[] = [];
  private readonly used = new Set<number>();

  constructor(
    private readonly record: RawRecord,
    private readonly cols: Columns,
  ) {}

  /** Field whose text is the task description: 任务描述, or 题干 when a task row leaves 任务描述 empty. */
  stemField: Field = 'stem';

  error(field: Field, code: ImportErrorCode, message: string): void {
    this.errors.push({ row: this.record.row, column: this.header(field), code, message });
  }

  /** The column this row takes a field from: its only column, or for JSON the key this element has. */
  private column(field: Field): number | undefined {
    const list = this.cols.index.get(field);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return list.find((i) => this.record.values[i] !== undefined) ?? list[0];
  }

  /** The header as written for a field in this row, or the template's Chinese header if the file lacks it. */
  header(field: Field): string {
    const i = this.column(field);
    return i === undefined ? canonicalHeader(field) : this.cols.names[i];
  }

  /** A raw value without marking the cell as read. */
  peek(field: Field): unknown {
    const i = this.column(field);
    return i === undefined ? undefined : this.record.values[i];
  }

  private raw(field: Field): unknown {
    const i = this.column(field);
    if (i === undefined) return undefined;
    this.used.add(i);
    return this.record.values[i];
  }

  /** Content field path → header, for reporting `validateItem` issues by column. */
  columnMap(task: boolean): Readonly<Record<string, string>> {
    const map: Record<string, string> = {};
    for (const f of ['type', 'knowledgePoint', 'difficulty', 'ref', 'enemies'] as const) map[f] = this.header(f);
    map.stem = this.header(this.stemField);
    if (task) {
      for (const f of ['title', 'materials', 'minutes', 'rubric', 'totalPoints', 'set'] as const)
        map[f] = this.header(f);
    } else {
      map.answer = this.header('answer');
      map.explanation = this.header('explanation');
      const json = this.has('options');
      map.options = this.header(json ? 'options' : 'optionA');
      OPTION_FIELDS.forEach((f, i) => (map[`options.${OPTION_LETTERS[i]}`] = this.header(json ? 'options' : f)));
    }
    return Object.freeze(map);
  }

  has(field: Field): boolean {
    return this.cols.index.has(field);
  }

  /** Trimmed text of a cell; '' when empty or when the value is not text (reported as VALUE_INVALID). */
  text(field: Field): string {
    const value = this.raw(field);
    const t = Array.isArray(value) ? undefined : text(value);
    if (t === undefined) {
      this.error(
        field,
        'VALUE_INVALID',
        `Expected text in "${this.header(field)}". 「${this.header(field)}」应为文本。`,
      );
      return '';
    }
    return t;
  }

  optionalText(field: Field): string | undefined {
    if (!this.has(field)) return undefined;
    const t = this.text(field);
    return t === '' ? undefined : t;
  }

  reportCellErrors(): void {
    this.record.cellErrors?.forEach((error, i) => {
      if (this.used.has(i)) {
        this.errors.push({
          row: this.record.row,
          column: this.cols.names[i],
          code: 'CELL_ERROR',
          message: `The cell shows the error ${error}. 单元格为错误值 ${error}。`,
        });
      }
    });
  }

  private common(): { knowledgePoint: string; difficulty: number; ref?: string; enemies?: string[] } {
    const out: { knowledgePoint: string; difficulty: number; ref?: string; enemies?: string[] } = {
      knowledgePoint: toHalfWidth(this.text('knowledgePoint')),
      difficulty: this.difficulty(),
    };
    const ref = this.optionalText('ref');
    if (ref !== undefined) out.ref = ref;
    const enemies = this.enemies();
    if (enemies.length > 0) out.enemies = enemies;
    return out;
  }

  private difficulty(): number {
    const t = this.has('difficulty') ? toHalfWidth(this.text('difficulty')) : '';
    if (t === '') return DEFAULT_DIFFICULTY;
    const n = Number(t);
    if (!Number.isFinite(n)) {
      this.error(
        'difficulty',
        'DIFFICULTY_INVALID',
        `Difficulty "${t}" is not a number from 1 to 5. 难度「${t}」须为 1–5 的数字。`,
      );
      return DEFAULT_DIFFICULTY;
    }
    return n;
  }

  private enemies(): string[] {
    const value = this.raw('enemies');
    if (Array.isArray(value)) return [...new Set(value.map((v) => text(v) ?? '').filter((s) => s !== ''))];
    return this.has('enemies') ? splitRefs(this.text('enemies')) : [];
  }

  theory(type: 'judge' | 'single' | 'multiple'): TheoryContent {
    const content: TheoryContent = {
      type,
      stem: this.text('stem'),
      options: this.options(),
      answer: this.answer(type),
      ...this.common(),
    };
    const explanation = this.optionalText('explanation');
    if (explanation !== undefined) content.explanation = explanation;
    return content;
  }

  private options(): string[] {
    const list = this.raw('options');
    if (this.has('options') && list !== undefined && list !== null) {
      if (!Array.isArray(list)) {
        this.error('options', 'VALUE_INVALID', 'options must be an array of texts.');
        return [];
      }
      const options = list.map((v) => text(v) ?? '');
      while (options.length > 0 && options[options.length - 1] === '') options.pop();
      return options;
    }
    const values = OPTION_FIELDS.map((f) => (this.has(f) ? this.text(f) : ''));
    let last = values.length - 1;
    while (last >= 0 && values[last] === '') last--;
    for (let i = 0; i < last; i++) {
      if (values[i] === '') {
        const letter = OPTION_LETTERS[i];
        this.error(
          OPTION_FIELDS[i],
          'OPTION_GAP',
          `Option ${letter} is empty but a later option is filled; options must be consecutive from A. 选项${letter}为空，但其后还有选项。`,
        );
      }
    }
    return values.slice(0, last + 1);
  }

  private answer(type: 'judge' | 'single' | 'multiple'): boolean | string | string[] {
    const value = this.raw('answer');
    const written = Array.isArray(value) ? value.join(',') : (text(value) ?? '');
    if (isBlank(value)) {
      this.error('answer', 'ANSWER_INVALID', 'The answer is missing. 答案不能为空。');
      return type === 'judge' ? false : [];
    }
    if (type === 'judge') {
      const answer = typeof value === 'boolean' ? value : parseJudgeAnswer(written);
      if (answer === undefined) {
        this.error(
          'answer',
          'ANSWER_INVALID',
          `"${written}" is not a true/false answer; use √/×, 对/错, 正确/错误, T/F or true/false. 判断题答案「${written}」无法识别。`,
        );
        return false;
      }
      return answer;
    }
    const keys = answerKeys(Array.isArray(value) ? value : written);
    if (!keys || keys.length === 0) {
      this.error(
        'answer',
        'ANSWER_INVALID',
        `"${written}" is not an answer of option letters A–H. 答案「${written}」须为选项字母。`,
      );
      return [];
    }
    const unique = [...new Set(keys)].sort();
    // A single-choice row with two letters stays an array so validateItem reports SINGLE_KEY_COUNT.
    return type === 'single' && unique.length === 1 ? unique[0] : unique;
  }

  task(): TaskContent {
    this.stemField = this.has('task') && (!this.has('stem') || !isBlank(this.peek('task'))) ? 'task' : 'stem';
    const content: TaskContent = {
      type: 'task',
      title: this.text('title'),
      stem: this.text(this.stemField),
      minutes: this.minutes(),
      rubric: this.rubric(),
      totalPoints: this.totalPoints(),
      ...this.common(),
    };
    const materials = this.optionalText('materials');
    if (materials !== undefined) content.materials = materials;
    const set = this.optionalText('set');
    if (set !== undefined) content.set = set;
    return content;
  }

  private minutes(): number {
    const t = toHalfWidth(this.text('minutes'));
    const m = MINUTES.exec(t);
    if (!m) {
      this.error('minutes', 'MINUTES_INVALID', `"${t}" is not a time in minutes. 考核时间「${t}」须为分钟数。`);
      return 0;
    }
    return Number(m[1]);
  }

  private totalPoints(): number {
    const t = this.has('totalPoints') ? toHalfWidth(this.text('totalPoints')) : '';
    if (t === '') return DEFAULT_TASK_POINTS;
    const n = Number(t.replace(/分$/u, ''));
    if (!Number.isFinite(n)) {
      this.error('totalPoints', 'TOTAL_POINTS_INVALID', `"${t}" is not a number of points. 总分「${t}」须为数字。`);
      return DEFAULT_TASK_POINTS;
    }
    return n;
  }

  /** `points|criterion`, one line each; `|` or full-width `｜`; the first bar splits, so criteria may contain bars. */
  private rubric(): RubricLine[] {
    const value = this.raw('rubric');
    if (Array.isArray(value)) return this.rubricFromJson(value);
    const lines: RubricLine[] = [];
    this.text('rubric')
      .split(/\r\n|\r|\n/u)
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const bar = line.search(/[|｜]/u);
        const points = bar < 0 ? null : RUBRIC_POINTS.exec(toHalfWidth(line.slice(0, bar)).trim());
        const criterion = bar < 0 ? '' : line.slice(bar + 1).trim();
        if (!points || criterion === '') {
          this.error(
            'rubric',
            'RUBRIC_LINE_INVALID',
            `Rubric line ${i + 1} "${line.trim()}" must read "points|criterion", e.g. "10|导线连接牢固". 评分标准第${i + 1}行须为“分值|评分要点”。`,
          );
          return;
        }
        lines.push({ points: Number(points[1]), criterion });
      });
    return lines;
  }

  private rubricFromJson(value: unknown[]): RubricLine[] {
    const lines: RubricLine[] = [];
    value.forEach((line, i) => {
      const l = line as Partial<RubricLine> | null;
      if (!l || typeof l !== 'object' || typeof l.points !== 'number' || typeof l.criterion !== 'string') {
        this.error(
          'rubric',
          'RUBRIC_LINE_INVALID',
          `Rubric line ${i + 1} must be {"points": number, "criterion": text}.`,
        );
      } else {
        lines.push({ points: l.points, criterion: l.criterion.trim() });
      }
    });
    return lines;
  }
}
