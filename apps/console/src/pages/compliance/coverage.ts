import type { PointNeedView, StratumNeedView } from '@jianding/api-client';

export interface AreaCoverage {
  stratum: string;
  approved: number;
  needed: number | null;
}

/**
 * Approved items vs what one paper needs, per knowledge area (stratum): the allocation's need summed over the item
 * types, and what the bank holds of those types. Without an allocation (infeasible) only the approved count is known.
 */
export function coverageByArea(strata: readonly StratumNeedView[], points: readonly PointNeedView[]): AreaCoverage[] {
  if (strata.length > 0) {
    const by = new Map<string, AreaCoverage>();
    for (const s of strata) {
      const row = by.get(s.stratum) ?? { stratum: s.stratum, approved: 0, needed: 0 };
      row.approved += s.available;
      row.needed = (row.needed ?? 0) + s.needed;
      by.set(s.stratum, row);
    }
    return [...by.values()];
  }
  const by = new Map<string, AreaCoverage>();
  for (const p of points) {
    const row = by.get(p.stratum) ?? { stratum: p.stratum, approved: 0, needed: null };
    row.approved += p.approved;
    by.set(p.stratum, row);
  }
  return [...by.values()];
}

/** Points that a paper needs but the bank cannot supply (core points without an approved item). */
export const shortPoints = (points: readonly PointNeedView[]) =>
  points.filter((p) => p.needed !== undefined && p.approved < p.needed);
