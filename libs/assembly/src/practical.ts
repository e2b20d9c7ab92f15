import { AssemblyError } from './errors';
import { canonical, compareCodeUnits, sha256Hex } from './hash';
import { asSeed, createRng, randomIndex, shuffleInPlace } from './random';
import type { ItemId, ItemVersionId, KnowledgeCode, Seed, Sha256Hex } from './types';
import { ASSEMBLER_VERSION } from './version';

/** Banks counted in sets (套): one whole practical set is drawn. */
export interface PracticalSetDraw {
  assemblerVersion: string;
  seed: Seed;
  /** SHA-256 of the sorted set ids drawn from. */
  poolHash: Sha256Hex;
  poolSize: number;
  setId: string;
  contentHash: Sha256Hex;
}

/** Banks counted in tasks: one approved task version. */
export interface PracticalTask {
  versionId: string;
  itemId: string;
  knowledgePoint: string;
  /** Points of the task's rubric; a section takes tasks worth exactly its `pointsPerTask`. */
  points: number;
  minutes: number;
}

export interface PracticalTemplateSection {
  count: number;
  pointsPerTask: number;
}

/** Sections of `count` tasks worth `pointsPerTask` each; the paper totals 100 points. */
export interface PracticalTemplate {
  sections: PracticalTemplateSection[];
}

export interface PracticalPosition {
  position: number;
  section: number;
  itemId: ItemId;
  versionId: ItemVersionId;
  knowledgePoint: KnowledgeCode;
  points: number;
  minutes: number;
}

export interface PracticalPaper {
  assemblerVersion: string;
  seed: Seed;
  /** SHA-256 of the task pool (sorted by versionId). */
  poolHash: Sha256Hex;
  templateHash: Sha256Hex;
  totalPoints: number;
  totalMinutes: number;
  positions: PracticalPosition[];
  contentHash: Sha256Hex;
}

function practicalError(message: string, fields: ConstructorParameters<typeof AssemblyError>[2] = {}): AssemblyError {
  return new AssemblyError('PRACTICAL_INFEASIBLE', message, fields);
}

/**
 * One practical set chosen uniformly by seed: ids sorted (code-unit order), index = U(n) from the seed's
 * RNG. The order in which the caller lists the ids does not matter.
 */
export function drawPracticalSet(setIds: readonly string[], seed: string): PracticalSetDraw {
  const paperSeed = asSeed(seed);
  if (!Array.isArray(setIds) || setIds.some((id) => typeof id !== 'string' || id.length === 0)) {
    throw new AssemblyError('SNAPSHOT_INVALID', 'Practical sets: every set id must be a non-empty string');
  }
  const sorted = [...setIds].sort(compareCodeUnits);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] === sorted[k - 1])
      throw new AssemblyError('SNAPSHOT_INVALID', `Practical sets: set ${sorted[k]} is listed twice`);
  }
  if (sorted.length === 0) throw practicalError('No approved practical set to draw from', { needed: 1, available: 0 });
  const setId = sorted[randomIndex(createRng(paperSeed), sorted.length)];
  return {
    assemblerVersion: ASSEMBLER_VERSION,
    seed: paperSeed,
    poolHash: sha256Hex(canonical('jianding-practical-sets/1', sorted)),
    poolSize: sorted.length,
    setId,
    contentHash: sha256Hex(canonical('jianding-practical-set/1', setId)),
  };
}

function checkTasks(tasks: readonly PracticalTask[]): PracticalTask[] {
  const bad = (message: string) => new AssemblyError('SNAPSHOT_INVALID', `Practical tasks: ${message}`);
  if (!Array.isArray(tasks)) throw bad('not an array');
  for (const t of tasks) {
    if (!t || typeof t.versionId !== 'string' || t.versionId.length === 0) throw bad('a task has no versionId');
    if (typeof t.itemId !== 'string' || t.itemId.length === 0) throw bad(`task version ${t.versionId} has no itemId`);
    if (typeof t.knowledgePoint !== 'string') throw bad(`task version ${t.versionId} has no knowledgePoint`);
    if (typeof t.points !== 'number' || !Number.isFinite(t.points) || t.points <= 0)
      throw bad(`task version ${t.versionId} has points ${String(t.points)}`);
    if (typeof t.minutes !== 'number' || !Number.isFinite(t.minutes) || t.minutes < 0)
      throw bad(`task version ${t.versionId} has minutes ${String(t.minutes)}`);
  }
  const sorted = [...tasks].sort((a, b) => compareCodeUnits(a.versionId, b.versionId));
  const items = new Set<string>();
  sorted.forEach((t, k) => {
    if (k > 0 && t.versionId === sorted[k - 1].versionId) throw bad(`version ${t.versionId} appears twice`);
    if (items.has(t.itemId)) throw bad(`item ${t.itemId} has two versions`);
    items.add(t.itemId);
  });
  return sorted;
}

