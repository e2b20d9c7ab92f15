import type { KnowledgeNodeView } from '@jianding/api-client';

/** A node being edited: areas carry a weight and children, points an importance. `key` is stable while editing. */
export interface EditNode {
  key: string;
  kind: 'area' | 'point';
  code: string;
  name: string;
  weight?: number | null;
  importance?: 'X' | 'Y' | 'Z';
  children?: EditNode[];
}

let counter = 0;
const nextKey = () => `n${++counter}`;

export function fromMap(areas: readonly KnowledgeNodeView[]): EditNode[] {
  const walk = (n: KnowledgeNodeView, top: boolean): EditNode =>
    top || n.children?.length
      ? {
          key: nextKey(),
          kind: 'area',
          code: n.code,
          name: n.name,
          weight: n.weight ?? null,
          children: (n.children ?? []).map((c) => walk(c, false)),
        }
      : { key: nextKey(), kind: 'point', code: n.code, name: n.name, importance: n.importance };
  return areas.map((a) => walk(a, true));
}

export function toMap(nodes: readonly EditNode[]): { areas: KnowledgeNodeView[] } {
  const walk = (n: EditNode): KnowledgeNodeView =>
    n.kind === 'area'
      ? {
          code: n.code.trim(),
          name: n.name.trim(),
          ...(n.weight !== null && n.weight !== undefined ? { weight: n.weight } : {}),
          children: (n.children ?? []).map(walk),
        }
      : { code: n.code.trim(), name: n.name.trim(), ...(n.importance ? { importance: n.importance } : {}) };
  return { areas: nodes.map(walk) };
}

export const newArea = (code = ''): EditNode => ({
  key: nextKey(),
  kind: 'area',
  code,
  name: '',
  weight: null,
  children: [],
});
export const newPoint = (code = ''): EditNode => ({ key: nextKey(), kind: 'point', code, name: '', importance: 'X' });

/** The tree with one node replaced (or removed when `next` is null), found by key. */
export function update(nodes: readonly EditNode[], key: string, next: (n: EditNode) => EditNode | null): EditNode[] {
  return nodes.flatMap((n) => {
    if (n.key === key) {
      const replaced = next(n);
      return replaced ? [replaced] : [];
    }
    return n.children ? [{ ...n, children: update(n.children, key, next) }] : [n];
  });
}

/** Every area's key, so the tree stays open as it grows. */
export const areaKeys = (nodes: readonly EditNode[]): string[] =>
  nodes.flatMap((n) => (n.kind === 'area' ? [n.key, ...areaKeys(n.children ?? [])] : []));

/** How deep each node sits (top areas 0), for the indentation of the code column. */
export function depths(nodes: readonly EditNode[], depth = 0, out = new Map<string, number>()): Map<string, number> {
  for (const n of nodes) {
    out.set(n.key, depth);
    depths(n.children ?? [], depth + 1, out);
  }
  return out;
}
