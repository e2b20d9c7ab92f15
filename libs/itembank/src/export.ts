import * as ExcelJS from 'exceljs';
import type { ImportFormat } from './import/parse-import';
import { COLUMN_BY_FIELD, escapeCell, OPTION_FIELDS, TYPE_LABELS, type SheetField } from './sheet-template';
import { isTask, type ItemContent, type TaskContent, type TheoryContent } from './types';
import { canonicalAnswer } from './validate-item';

export type ExportFormat = ImportFormat;

export interface ExportableItem {
  /** The item id; becomes the exported `编号/ref` when the item has no usable ref of its own. */
  id: string;
  content: ItemContent;
}

const REF_SEPARATORS = /[,，、;；\s]/u;
const MIN_OPTION_COLUMNS = 4;

/**
 * Writes items in the import template (Chinese headers for xlsx/CSV; English keys and native values for
 * JSON), so that `parseImport(await exportItems(items, f), f)` gives back the same content.
 *
 * Each item is exported with `ref` = its own ref, or its id when it has none (or a ref that would not
 * survive the 互斥 cell, i.e. one containing a separator, or one already taken). Enemies naming an
 * exported item by id or ref are written as that item's exported ref; other enemies (ids of items not in
 * the export) are written unchanged for the importing API to resolve.
 *
 * Text cells that a spreadsheet would execute (`= + - @`, tab, CR) get a leading `'` in xlsx and CSV;
 * the importer strips it. CSV starts with a UTF-8 BOM so Excel opens Chinese text correctly.
 */
export async function exportItems(items: readonly ExportableItem[], format: ExportFormat): Promise<Buffer> {
  const records = toRecords(items);
  if (format === 'json') return Buffer.from(`${JSON.stringify(records.map(toJson), null, 2)}\n`, 'utf8');
  const fields = columnsFor(items);
  const header = fields.map((f) => COLUMN_BY_FIELD[f].zh);
  const cell = (v: string | number | undefined): string | number => (typeof v === 'string' ? escapeCell(v) : (v ?? ''));
  const rows = records.map((r) => fields.map((f) => cell(r.cells[f])));
  if (format === 'csv') return toCsv([header, ...rows]);
  if (format === 'xlsx') return writeXlsx(header, rows);
  throw new TypeError(`Unsupported export format "${String(format)}"; use xlsx, csv or json.`);
}

type Cells = Partial<Record<SheetField, string | number>>;
interface Row {
  content: ItemContent;
  ref: string;
  enemies: string[];
  cells: Cells;
}

function toRecords(items: readonly ExportableItem[]): Row[] {
  const taken = new Set<string>();
  const refs = items.map((item) => {
    const own = item.content.ref?.trim();
    const ref = own && !REF_SEPARATORS.test(own) && !taken.has(own) ? own : item.id;
    taken.add(ref);
    return ref;
  });
  const refOf = new Map<string, string>(); // item id or original ref → exported ref
  items.forEach((item, i) => refOf.set(item.id, refs[i]));
  items.forEach((item, i) => {
    if (item.content.ref && !refOf.has(item.content.ref)) refOf.set(item.content.ref, refs[i]);
  });

  return items.map((item, i) => {
    const c = item.content;
    const enemies = (c.enemies ?? []).map((e) => refOf.get(e) ?? e);
    const cells: Cells = {
      type: TYPE_LABELS[c.type],
      knowledgePoint: c.knowledgePoint,
      difficulty: c.difficulty,
      ref: refs[i],
      enemies: enemies.join(','),
      ...(isTask(c) ? taskCells(c) : theoryCells(c)),
    };
    return { content: c, ref: refs[i], enemies, cells };
  });
}

function theoryCells(c: TheoryContent): Cells {
  const cells: Cells = { stem: c.stem, answer: answerText(c), explanation: c.explanation };
  (c.options ?? []).forEach((option, i) => {
    if (i < OPTION_FIELDS.length) cells[OPTION_FIELDS[i]] = option;
  });
  return cells;
}

