import { AssemblyError } from './errors';
import { canonical, compareCodeUnits, sha256Hex } from './hash';
import type {
  Importance,
  KnowledgeCode,
  KnowledgeMap,
  KnowledgeNode,
  PaperTemplate,
  Sha256Hex,
  TheoryType,
} from './types';

/** Weights are compared as integers of millionths so quotas never depend on floating-point rounding. */
const WEIGHT_SCALE = 1_000_000;
/** Sibling weights may sum to 100 ± this, e.g. 33.33 + 33.33 + 33.33. */
const WEIGHT_SUM_TOLERANCE = 0.01;
const IMPORTANCES: readonly Importance[] = ['X', 'Y', 'Z'];
const THEORY_TYPES: readonly TheoryType[] = ['judge', 'single', 'multiple'];

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

function mapError(message: string): AssemblyError {
  return new AssemblyError('MAP_INVALID', `Knowledge map: ${message}`);
}

function isArea(node: KnowledgeNode): boolean {
  return Array.isArray(node.children) && node.children.length > 0;
}

/**
 * Validates and canonicalises the map. Children are sorted by code at every level, so the draw does not
 * depend on the order in which storage returns the nodes. Names are ignored: they do not affect a draw.
 */
export function parseKnowledgeMap(map: KnowledgeMap): ParsedMap {
  if (!map || !Array.isArray(map.areas) || map.areas.length === 0) throw mapError('it has no areas');
  const seen = new Set<string>();
  const areas: ParsedArea[] = [];
  const strata: ParsedArea[] = [];
  const points: ParsedPoint[] = [];
  const pointByCode = new Map<string, ParsedPoint>();

  const checkCode = (node: KnowledgeNode, where: string): string => {
    if (!node || typeof node.code !== 'string' || node.code.length === 0)
      throw mapError(`a node under ${where} has no code`);
    if (seen.has(node.code)) throw mapError(`code ${node.code} appears twice`);
    seen.add(node.code);
    return node.code;
  };

  const sortedByCode = (nodes: KnowledgeNode[]): KnowledgeNode[] =>
    [...nodes].sort((a, b) => compareCodeUnits(String(a?.code), String(b?.code)));

  const buildAreas = (nodes: KnowledgeNode[], parent: ParsedArea | null): ParsedArea[] => {
    const where = parent ? `area ${parent.code}` : 'the top level';
    const built: ParsedArea[] = [];
    let sum = 0;
    for (const node of sortedByCode(nodes)) {
      const code = checkCode(node, where);
      const w = node.weight;
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
        throw mapError(`area ${code} needs a weight ≥ 0 (鉴定比重), got ${String(w)}`);
      sum += w;
      const area: ParsedArea = {
        code: code as KnowledgeCode,
        weight: w,
        weightUnits: Math.round(w * WEIGHT_SCALE),
        parent,
        depth: parent ? parent.depth + 1 : 0,
        areas: [],
        points: [],
        stratum: -1,
      };
      areas.push(area);
      built.push(area);
      const children = node.children as KnowledgeNode[];
      const areaChildren = children.filter((c) => c && isArea(c)).length;
      if (areaChildren === children.length) {
        area.areas = buildAreas(children, area);
      } else if (areaChildren === 0) {
        area.stratum = strata.length;
        strata.push(area);
        for (const leaf of sortedByCode(children)) {
          const leafCode = checkCode(leaf, `area ${code}`);
          if (!IMPORTANCES.includes(leaf.importance as Importance)) {
            throw mapError(`knowledge point ${leafCode} needs an importance X, Y or Z, got ${String(leaf.importance)}`);
          }
          const point: ParsedPoint = {
            code: leafCode as KnowledgeCode,
            importance: leaf.importance as Importance,
            stratum: area.stratum,
            index: points.length,
          };
          points.push(point);
          area.points.push(point);
          pointByCode.set(leafCode, point);
        }
      } else {
        throw mapError(`area ${code} mixes sub-areas and knowledge points; the points would get no weight`);
      }
    }
    if (Math.abs(sum - 100) > WEIGHT_SUM_TOLERANCE)
      throw mapError(`the weights of the areas under ${where} sum to ${sum}, not 100`);
    return built;
  };

  for (const node of map.areas) {
    if (node && !isArea(node)) throw mapError(`top-level node ${String(node.code)} must be an area with children`);
  }
  const top = buildAreas(map.areas, null);

  const encode = (a: ParsedArea): unknown =>
    a.stratum >= 0
      ? [a.code, a.weight, a.points.map((p) => [p.code, p.importance])]
      : [a.code, a.weight, a.areas.map(encode)];
  const hash = sha256Hex(canonical('jianding-map/1', top.map(encode)));
  return { top, areas, strata, points, pointByCode, hash };
}

