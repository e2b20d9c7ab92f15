import { allocate, blueprintNeeds, type MipSolver } from '@jianding/assembly';
import {
  leafPoints,
  type KnowledgeMap,
  type PaperTemplate,
  type PointCount,
  type Shortfall,
  type StratumNeed,
} from '@jianding/itembank';

export interface PointNeed extends PointCount {
  name: string;
  importance: string | null;
  stratum: string;
}

export interface ComplianceDetailInput {
  map: KnowledgeMap;
  template: PaperTemplate;
  /** Approved theory items in use per knowledge point and type. */
  counts: readonly { knowledgePoint: string; type: string; approved: number }[];
  solver: MipSolver;
}

/**
 * What one paper of the template needs from the bank, next to what the bank has:
 * - per stratum (innermost area) and type: what the allocation takes from it (`blueprintNeeds`, the assembler's own
 *   allocation, so the report and the draw can never disagree) vs the approved items of that type in the stratum,
 *   or, when no allocation exists, the area that cannot get its points (`allocation`);
 * - per knowledge point: approved items; a core (X) point of a stratum that the allocation draws from needs at
 *   least one, since the draw covers every X point first and a core point with no item is never examined.
 */
export function complianceDetail({ map, template, counts, solver }: ComplianceDetailInput): {
  strata: StratumNeed[];
  allocation: Shortfall[];
  points: PointNeed[];
} {
  const points = leafPoints(map);
  const stratumOf = new Map(points.map((p) => [p.code, p.path[p.path.length - 1] ?? '']));
  const perPoint = new Map<string, number>();
  for (const c of counts) {
    if (!stratumOf.has(c.knowledgePoint)) continue; // cites a point the current map no longer has
    perPoint.set(c.knowledgePoint, (perPoint.get(c.knowledgePoint) ?? 0) + c.approved);
  }
  const needs = blueprintNeeds(map, template, counts, solver);
  // Without an allocation, the split by weight says which strata a paper would draw from.
  const allocation = needs.allocation ?? allocate(map, template);
  const stratumHasQuota = new Set(
    allocation.strata.filter((s) => s.counts.some((n) => n > 0)).map((s) => s.code as string),
  );
  return {
    strata: needs.strata,
    allocation: needs.shortfalls,
    points: points.map((p) => {
      const stratum = stratumOf.get(p.code) ?? '';
      const core = p.importance === 'X' && stratumHasQuota.has(stratum);
      return {
        point: p.code,
        name: p.name,
        importance: p.importance ?? null,
        stratum,
        approved: perPoint.get(p.code) ?? 0,
        ...(core ? { needed: 1 } : {}),
      };
    }),
  };
}