function taskCells(c: TaskContent): Cells {
  return {
    title: c.title,
    task: c.stem,
    materials: c.materials,
    minutes: c.minutes,
    rubric: c.rubric.map((l) => `${l.points}|${l.criterion}`).join('\n'),
    totalPoints: c.totalPoints,
    set: c.set,
  };
}

/** Judge √/× (the spelling question writers use), choice letters without separators (`ABD`). */
function answerText(c: TheoryContent): string {
  const answer = canonicalAnswer(c.type, c.answer);
  if (typeof answer === 'boolean') return answer ? '√' : '×';
  if (Array.isArray(answer)) return answer.join('');
  return answer ?? '';
}

function columnsFor(items: readonly ExportableItem[]): SheetField[] {
  const theory = items.filter((i) => !isTask(i.content)) as { content: TheoryContent }[];
  const hasTasks = items.some((i) => isTask(i.content));
  const fields: SheetField[] = ['type', 'knowledgePoint'];
  if (theory.length > 0 || !hasTasks) {
    const optionCount = Math.max(MIN_OPTION_COLUMNS, ...theory.map((i) => i.content.options?.length ?? 0));
    fields.push(
      'stem',
      ...OPTION_FIELDS.slice(0, Math.min(optionCount, OPTION_FIELDS.length)),
      'answer',
      'difficulty',
      'explanation',
    );
  } else {
    fields.push('difficulty');
  }
  fields.push('ref', 'enemies');
  if (hasTasks) fields.push('title', 'task', 'materials', 'minutes', 'rubric', 'totalPoints', 'set');
  return fields;
}

function toJson(r: Row): Record<string, unknown> {
  const c = r.content;
  const common = {
    knowledgePoint: c.knowledgePoint,
    difficulty: c.difficulty,
    ref: r.ref,
    ...(r.enemies.length ? { enemies: r.enemies } : {}),
  };
  if (isTask(c)) {
    return {
      type: 'task',
      title: c.title,
      task: c.stem,
      ...(c.materials !== undefined ? { materials: c.materials } : {}),
      minutes: c.minutes,
      rubric: c.rubric.map((l) => ({ points: l.points, criterion: l.criterion })),
      totalPoints: c.totalPoints,
      ...(c.set !== undefined ? { set: c.set } : {}),
      ...common,
    };
  }
  return {
    type: c.type,
    stem: c.stem,
    options: c.options,
    answer: canonicalAnswer(c.type, c.answer) ?? c.answer,
    ...(c.explanation !== undefined ? { explanation: c.explanation } : {}),
    ...common,
  };
}

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]|^\s|\s$/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

function toCsv(rows: (string | number)[][]): Buffer {
  const body = rows.map((r) => r.map(csvField).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${body}\r\n`, 'utf8');
}

/** One sheet with a bold, frozen header row; the stem, task and rubric columns wide enough to read. */
export async function writeXlsx(header: string[], rows: (string | number)[][], sheetName = '题库'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  sheet.addRows(rows);
  sheet.columns.forEach((column, i) => {
    column.width =
      header[i] === COLUMN_BY_FIELD.stem.zh ||
      header[i] === COLUMN_BY_FIELD.task.zh ||
      header[i] === COLUMN_BY_FIELD.rubric.zh
        ? 60
        : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The example row of the import template: a single-choice item as question developers write them. */
const TEMPLATE_EXAMPLE: ExportableItem = {
  id: 'EX-001',
  content: {
    type: 'single',
    knowledgePoint: 'A-01-001',
    stem: '示例：我国交流电的标准频率是多少？（导入前请删除本行）',
    options: ['50 Hz', '60 Hz', '100 Hz', '220 Hz'],
    answer: 'A',
    difficulty: 3,
    explanation: '我国电网的额定频率为 50 Hz。',
    ref: 'EX-001',
  },
};

/** The import template (题库导入模板, SPEC §5): the Chinese headers our importer reads and one example row. */
export function importTemplate(format: Exclude<ExportFormat, 'json'>): Promise<Buffer> {
  return exportItems([TEMPLATE_EXAMPLE], format);
}