function checkPracticalTemplate(template: PracticalTemplate): Sha256Hex {
  const bad = (message: string) => new AssemblyError('TEMPLATE_INVALID', `Practical template: ${message}`);
  if (!template || !Array.isArray(template.sections) || template.sections.length === 0) throw bad('it has no sections');
  let total = 0;
  template.sections.forEach((s, i) => {
    if (!s || !Number.isInteger(s.count) || s.count < 1)
      throw bad(`section ${i} needs a whole count ≥ 1, got ${String(s?.count)}`);
    if (typeof s.pointsPerTask !== 'number' || !Number.isFinite(s.pointsPerTask) || s.pointsPerTask <= 0)
      throw bad(`section ${i} needs pointsPerTask > 0`);
    total += s.count * s.pointsPerTask;
  });
  if (Math.abs(total - 100) > 1e-9) throw bad(`the sections total ${total} points, not 100`);
  return sha256Hex(
    canonical(
      'jianding-practical-template/1',
      template.sections.map((s) => [s.count, s.pointsPerTask]),
    ),
  );
}

/**
 * A practical paper composed of tasks. For each section in order: the unused tasks worth exactly
 * `pointsPerTask`, sorted by versionId, are shuffled (full Fisher–Yates); then stably reordered by how many
 * earlier tasks in that shuffled list share their knowledge point, so one task per knowledge point comes
 * before any second task of a point; the first `count` are taken.
 */
export function composePracticalPaper(input: {
  tasks: readonly PracticalTask[];
  template: PracticalTemplate;
  seed: string;
}): PracticalPaper {
  const paperSeed = asSeed(input.seed);
  const templateHash = checkPracticalTemplate(input.template);
  const tasks = checkTasks(input.tasks);
  const next = createRng(paperSeed);
  const used = new Set<string>();
  const positions: PracticalPosition[] = [];

  input.template.sections.forEach((section, index) => {
    const pool = tasks.filter((t) => t.points === section.pointsPerTask && !used.has(t.itemId));
    if (pool.length < section.count) {
      throw practicalError(
        `Cannot fill practical section ${index}: needs ${section.count} tasks worth ${section.pointsPerTask} points, ${pool.length} available`,
        {
          section: index,
          needed: section.count,
          available: pool.length,
        },
      );
    }
    const order = pool.map((_, k) => k);
    shuffleInPlace(next, order);
    const seen = new Map<string, number>();
    const rank = new Array<number>(pool.length);
    for (const k of order) {
      const r = seen.get(pool[k].knowledgePoint) ?? 0;
      rank[k] = r;
      seen.set(pool[k].knowledgePoint, r + 1);
    }
    // Array.prototype.sort is stable, so ties keep the shuffled order.
    const chosen = [...order].sort((a, b) => rank[a] - rank[b]).slice(0, section.count);
    for (const k of chosen) {
      const t = pool[k];
      used.add(t.itemId);
      positions.push({
        position: positions.length + 1,
        section: index,
        itemId: t.itemId as ItemId,
        versionId: t.versionId as ItemVersionId,
        knowledgePoint: t.knowledgePoint as KnowledgeCode,
        points: t.points,
        minutes: t.minutes,
      });
    }
  });

  return {
    assemblerVersion: ASSEMBLER_VERSION,
    seed: paperSeed,
    poolHash: sha256Hex(
      canonical(
        'jianding-practical-tasks/1',
        tasks.map((t) => [t.versionId, t.itemId, t.knowledgePoint, t.points, t.minutes]),
      ),
    ),
    templateHash,
    totalPoints: positions.reduce((sum, p) => sum + p.points, 0),
    totalMinutes: positions.reduce((sum, p) => sum + p.minutes, 0),
    positions,
    contentHash: sha256Hex(
      canonical(
        'jianding-practical-paper/1',
        positions.map((p) => [p.section, p.itemId, p.versionId, p.knowledgePoint, p.points, p.minutes]),
      ),
    ),
  };
}
