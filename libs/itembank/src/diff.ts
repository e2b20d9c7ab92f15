import { OPTION_LETTERS, type ItemContent, type RubricLine } from './types';

export type DiffValue = string | number | boolean | string[] | null;

/** One changed field. `null` means absent on that side (an option or rubric line added or removed). */
export interface FieldChange {
  /** `stem`, `answer`, `options.B`, `rubric[0]` (zero-based line), … */
  field: string;
  before: DiffValue;
  after: DiffValue;
}

// Field order is the order a reviewer reads an item in.
const SCALAR_FIELDS = [
  'type',
  'title',
  'stem',
  'materials',
  'minutes',
  'totalPoints',
  'answer',
  'knowledgePoint',
  'difficulty',
  'explanation',
  'set',
  'ref',
] as const;

/**
 * What changed from version `a` to version `b`. Options are compared per letter and rubric lines per
 * line, so a reviewer sees "options.C: 36 V → 24 V" rather than two whole arrays. Enemies are compared
 * as a set. Returns [] when nothing changed.
 */
export function diffVersions(a: ItemContent, b: ItemContent): FieldChange[] {
  const before = a as unknown as Record<string, unknown>;
  const after = b as unknown as Record<string, unknown>;
  const changes: FieldChange[] = [];
  const push = (field: string, x: DiffValue, y: DiffValue): void => {
    if (!same(x, y)) changes.push({ field, before: x, after: y });
  };

  for (const field of SCALAR_FIELDS.slice(0, 6)) push(field, value(before[field]), value(after[field]));
  const optionsA = strings(before.options);
  const optionsB = strings(after.options);
  for (let i = 0; i < Math.max(optionsA.length, optionsB.length); i++) {
    push(`options.${OPTION_LETTERS[i] ?? i + 1}`, optionsA[i] ?? null, optionsB[i] ?? null);
  }
  const rubricA = rubric(before.rubric);
  const rubricB = rubric(after.rubric);
  for (let i = 0; i < Math.max(rubricA.length, rubricB.length); i++) {
    push(`rubric[${i}]`, rubricA[i] ?? null, rubricB[i] ?? null);
  }
  for (const field of SCALAR_FIELDS.slice(6)) push(field, value(before[field]), value(after[field]));
  const enemiesA = [...strings(before.enemies)].sort();
  const enemiesB = [...strings(after.enemies)].sort();
  push('enemies', enemiesA.length ? enemiesA : null, enemiesB.length ? enemiesB : null);
  return changes;
}

function value(v: unknown): DiffValue {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return strings(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

/** A rubric line as it appears in the import template, `points|criterion`. */
function rubric(v: unknown): string[] {
  return Array.isArray(v) ? (v as RubricLine[]).map((line) => `${line?.points}|${line?.criterion ?? ''}`) : [];
}

function same(x: DiffValue, y: DiffValue): boolean {
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}