function templateError(message: string): AssemblyError {
  return new AssemblyError('TEMPLATE_INVALID', `Paper template: ${message}`);
}

/** Checks the template and returns its canonical hash. */
export function validateTemplate(template: PaperTemplate): Sha256Hex {
  if (!template || !Array.isArray(template.sections) || template.sections.length === 0)
    throw templateError('it has no sections');
  let total = 0;
  template.sections.forEach((s, i) => {
    if (!s || !THEORY_TYPES.includes(s.type))
      throw templateError(`section ${i} has type ${String(s?.type)}; expected judge, single or multiple`);
    if (!Number.isInteger(s.count) || s.count < 1)
      throw templateError(`section ${i} (${s.type}) needs a whole count ≥ 1, got ${String(s.count)}`);
    if (typeof s.pointsPerItem !== 'number' || !Number.isFinite(s.pointsPerItem) || s.pointsPerItem <= 0) {
      throw templateError(`section ${i} (${s.type}) needs points per item > 0, got ${String(s.pointsPerItem)}`);
    }
    total += s.count * s.pointsPerItem;
  });
  if (Math.abs(total - 100) > 1e-9) throw templateError(`the sections total ${total} points, not 100`);
  if (
    typeof template.durationMinutes !== 'number' ||
    !Number.isFinite(template.durationMinutes) ||
    template.durationMinutes <= 0
  ) {
    throw templateError(`durationMinutes must be > 0, got ${String(template.durationMinutes)}`);
  }
  return sha256Hex(
    canonical('jianding-template/1', [
      template.durationMinutes,
      template.sections.map((s) => [s.type, s.count, s.pointsPerItem]),
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

export interface AreaQuota {
  code: KnowledgeCode;
  /** Parent area code; `null` for a top-level area. */
  parent: KnowledgeCode | null;
  depth: number;
  weight: number;
  quota: number;
  /** True for the lowest areas, where items are drawn. */
  isStratum: boolean;
}

export interface StratumQuota {
  code: KnowledgeCode;
  /** Area codes from the top level down to this stratum. */
  path: KnowledgeCode[];
  quota: number;
}

export interface SectionQuota {
  section: number;
  type: TheoryType;
  count: number;
  /** Every area in depth-first pre-order (children by code), with its share of the section. */
  areas: AreaQuota[];
  /** The strata in depth-first order; quotas sum to `count`. */
  strata: StratumQuota[];
}

/** Per-section quotas on an already parsed map (the assembler's internal entry point). */
export function quotasFor(parsed: ParsedMap, template: PaperTemplate): SectionQuota[] {
  return template.sections.map((section, index) => {
    const quotaOf = new Map<ParsedArea, number>();
    const split = (count: number, areas: ParsedArea[]): void => {
      const shares = largestRemainder(count, areas);
      areas.forEach((a, i) => {
        quotaOf.set(a, shares[i]);
        if (a.stratum < 0) split(shares[i], a.areas);
      });
    };
    split(section.count, parsed.top);
    const pathOf = (a: ParsedArea): KnowledgeCode[] => (a.parent ? [...pathOf(a.parent), a.code] : [a.code]);
    return {
      section: index,
      type: section.type,
      count: section.count,
      areas: parsed.areas.map((a) => ({
        code: a.code,
        parent: a.parent ? a.parent.code : null,
        depth: a.depth,
        weight: a.weight,
        quota: quotaOf.get(a) ?? 0,
        isStratum: a.stratum >= 0,
      })),
      strata: parsed.strata.map((a) => ({ code: a.code, path: pathOf(a), quota: quotaOf.get(a) ?? 0 })),
    };
  });
}

/**
 * How many items of each section every stratum must supply: each section's count is split over the
 * top-level areas by weight (largest remainder), and each area's share again over its sub-areas, down to
 * the strata. The API's compliance report shows these needs next to the bank's supply.
 */
export function computeQuotas(map: KnowledgeMap, template: PaperTemplate): SectionQuota[] {
  validateTemplate(template);
  return quotasFor(parseKnowledgeMap(map), template);
}
