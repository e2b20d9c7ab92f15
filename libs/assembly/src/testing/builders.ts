/** Small, explicit fixtures for unit tests: maps, templates and items built by hand. */
import { AssemblyError } from '../errors';
import type {
  Importance,
  KnowledgeMap,
  KnowledgeNode,
  PaperTemplate,
  SnapshotItem,
  TemplateSection,
  TheoryType,
} from '../types';

export function area(code: string, weight: number, children: KnowledgeNode[]): KnowledgeNode {
  return { code, name: `Area ${code}`, weight, children };
}

export function point(code: string, importance: Importance = 'X'): KnowledgeNode {
  return { code, name: `Point ${code}`, importance };
}

export function knowledgeMap(...areas: KnowledgeNode[]): KnowledgeMap {
  return { areas };
}

export function template(...sections: TemplateSection[]): PaperTemplate {
  return { sections, durationMinutes: 60 };
}

export function section(type: TheoryType, count: number, pointsEach: number): TemplateSection {
  return { type, count, pointsEach };
}

export function item(
  itemId: string,
  knowledgePoint: string,
  type: TheoryType = 'single',
  extra: Partial<SnapshotItem> = {},
): SnapshotItem {
  return {
    versionId: `v-${itemId}`,
    itemId,
    type,
    knowledgePoint,
    difficulty: 3,
    enemies: [],
    optionCount: type === 'judge' ? 0 : 4,
    usageCount: 0,
    ...extra,
  };
}

/** `count` items at one knowledge point, ids `<prefix>-<k>`. */
export function itemsAt(
  knowledgePoint: string,
  count: number,
  prefix: string,
  type: TheoryType = 'single',
  extra: Partial<SnapshotItem> = {},
): SnapshotItem[] {
  return Array.from({ length: count }, (_, k) =>
    item(`${prefix}-${String(k).padStart(3, '0')}`, knowledgePoint, type, extra),
  );
}

/** A deterministic shuffle for reordering test inputs (not the assembler's RNG). */
export function reorder<T>(values: readonly T[], salt: number): T[] {
  const keyed = values.map((v, k) => ({ v, key: Math.imul(k + 1, 2654435761 + salt * 40503) >>> 0 }));
  return keyed.sort((a, b) => a.key - b.key).map((x) => x.v);
}

/** The AssemblyError that `fn` throws (any other error is rethrown; none fails the test). */
export function error(fn: () => unknown): AssemblyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AssemblyError) return e;
    throw e;
  }
  throw new Error('expected an AssemblyError');
}
