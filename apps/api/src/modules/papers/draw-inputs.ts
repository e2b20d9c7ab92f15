import type {
  KnowledgeMap,
  KnowledgeNode,
  PaperTemplate,
  PracticalTask,
  PracticalTemplate,
  SnapshotItem,
  TheoryType,
} from '@jianding/assembly';
import type { BankCounts, ItemContent, PaperTemplate as BankTemplate, StratumNeed } from '@jianding/itembank';
import { computeQuotas } from '@jianding/assembly';
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

/** The bank module's template (`pointsEach`, titles) → the assembler's (`pointsPerItem`). */
export function toAssemblyTemplate(t: BankTemplate): PaperTemplate {
  return {
    durationMinutes: t.durationMinutes,
    sections: t.sections.map((s) => ({ type: s.type, count: s.count, pointsPerItem: s.pointsEach })),
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

/** Leaf code → code of its stratum (the lowest area, whose children are points). */
function strataOfPoints(map: KnowledgeMap): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: KnowledgeNode): void => {
    const children = node.children ?? [];
    if (children.length === 0) return;
    if (children.every((c) => !c.children || c.children.length === 0))
      children.forEach((c) => out.set(c.code, node.code));
    else children.forEach(walk);
  };
  map.areas.forEach(walk);
  return out;
}

/**
 * Per stratum and type, what the template needs from the bank (the quotas of every section of that type,
 * as the assembler's supply check adds them up) next to the approved items there: the compliance
 * report's detail, so a bank that meets the total but cannot fill a stratum is refused before approval.
 */
export function stratumNeeds(
  map: KnowledgeMap,
  template: PaperTemplate,
  rows: readonly ApprovedVersionRow[],
): StratumNeed[] {
  const stratumOf = strataOfPoints(map);
  const available = new Map<string, number>();
  for (const r of rows) {
    const s = stratumOf.get(r.knowledgePoint);
    if (s && THEORY.includes(r.type)) available.set(`${s}|${r.type}`, (available.get(`${s}|${r.type}`) ?? 0) + 1);
  }
  const needed = new Map<string, number>();
  for (const section of computeQuotas(map, template)) {
    for (const s of section.strata)
      needed.set(`${s.code}|${section.type}`, (needed.get(`${s.code}|${section.type}`) ?? 0) + s.quota);
  }
  return [...needed].map(([key, n]) => {
    const [stratum, type] = key.split('|');
    return { stratum, type: type as TheoryType, needed: n, available: available.get(key) ?? 0 };
  });
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
