/**
 * The spreadsheet import/export template (题库导入模板, SPEC §5): one definition shared by the parser
 * and the exporter so the two cannot drift apart.
 */
import { toHalfWidth } from './normalise';
import type { ItemType } from './types';

export type OptionField = 'optionA' | 'optionB' | 'optionC' | 'optionD' | 'optionE' | 'optionF' | 'optionG' | 'optionH';
export type SheetField =
  | 'type'
  | 'knowledgePoint'
  | 'stem'
  | OptionField
  | 'answer'
  | 'difficulty'
  | 'explanation'
  | 'ref'
  | 'enemies'
  | 'title'
  | 'task'
  | 'materials'
  | 'minutes'
  | 'rubric'
  | 'totalPoints'
  | 'set';

export interface SheetColumn {
  field: SheetField;
  /** The header our exporter writes. */
  zh: string;
  en: string;
  /** Other spellings met in real spreadsheets. */
  aliases?: string[];
}

export const OPTION_FIELDS: readonly OptionField[] = [
  'optionA',
  'optionB',
  'optionC',
  'optionD',
  'optionE',
  'optionF',
  'optionG',
  'optionH',
];

/** Columns of theory items, in template order. */
export const SHEET_THEORY_COLUMNS: readonly SheetColumn[] = [
  { field: 'type', zh: '题型', en: 'type', aliases: ['试题类型', '题目类型'] },
  { field: 'knowledgePoint', zh: '鉴定点', en: 'knowledgePoint', aliases: ['鉴定点代码', '鉴定要素', '知识点'] },
  { field: 'stem', zh: '题干', en: 'stem', aliases: ['试题内容', '题目'] },
  ...OPTION_FIELDS.map((field) => ({ field, zh: `选项${field.slice(-1)}`, en: field })),
  { field: 'answer', zh: '答案', en: 'answer', aliases: ['正确答案', '参考答案'] },
  { field: 'difficulty', zh: '难度', en: 'difficulty', aliases: ['难度等级'] },
  { field: 'explanation', zh: '解析', en: 'explanation', aliases: ['试题解析', '答案解析'] },
  { field: 'ref', zh: '编号', en: 'ref', aliases: ['试题编号'] },
  { field: 'enemies', zh: '互斥', en: 'enemies', aliases: ['互斥题', '互斥试题'] },
];

/** Extra columns of practical tasks (题型 实操). */
export const SHEET_TASK_COLUMNS: readonly SheetColumn[] = [
  { field: 'title', zh: '试题名称', en: 'title' },
  { field: 'task', zh: '任务描述', en: 'task', aliases: ['任务'] },
  { field: 'materials', zh: '所需材料', en: 'materials', aliases: ['材料', '考场准备'] },
  { field: 'minutes', zh: '考核时间', en: 'minutes', aliases: ['时间', '时限'] },
  { field: 'rubric', zh: '评分标准', en: 'rubric' },
  { field: 'totalPoints', zh: '总分', en: 'totalPoints', aliases: ['配分'] },
  { field: 'set', zh: '所属卷', en: 'set', aliases: ['实操卷', '试卷'] },
];

export const SHEET_COLUMNS: readonly SheetColumn[] = [...SHEET_THEORY_COLUMNS, ...SHEET_TASK_COLUMNS];
export const COLUMN_BY_FIELD: Readonly<Record<SheetField, SheetColumn>> = Object.fromEntries(
  SHEET_COLUMNS.map((c) => [c.field, c]),
) as Record<SheetField, SheetColumn>;

/**
 * Header comparison key: full-width folded, lower-cased, spaces/underscores/hyphens and a trailing
 * `*` (required-column marker) or parenthesised unit (`考核时间（分钟）`) removed.
 */
export function headerKey(header: string): string {
  return toHalfWidth(header)
    .trim()
    .replace(/\(.*\)$/u, '')
    .replace(/\*+$/u, '')
    .replace(/[\s_-]+/gu, '')
    .toLowerCase();
}

const HEADER_INDEX: ReadonlyMap<string, SheetField> = (() => {
  const index = new Map<string, SheetField>();
  for (const column of SHEET_COLUMNS) {
    for (const name of [column.zh, column.en, ...(column.aliases ?? [])]) index.set(headerKey(name), column.field);
  }
  // People write `选项 A`, `A选项` and `option a`; the first and last are covered by headerKey.
  for (const field of OPTION_FIELDS) index.set(headerKey(`${field.slice(-1)}选项`), field);
  return index;
})();

/** The template field a header names, or `undefined` for an unknown column. */
export function fieldForHeader(header: string): SheetField | undefined {
  return HEADER_INDEX.get(headerKey(header));
}

/** The Chinese spelling our exporter writes for each type. */
export const TYPE_LABELS: Readonly<Record<ItemType, string>> = {
  judge: '判断',
  single: '单选',
  multiple: '多选',
  task: '实操',
};

const TYPE_INDEX: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['判断', 'judge'],
  ['是非', 'judge'],
  ['judge', 'judge'],
  ['truefalse', 'judge'],
  ['单选', 'single'],
  ['单项选择', 'single'],
  ['single', 'single'],
  ['多选', 'multiple'],
  ['多项选择', 'multiple'],
  ['multiple', 'multiple'],
  ['实操', 'task'],
  ['操作技能', 'task'],
  ['实际操作', 'task'],
  ['task', 'task'],
  ['practical', 'task'],
]);

/** Reads a 题型 cell: 判断/单选/多选/实操 (with or without 题), or the English names. */
export function parseItemType(text: string): ItemType | undefined {
  const key = toHalfWidth(text)
    .trim()
    .toLowerCase()
    .replace(/[\s_/-]+/gu, '')
    .replace(/题$/u, '');
  return TYPE_INDEX.get(key);
}

const TRUE_WORDS = new Set(['√', '✓', '✔', '对', '正确', '是', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['×', 'x', '✗', '✘', '错', '错误', '否', 'f', 'false', 'n', 'no']);

/** Reads a judge answer (SPEC §5 spellings, case-insensitive); `undefined` when it is none of them. */
export function parseJudgeAnswer(text: string): boolean | undefined {
  const key = toHalfWidth(text).trim().toLowerCase();
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  return undefined;
}

/** Splits a 互斥 cell on `,` `，` `、` `;` `；` or whitespace. */
export function splitRefs(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/u).filter((s) => s !== ''))];
}

/**
 * Formula-injection escape for spreadsheet cells (OWASP CSV injection): a value that a spreadsheet
 * would run as a formula gets a leading `'`. Values already starting with `'`s before such a character
 * get one more, so {@link unescapeCell} can always strip exactly one and the round trip is exact.
 */
export function escapeCell(value: string): string {
  return /^'*[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

/** Undoes {@link escapeCell}. */
export function unescapeCell(value: string): string {
  return /^'+[=+\-@\t\r]/u.test(value) ? value.slice(1) : value;
}
