import type { Importance, Issue, KnowledgeMap, KnowledgeNode } from './types';

export const KnowledgeMapIssueCode = {
  MAP_EMPTY: 'MAP_EMPTY',
  CODE_EMPTY: 'CODE_EMPTY',
  CODE_DUPLICATE: 'CODE_DUPLICATE',
  AREA_EMPTY: 'AREA_EMPTY',
  WEIGHT_MISSING: 'WEIGHT_MISSING',
  WEIGHT_INVALID: 'WEIGHT_INVALID',
  WEIGHTS_NOT_100: 'WEIGHTS_NOT_100',
  IMPORTANCE_MISSING: 'IMPORTANCE_MISSING',
  NODE_KIND_MIXED: 'NODE_KIND_MIXED',
} as const;
export type KnowledgeMapIssueCode = (typeof KnowledgeMapIssueCode)[keyof typeof KnowledgeMapIssueCode];

const IMPORTANCES: readonly Importance[] = ['X', 'Y', 'Z'];
/** Weights are percentages typed by people; allow for 33.33 + 33.33 + 33.34 style rounding. */
const WEIGHT_TOLERANCE = 0.01;

/**
 * A node is an area when it has a `children` array (even an empty one, which is then reported as an
 * empty area); otherwise it is a leaf, i.e. a knowledge point. Top-level nodes are always areas.
 */
function isArea(node: KnowledgeNode): boolean {
  return Array.isArray(node.children);
}

/**
 * Checks a knowledge map (鉴定要素细目表): unique non-empty codes; every area has children; sibling
 * areas carry weights that sum to 100 at every level; every leaf has importance X/Y/Z; areas and
 * leaves are not mixed under one parent (the weight rule would be undefined). Returns [] when valid.
 */
export function validateKnowledgeMap(map: KnowledgeMap): Issue[] {
  const issues: Issue[] = [];
  if (!map || !Array.isArray(map.areas) || map.areas.length === 0) {
    return [
      {
        code: KnowledgeMapIssueCode.MAP_EMPTY,
        field: 'areas',
        message: 'The knowledge map has no areas. 细目表为空。',
      },
    ];
  }
  const seen = new Set<string>();

  const checkSiblings = (nodes: KnowledgeNode[], parent: string, forceAreas: boolean): void => {
    const areas = nodes.filter((n) => forceAreas || isArea(n));
    const leaves = nodes.filter((n) => !(forceAreas || isArea(n)));
    if (areas.length > 0 && leaves.length > 0) {
      issues.push({
        code: KnowledgeMapIssueCode.NODE_KIND_MIXED,
        field: parent,
        message: `Area ${parent} mixes sub-areas and knowledge points; put the points in a sub-area. 同一层级不能同时包含子区域和鉴定点。`,
      });
    }
    if (areas.length > 0) {
      let sum = 0;
      let complete = true;
      for (const area of areas) {
        if (area.weight === undefined || area.weight === null) {
          complete = false;
          issues.push({
            code: KnowledgeMapIssueCode.WEIGHT_MISSING,
            field: area.code,
            message: `Area ${area.code} has no weight (鉴定比重). 缺少鉴定比重。`,
          });
        } else if (!Number.isFinite(area.weight) || area.weight <= 0 || area.weight > 100) {
          complete = false;
          issues.push({
            code: KnowledgeMapIssueCode.WEIGHT_INVALID,
            field: area.code,
            message: `Area ${area.code} has weight ${area.weight}; it must be in (0, 100]. 鉴定比重须在 0–100 之间。`,
          });
        } else {
          sum += area.weight;
        }
      }
      if (complete && Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
        issues.push({
          code: KnowledgeMapIssueCode.WEIGHTS_NOT_100,
          field: parent,
          message: `Weights under ${parent} sum to ${round(sum)}, not 100. 同级鉴定比重之和须为 100。`,
        });
      }
    }
    for (const node of nodes) visit(node, forceAreas || isArea(node));
  };

  const visit = (node: KnowledgeNode, area: boolean): void => {
    const code = typeof node.code === 'string' ? node.code.trim() : '';
    if (!code) {
      issues.push({
        code: KnowledgeMapIssueCode.CODE_EMPTY,
        field: node.name ?? '(unnamed)',
        message: `Node "${node.name ?? ''}" has no code. 节点缺少代码。`,
      });
    } else if (seen.has(code)) {
      issues.push({
        code: KnowledgeMapIssueCode.CODE_DUPLICATE,
        field: code,
        message: `Code ${code} is used more than once. 代码重复。`,
      });
    } else {
      seen.add(code);
    }
    if (area) {
      const children = node.children ?? [];
      if (children.length === 0) {
        issues.push({
          code: KnowledgeMapIssueCode.AREA_EMPTY,
          field: code,
          message: `Area ${code} has no sub-areas or knowledge points. 区域下没有鉴定点。`,
        });
        return;
      }
      checkSiblings(children, code, false);
    } else if (!node.importance || !IMPORTANCES.includes(node.importance)) {
      issues.push({
        code: KnowledgeMapIssueCode.IMPORTANCE_MISSING,
        field: code,
        message: `Knowledge point ${code} needs importance X, Y or Z. 鉴定点须标明重要程度 X/Y/Z。`,
      });
    }
  };

  checkSiblings(map.areas, '(root)', true);
  return issues;
}

/** A knowledge point with where it sits in the map. */
export interface LeafPoint {
  code: string;
  name: string;
  importance: Importance | undefined;
  /** Codes of the enclosing areas, outermost first. */
  path: string[];
  /**
   * Product of the enclosing areas' weights as a fraction of the whole map (e.g. 0.3 × 0.4 = 0.12);
   * shared by all points of one innermost area.
   */
  areaShare: number;
}

/** The knowledge points (leaves) of a map in document order. */
export function leafPoints(map: KnowledgeMap): LeafPoint[] {
  const out: LeafPoint[] = [];
  const walk = (nodes: KnowledgeNode[], path: string[], share: number, top: boolean): void => {
    for (const node of nodes) {
      if (top || isArea(node)) {
        walk(node.children ?? [], [...path, node.code], share * ((node.weight ?? 0) / 100), false);
      } else {
        out.push({ code: node.code, name: node.name, importance: node.importance, path, areaShare: share });
      }
    }
  };
  walk(map?.areas ?? [], [], 1, true);
  return out;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
