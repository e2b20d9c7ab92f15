import { validateKnowledgeMap, validateTemplate as templateIssues } from '@jianding/itembank';
import { AssemblyError } from './errors';
import { canonical, compareCodeUnits, sha256Hex } from './hash';
import type { Importance, KnowledgeCode, KnowledgeMap, KnowledgeNode, PaperTemplate, Sha256Hex } from './types';

/** Weights are compared as integers of millionths so quotas never depend on floating-point rounding. */
const WEIGHT_SCALE = 1_000_000;

export interface ParsedPoint {
  code: KnowledgeCode;
  importance: Importance;
  /** Index into {@link ParsedMap.strata}. */
  stratum: number;
  /** Index into {@link ParsedMap.points}. */
  index: number;
}

export interface ParsedArea {
  code: KnowledgeCode;
  weight: number;
  weightUnits: number;
  parent: ParsedArea | null;
  depth: number;
  /** Sub-areas sorted by code; empty for a stratum. */
  areas: ParsedArea[];
  /** Leaf points sorted by code; empty unless this area is a stratum. */
  points: ParsedPoint[];
  /** Index into {@link ParsedMap.strata}, or -1 when the area has sub-areas. */
  stratum: number;
}

export interface ParsedMap {
  /** Top-level areas sorted by code. */
  top: ParsedArea[];
  /** Every area in depth-first pre-order (children by code). */
  areas: ParsedArea[];
  /** The lowest areas, in depth-first order: where items are drawn. */
  strata: ParsedArea[];
  points: ParsedPoint[];
  pointByCode: Map<string, ParsedPoint>;
  hash: Sha256Hex;
}

function mapError(message: string, details?: Record<string, unknown>): AssemblyError {
  return new AssemblyError('MAP_INVALID', `Knowledge map: ${message}`, details ? { details } : {});
}

/**
 * Validates the map with the item bank's rules ({@link validateKnowledgeMap}: one validator for the bank and
 * the draw) and canonicalises it. Children are sorted by code at every level, so the draw does not depend on
 * the order in which storage returns the nodes. Names are ignored: they do not affect a draw.
 */
export function parseKnowledgeMap(map: KnowledgeMap): ParsedMap {
  const issues = validateKnowledgeMap(map);
  if (issues.length > 0) throw mapError(issues[0].message, { issues });
  const areas: ParsedArea[] = [];
  const strata: ParsedArea[] = [];
  const points: ParsedPoint[] = [];
  const pointByCode = new Map<string, ParsedPoint>();
  const sortedByCode = (nodes: KnowledgeNode[]): KnowledgeNode[] =>
    [...nodes].sort((a, b) => compareCodeUnits(a.code, b.code));

  const buildAreas = (nodes: KnowledgeNode[], parent: ParsedArea | null): ParsedArea[] =>
    sortedByCode(nodes).map((node) => {
      const area: ParsedArea = {
        code: node.code as KnowledgeCode,
        weight: node.weight as number,
        weightUnits: Math.round((node.weight as number) * WEIGHT_SCALE),
        parent,
        depth: parent ? parent.depth + 1 : 0,
        areas: [],
        points: [],
        stratum: -1,
      };
      areas.push(area);
      const children = node.children as KnowledgeNode[];
      // The validator has checked that siblings are all areas (they have `children`) or all points.
      if (Array.isArray(children[0].children)) {
        area.areas = buildAreas(children, area);
      } else {
        area.stratum = strata.length;
        strata.push(area);
        for (const leaf of sortedByCode(children)) {
          const point: ParsedPoint = {
            code: leaf.code as KnowledgeCode,
            importance: leaf.importance as Importance,
            stratum: area.stratum,
            index: points.length,
          };
          points.push(point);
          area.points.push(point);
          pointByCode.set(leaf.code, point);
        }
      }
      return area;
    });
  const top = buildAreas(map.areas, null);

  const encode = (a: ParsedArea): unknown =>
    a.stratum >= 0
      ? [a.code, a.weight, a.points.map((p) => [p.code, p.importance])]
      : [a.code, a.weight, a.areas.map(encode)];
  const hash = sha256Hex(canonical('jianding-map/1', top.map(encode)));
  return { top, areas, strata, points, pointByCode, hash };
}

/** Checks the template with the item bank's rules ({@link templateIssues}) and returns its canonical hash. */
export function validateTemplate(template: PaperTemplate): Sha256Hex {
  const issues = templateIssues(template);
  if (issues.length > 0)
    throw new AssemblyError('TEMPLATE_INVALID', `Paper template: ${issues[0].message}`, { details: { issues } });
  return sha256Hex(
    canonical('jianding-template/1', [
      template.durationMinutes,
      template.sections.map((s) => [s.type, s.count, s.pointsEach]),
    ]),
  );
}

export interface Apportionable {
  code: string;
  weightUnits: number;
}

/**
 * Largest-remainder (Hamilton) apportionment of `count` seats by weight. Exact integer arithmetic on the
 * scaled weights: seat i gets ⌊count·wᵢ/Σw⌋, then the seats left over go to the largest remainders,
 * ties to the larger weight, then to the smaller code.
 */
export function largestRemainder(count: number, parts: readonly Apportionable[]): number[] {
  let total = 0;
  for (const p of parts) total += p.weightUnits;
  if (count === 0) return parts.map(() => 0);
  if (total === 0)
    throw mapError(`cannot split ${count} items over areas ${parts.map((p) => p.code).join(', ')}: all weights are 0`);
  const quotas: number[] = [];
  const remainders: number[] = [];
  let given = 0;
  for (const p of parts) {
    const numerator = count * p.weightUnits;
    let q = Math.floor(numerator / total);
    // The division is rounded to the nearest double; nudge so q is the exact integer quotient.
    while (q * total > numerator) q--;
    while ((q + 1) * total <= numerator) q++;
    quotas.push(q);
    remainders.push(numerator - q * total);
    given += q;
  }
  const order = parts.map((_, i) => i);
  order.sort(
    (a, b) =>
      remainders[b] - remainders[a] ||
      parts[b].weightUnits - parts[a].weightUnits ||
      compareCodeUnits(parts[a].code, parts[b].code),
  );
  for (let k = 0; k < count - given; k++) quotas[order[k]]++;
  return quotas;
}
