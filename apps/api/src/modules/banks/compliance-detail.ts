import { computeQuotas } from '@jianding/assembly';
import {
  leafPoints,
  type KnowledgeMap,
  type PaperTemplate,
  type PointCount,
  type StratumNeed,
  type TheoryType,
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
}

/**
 * What one paper of the template needs from the bank, next to what the bank has:
 * - per stratum (innermost area) and type: the quotas of every section of that type added up (the assembler's own
 *   quota function, so the report and the draw can never disagree) vs the approved items of that type in the stratum;
 * - per knowledge point: approved items; a core (X) point of a stratum that receives a quota needs at least one,
 *   since the draw covers every X point first and a core point with no item is never examined.
 */
export function complianceDetail({ map, template, counts }: ComplianceDetailInput): {
  strata: StratumNeed[];
  points: PointNeed[];
} {
  const points = leafPoints(map);
  const stratumOf = new Map(points.map((p) => [p.code, p.path[p.path.length - 1] ?? '']));
  const available = new Map<string, number>(); // `${stratum}|${type}` → approved
  const perPoint = new Map<string, number>();
  for (const c of counts) {
    const stratum = stratumOf.get(c.knowledgePoint);
    if (stratum === undefined) continue; // cites a point the current map no longer has
    const key = `${stratum}|${c.type}`;
    available.set(key, (available.get(key) ?? 0) + c.approved);
    perPoint.set(c.knowledgePoint, (perPoint.get(c.knowledgePoint) ?? 0) + c.approved);
  }

  const quotas = computeQuotas(map, {
    durationMinutes: template.durationMinutes,
    sections: template.sections.map((s) => ({ type: s.type, count: s.count, pointsPerItem: s.pointsEach })),
  });
  const needed = new Map<string, { stratum: string; type: TheoryType; needed: number }>();
  const stratumHasQuota = new Set<string>();
  for (const section of quotas) {
    for (const s of section.strata) {
      const key = `${s.code}|${section.type}`;
      const entry = needed.get(key) ?? { stratum: s.code, type: section.type, needed: 0 };
      entry.needed += s.quota;
      needed.set(key, entry);
      if (s.quota > 0) stratumHasQuota.add(s.code);
    }
  }
  const strata: StratumNeed[] = [...needed.entries()].map(([key, n]) => ({ ...n, available: available.get(key) ?? 0 }));

  return {
    strata,
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
