import type { PaperTemplate, PracticalTask, PracticalTemplate, SnapshotItem, TheoryType } from '@jianding/assembly';
import type { BankCounts, ItemContent } from '@jianding/itembank';
import type { ApprovedVersionRow } from './bank-reader.repository';

/**
 * Pure translations from the bank's stored rows to the assembler's inputs, shared by approval (threshold),
 * the assembly job and re-derivation, so the three can never build a different snapshot.
 */

const THEORY: readonly string[] = ['judge', 'single', 'multiple'];

/** An approved version row → the assembler's snapshot row (options counted, enemies as item ids). */
export function toSnapshotItem(row: ApprovedVersionRow, content: ItemContent): SnapshotItem {
  const enemies = Array.isArray(content.enemies)
    ? content.enemies.filter((e): e is string => typeof e === 'string')
    : [];
  const options = 'options' in content && Array.isArray(content.options) ? content.options.length : 0;
  return {
    versionId: row.versionId,
    itemId: row.itemId,
    type: row.type as SnapshotItem['type'],
    knowledgePoint: row.knowledgePoint,
    difficulty: row.difficulty,
    enemies,
    optionCount: row.type === 'judge' || row.type === 'task' ? 0 : options,
    usageCount: row.usageCount,
  };
}

/** A practical task row → what `composePracticalPaper` draws from. */
export function toPracticalTask(row: ApprovedVersionRow, content: ItemContent): PracticalTask {
  const task = content.type === 'task' ? content : undefined;
  const rubricTotal = task?.rubric?.reduce((sum, l) => sum + l.points, 0) ?? 0;
  return {
    versionId: row.versionId,
    itemId: row.itemId,
    knowledgePoint: row.knowledgePoint,
    points: task?.totalPoints ?? rubricTotal,
    minutes: task?.minutes ?? 0,
  };
}

/**
 * A stored template (a bank's, or the one a request's approval fixed) as the domain reads it. Plans approved
 * before the assembler and the bank shared one template shape name the points `pointsPerItem`.
 */
export function storedTemplate(t: {
  durationMinutes: number;
  sections: { type: TheoryType; count: number; pointsEach?: number; pointsPerItem?: number; title?: string }[];
}): PaperTemplate {
  return {
    durationMinutes: t.durationMinutes,
    sections: t.sections.map((s) => ({
      type: s.type,
      count: s.count,
      pointsEach: s.pointsEach ?? s.pointsPerItem ?? 0,
      ...(s.title ? { title: s.title } : {}),
    })),
  };
}

export interface ParsedRows {
  rows: ApprovedVersionRow[];
  contents: ItemContent[];
}

export function parseRows(rows: ApprovedVersionRow[]): ParsedRows {
  return { rows, contents: rows.map((r) => JSON.parse(r.content) as ItemContent) };
}

export function snapshotOf(parsed: ParsedRows): SnapshotItem[] {
  return parsed.rows.map((r, i) => toSnapshotItem(r, parsed.contents[i]));
}

export function practicalTasksOf(parsed: ParsedRows): PracticalTask[] {
  return parsed.rows.flatMap((r, i) => (r.type === 'task' ? [toPracticalTask(r, parsed.contents[i])] : []));
}

/** Practical sets that hold at least one approved task of the snapshot, sorted. */
export function practicalSetIdsOf(rows: readonly ApprovedVersionRow[]): string[] {
  return [...new Set(rows.filter((r) => r.type === 'task' && r.practicalSetId).map((r) => r.practicalSetId!))].sort();
}

export function bankCounts(rows: readonly ApprovedVersionRow[]): BankCounts {
  const approvedTheory = { judge: 0, single: 0, multiple: 0 };
  let tasks = 0;
  for (const r of rows) {
    if (THEORY.includes(r.type)) approvedTheory[r.type as TheoryType]++;
    else if (r.type === 'task') tasks++;
  }
  return { approvedTheory, approvedPracticalSets: practicalSetIdsOf(rows).length, approvedPracticalTasks: tasks };
}

/** Approved theory items per knowledge point and type: what `blueprintNeeds` allocates over. */
export function pointCounts(
  rows: readonly ApprovedVersionRow[],
): { knowledgePoint: string; type: string; approved: number }[] {
  const byKey = new Map<string, { knowledgePoint: string; type: string; approved: number }>();
  for (const r of rows) {
    if (!THEORY.includes(r.type)) continue;
    const key = `${r.knowledgePoint}|${r.type}`;
    const entry = byKey.get(key) ?? { knowledgePoint: r.knowledgePoint, type: r.type, approved: 0 };
    entry.approved++;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** A → 0, B → 1 …; then AA, AB for the 27th form on. */
export function formLabel(k: number): string {
  return k < 26 ? String.fromCharCode(65 + k) : formLabel(Math.floor(k / 26) - 1) + String.fromCharCode(65 + (k % 26));
}

/** Candidate index 0 → `C0001`. */
export function candidateLabel(i: number): string {
  return `C${String(i + 1).padStart(4, '0')}`;
}

/**
 * Practical template of a request: `template.practical` of the bank when present, else one task worth 100
 * points. Tasks are composed only when the bank is counted in tasks; sets are drawn whole.
 */
export function practicalTemplateOf(stored: unknown): PracticalTemplate {
  const t = stored as { practical?: PracticalTemplate } | null;
  return t?.practical && Array.isArray(t.practical.sections)
    ? t.practical
    : { sections: [{ count: 1, pointsPerTask: 100 }] };
}
