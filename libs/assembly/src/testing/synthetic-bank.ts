/**
 * A realistic, reproducible bank for tests and the benchmark: 4 areas (35/30/20/15 %), each with two
 * sub-areas (the strata), each with five knowledge points X, X, Y, Y, Z — 40 points in all.
 */
import { largestRemainder } from '../knowledge-map';
import { createRng, randomIndex } from '../random';
import type { KnowledgeMap, KnowledgeNode, PaperTemplate, SnapshotItem, TheoryType } from '../types';

const AREAS: ReadonlyArray<{ code: string; weight: number; subWeights: [number, number] }> = [
  { code: 'A', weight: 35, subWeights: [60, 40] },
  { code: 'B', weight: 30, subWeights: [50, 50] },
  { code: 'C', weight: 20, subWeights: [70, 30] },
  { code: 'D', weight: 15, subWeights: [45, 55] },
];
const IMPORTANCES = ['X', 'X', 'Y', 'Y', 'Z'] as const;

export function syntheticMap(): KnowledgeMap {
  return {
    areas: AREAS.map((a): KnowledgeNode => ({
      code: a.code,
      name: `Area ${a.code}`,
      weight: a.weight,
      children: a.subWeights.map((w, s) => ({
        code: `${a.code}-0${s + 1}`,
        name: `Area ${a.code}-0${s + 1}`,
        weight: w,
        children: IMPORTANCES.map((importance, p) => ({
          code: `${a.code}-0${s + 1}-00${p + 1}`,
          name: `Point ${p + 1}`,
          importance,
        })),
      })),
    })),
  };
}

/** The default level 5–3 structure: 20 judge × 1 + 80 single × 1. */
export const DEFAULT_TEMPLATE: PaperTemplate = {
  sections: [
    { type: 'judge', count: 20, pointsEach: 1 },
    { type: 'single', count: 80, pointsEach: 1 },
  ],
  durationMinutes: 90,
};

export interface SyntheticBankOptions {
  seed?: string;
  judge?: number;
  single?: number;
  multiple?: number;
  /** Enemy pairs, each listed on one side only (the assembler must make the relation symmetric). */
  enemyPairs?: number;
  /** usageCount is uniform in [0, maxUsage]. */
  maxUsage?: number;
}

function uuidLike(next: () => number): string {
  const hex = [next(), next(), next(), next()].map((u) => u.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Items spread over the strata in proportion to their effective weight, round-robin over each stratum's points. */
export function syntheticBank(options: SyntheticBankOptions = {}): SnapshotItem[] {
  const next = createRng(options.seed ?? 'synthetic-bank');
  const strata = AREAS.flatMap((a) =>
    a.subWeights.map((w, s) => ({ code: `${a.code}-0${s + 1}`, weight: a.weight * w })),
  );
  const parts = strata.map((s) => ({ code: s.code, weightUnits: s.weight }));
  const items: SnapshotItem[] = [];
  const counts: Array<[TheoryType, number]> = [
    ['judge', options.judge ?? 300],
    ['single', options.single ?? 900],
    ['multiple', options.multiple ?? 0],
  ];
  for (const [type, total] of counts) {
    const perStratum = largestRemainder(total, parts);
    strata.forEach((stratum, s) => {
      for (let k = 0; k < perStratum[s]; k++) {
        const point = `${stratum.code}-00${(k % IMPORTANCES.length) + 1}`;
        items.push({
          // UUID-shaped like the API's ids (their length matters for hashing speed); version ids sort differently from item ids.
          versionId: uuidLike(next),
          itemId: uuidLike(next),
          type,
          knowledgePoint: point,
          difficulty: 1 + randomIndex(next, 5),
          enemies: [],
          optionCount: type === 'judge' ? 0 : 4 + (randomIndex(next, 4) === 0 ? 1 : 0),
          usageCount: randomIndex(next, (options.maxUsage ?? 0) + 1),
        });
      }
    });
  }
  for (let e = 0; e < (options.enemyPairs ?? 40); e++) {
    const a = items[randomIndex(next, items.length)];
    const mates = items.filter(
      (b) => b.knowledgePoint === a.knowledgePoint && b.itemId !== a.itemId && !a.enemies.includes(b.itemId),
    );
    if (mates.length > 0) a.enemies.push(mates[randomIndex(next, mates.length)].itemId);
  }
  return items;
}
