/**
 * An independent, deliberately naive re-implementation of the algorithm as README.md states it, checked
 * paper-for-paper against the library. It shares no code with src/ except the input/output types, so a
 * difference means the README and the optimised implementation disagree.
 */
import { createHash, createHmac } from 'crypto';
import seedrandom = require('seedrandom'); // eslint-disable-line @typescript-eslint/no-require-imports
import { prepare } from './assembler';
import { area, itemsAt, knowledgeMap, point, section, template } from './testing/builders';
import { DEFAULT_TEMPLATE, syntheticBank, syntheticMap } from './testing/synthetic-bank';
import type { KnowledgeMap, KnowledgeNode, Paper, PaperTemplate, PrepareInput, SnapshotItem } from './types';
import { ASSEMBLER_VERSION } from './version';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const hash = (tag: string, body: unknown) =>
  createHash('sha256')
    .update(JSON.stringify([tag, body]), 'utf8')
    .digest('hex');
const hmac = (key: string, label: string) => createHmac('sha256', key).update(label).digest('hex');

class Rng {
  private readonly prng: seedrandom.PRNG;
  constructor(seed: string) {
    this.prng = seedrandom.alea(seed);
  }
  U(n: number): number {
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const u = this.prng.int32() >>> 0;
      if (u < limit) return u % n;
    }
  }
}

/** Lazy Fisher–Yates on a copy: checks `more()` before each step, hands each yielded element to `visit`. */
function lazyShuffle<T>(values: readonly T[], rng: Rng, more: () => boolean, visit: (value: T) => void): void {
  const a = [...values];
  for (let m = 0; m < a.length && more(); m++) {
    const j = m + rng.U(a.length - m);
    [a[m], a[j]] = [a[j], a[m]];
    visit(a[m]);
  }
}

function optionOrder(rng: Rng, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (n > 12) {
    for (let m = 0; m < n; m++) {
      const j = m + rng.U(n - m);
      [order[m], order[j]] = [order[j], order[m]];
    }
    return order;
  }
  let r = rng.U([1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600][n]);
  for (let m = 0; m < n; m++) {
    const j = m + (r % (n - m));
    r = Math.floor(r / (n - m));
    [order[m], order[j]] = [order[j], order[m]];
  }
  return order;
}

interface Stratum {
  code: string;
  points: Array<{ code: string; importance: string }>;
}

function sortNodes(nodes: KnowledgeNode[]): KnowledgeNode[] {
  return [...nodes].sort((a, b) => cmp(a.code, b.code));
}

function isArea(n: KnowledgeNode): boolean {
  return (n.children ?? []).length > 0;
}

function split(count: number, nodes: KnowledgeNode[]): number[] {
  const W = nodes.map((n) => Math.round((n.weight as number) * 1e6));
  const S = W.reduce((a, b) => a + b, 0);
  const q = W.map((w) => Math.floor((count * w) / S));
  const r = W.map((w, i) => count * w - q[i] * S);
  const order = nodes.map((_, i) => i).sort((a, b) => r[b] - r[a] || W[b] - W[a] || cmp(nodes[a].code, nodes[b].code));
  const left = count - q.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) q[order[k]]++;
  return q;
}

/** Strata in depth-first order with, per section, their quota. */
function strataWithQuotas(map: KnowledgeMap, tpl: PaperTemplate): { strata: Stratum[]; quotas: number[][] } {
  const strata: Stratum[] = [];
  const walk = (nodes: KnowledgeNode[]) => {
    for (const n of sortNodes(nodes)) {
      const kids = n.children as KnowledgeNode[];
      if (kids.every(isArea)) walk(kids);
      else
        strata.push({
          code: n.code,
          points: sortNodes(kids).map((p) => ({ code: p.code, importance: p.importance as string })),
        });
    }
  };
  walk(map.areas);
  const quotas = tpl.sections.map((s) => {
    const byCode = new Map<string, number>();
    const down = (count: number, nodes: KnowledgeNode[]) => {
      const sorted = sortNodes(nodes);
      split(count, sorted).forEach((q, i) => {
        const kids = sorted[i].children as KnowledgeNode[];
        if (kids.every(isArea)) down(q, kids);
        else byCode.set(sorted[i].code, q);
      });
    };
    down(s.count, map.areas);
    return strata.map((st) => byCode.get(st.code) ?? 0);
  });
  return { strata, quotas };
}

function mapHash(map: KnowledgeMap): string {
  const enc = (n: KnowledgeNode): unknown => {
    const kids = sortNodes(n.children as KnowledgeNode[]);
    return kids.every(isArea)
      ? [n.code, n.weight, kids.map(enc)]
      : [n.code, n.weight, kids.map((p) => [p.code, p.importance])];
  };
  return hash('jianding-map/1', sortNodes(map.areas).map(enc));
}

function referenceDraw(
  input: PrepareInput,
  seed: string,
  opts: { form: number; avoid: Paper[]; maxOverlap: number; shuffleOptions: boolean },
): Paper {
  const { snapshot, map, template: tpl } = input;
  const options = input.options ?? { forms: 1 };
  const sorted = [...snapshot].sort((a, b) => cmp(a.versionId, b.versionId));
  const snapshotHash = hash(
    'jianding-snapshot/1',
    sorted.map((r) => [
      r.versionId,
      r.itemId,
      r.type,
      r.knowledgePoint,
      r.difficulty,
      [...new Set(r.enemies)].sort(cmp),
      r.optionCount,
      r.usageCount,
    ]),
  );
  const items = sorted.filter((r) => r.type !== 'task');
  const { strata, quotas } = strataWithQuotas(map, tpl);
  const stratumOfPoint = new Map<string, string>();
  for (const s of strata) for (const p of s.points) stratumOfPoint.set(p.code, s.code);

  // Exposure.
  const band = new Map<string, number>();
  const over = new Set<string>();
  const P = options.papersDrawn ?? 0;
  if (options.exposureCap !== undefined && P > 0) {
    let maxAllowed = 0;
    while (maxAllowed < 1e9 && (maxAllowed + 1) / P <= options.exposureCap) maxAllowed++;
    for (const r of items) {
      if (r.usageCount > maxAllowed) over.add(r.itemId);
      else band.set(r.itemId, Math.floor((4 * r.usageCount) / (maxAllowed + 1)));
    }
  }
  const inAvoided = new Set(opts.avoid.flatMap((p) => p.positions.map((x) => x.itemId)));
  const tier = (r: SnapshotItem) => (band.get(r.itemId) ?? 0) + (inAvoided.has(r.itemId) ? 4 : 0);
  const poolOf = (filter: (r: SnapshotItem) => boolean) =>
    items
      .filter((r) => !over.has(r.itemId) && filter(r))
      .sort((a, b) => tier(a) - tier(b) || cmp(a.versionId, b.versionId));

  const enemies = new Map<string, Set<string>>();
  const known = new Set(items.map((r) => r.itemId));
  for (const r of items) {
    for (const e of r.enemies) {
      if (!known.has(e) || e === r.itemId) continue;
      if (!enemies.has(r.itemId)) enemies.set(r.itemId, new Set());
      if (!enemies.has(e)) enemies.set(e, new Set());
      enemies.get(r.itemId)?.add(e);
      enemies.get(e)?.add(r.itemId);
    }
  }

  const paperLength = tpl.sections.reduce((a, s) => a + s.count, 0);
  let overlapLimit = 0;
  while (overlapLimit < paperLength && (overlapLimit + 1) / paperLength <= opts.maxOverlap) overlapLimit++;
  const avoidedSets = opts.avoid.map((p) => new Set(p.positions.map((x) => x.itemId)));
  const sharedWith = avoidedSets.map(() => 0);
  const inPaper = new Set<string>();
  const notFree = new Set<string>();
  if (overlapLimit === 0) for (const s of avoidedSets) for (const id of s) notFree.add(id);

  const rng = new Rng(seed);
  const take = (r: SnapshotItem, into: SnapshotItem[]) => {
    into.push(r);
    inPaper.add(r.itemId);
    notFree.add(r.itemId);
    for (const e of enemies.get(r.itemId) ?? []) notFree.add(e);
    avoidedSets.forEach((s, f) => {
      if (s.has(r.itemId) && ++sharedWith[f] === overlapLimit) for (const id of s) notFree.add(id);
    });
  };
  const takeFromPool = (pool: SnapshotItem[], want: number, into: SnapshotItem[]) => {
    let taken = 0;
    for (let t = 0; t < 8; t++) {
      lazyShuffle(
        pool.filter((r) => tier(r) === t),
        rng,
        () => taken < want,
        (r) => {
          if (!notFree.has(r.itemId)) {
            take(r, into);
            taken++;
          }
        },
      );
    }
    return taken;
  };

  const picks: Array<{ item: SnapshotItem; section: number }> = [];
  tpl.sections.forEach((sec, s) => {
    const mine: SnapshotItem[] = [];
    strata.forEach((stratum, k) => {
      const q = quotas[s][k];
      if (q === 0) return;
      let got = 0;
      for (const importance of ['X', 'Y', 'Z']) {
        const points = stratum.points.filter(
          (p) =>
            p.importance === importance && poolOf((r) => r.type === sec.type && r.knowledgePoint === p.code).length > 0,
        );
        lazyShuffle(
          points,
          rng,
          () => got < q,
          (p) => {
            got += takeFromPool(
              poolOf((r) => r.type === sec.type && r.knowledgePoint === p.code),
              1,
              mine,
            );
          },
        );
      }
      if (got < q)
        got += takeFromPool(
          poolOf((r) => r.type === sec.type && stratumOfPoint.get(r.knowledgePoint) === stratum.code),
          q - got,
          mine,
        );
      if (got < q) throw new Error(`reference: section ${s} stratum ${stratum.code} infeasible`);
    });
    for (let m = 0; m < mine.length; m++) {
      const j = m + rng.U(mine.length - m);
      [mine[m], mine[j]] = [mine[j], mine[m]];
    }
    for (const item of mine) picks.push({ item, section: s });
  });

  const positions = picks.map(({ item, section: s }, k) => ({
    position: k + 1,
    section: s,
    type: tpl.sections[s].type,
    itemId: item.itemId,
    versionId: item.versionId,
    knowledgePoint: item.knowledgePoint,
    stratum: stratumOfPoint.get(item.knowledgePoint),
    points: tpl.sections[s].pointsEach,
    optionOrder:
      item.type === 'judge'
        ? null
        : opts.shuffleOptions
          ? optionOrder(rng, item.optionCount)
          : Array.from({ length: item.optionCount }, (_, i) => i),
  }));
  return {
    assemblerVersion: ASSEMBLER_VERSION,
    form: opts.form,
    seed,
    snapshotHash,
    mapHash: mapHash(map),
    templateHash: hash('jianding-template/1', [
      tpl.durationMinutes,
      tpl.sections.map((s) => [s.type, s.count, s.pointsEach]),
    ]),
    options: {
      maxOverlap: opts.maxOverlap,
      exposureCap: options.exposureCap ?? null,
      papersDrawn: options.papersDrawn ?? null,
      shuffleOptions: opts.shuffleOptions,
      avoided: opts.avoid.map((p) => p.contentHash),
    },
    durationMinutes: tpl.durationMinutes,
    totalPoints: 100,
    // These banks hold enough everywhere, so the allocation is the split by weight.
    allocation: strata.map((st, k) => ({ stratum: st.code, counts: quotas.map((q) => q[k]) })),
    positions,
    contentHash: hash('jianding-paper/1', [
      tpl.durationMinutes,
      positions.map((p) => [p.section, p.versionId, p.points, p.optionOrder]),
    ]),
  } as Paper;
}

function referenceForms(input: PrepareInput, requestSeed: string, forms: number): Paper[] {
  const papers: Paper[] = [];
  for (let k = 0; k < forms; k++) {
    papers.push(
      referenceDraw(input, hmac(requestSeed, `form:${k}`), {
        form: k,
        avoid: [...papers],
        maxOverlap: input.options?.maxOverlap ?? 0.3,
        shuffleOptions: input.options?.shuffleOptions ?? true,
      }),
    );
  }
  return papers;
}

describe('README algorithm (independent re-implementation)', () => {
  it('re-derives per-candidate papers of the synthetic bank with enemies, exposure bands and skipped items', () => {
    const input: PrepareInput = {
      snapshot: syntheticBank({ seed: 'reference', enemyPairs: 150, maxUsage: 30 }),
      map: syntheticMap(),
      template: DEFAULT_TEMPLATE,
      options: { forms: 1, exposureCap: 0.5, papersDrawn: 50 },
    };
    const assembler = prepare(input);
    for (let i = 0; i < 40; i++) {
      const seed = hmac('reference-request', `candidate:${i}`);
      const expected = referenceDraw(input, seed, { form: 0, avoid: [], maxOverlap: 0.3, shuffleOptions: true });
      expect(JSON.stringify(assembler.draw(seed))).toBe(JSON.stringify(expected));
    }
  });

  it('re-derives parallel forms where the overlap cap binds', () => {
    const input: PrepareInput = {
      snapshot: [
        ...itemsAt('S1', 40, 'a', 'single', { optionCount: 5 }),
        ...itemsAt('S2', 60, 'b', 'single', { optionCount: 3 }),
      ],
      map: knowledgeMap(area('S', 100, [point('S1', 'X'), point('S2', 'Y')])),
      template: template(section('single', 50, 2)),
      options: { forms: 3, maxOverlap: 0.5 },
    };
    const assembler = prepare(input);
    for (let k = 0; k < 20; k++) {
      expect(JSON.stringify(assembler.drawForms(`forms-${k}`).papers)).toBe(
        JSON.stringify(referenceForms(input, `forms-${k}`, 3)),
      );
    }
  });

  it('re-derives a nested map with several sections of mixed types, with and without option shuffles', () => {
    const map = knowledgeMap(
      area('B', 60, [
        area('B-2', 50, [point('B-2-1', 'Z'), point('B-2-2', 'X')]),
        area('B-1', 50, [point('B-1-1', 'Y'), point('B-1-2', 'Y')]),
      ]),
      area('A', 40, [point('A-1', 'X'), point('A-2', 'Y'), point('A-3', 'Z')]),
    );
    // Multiple-choice items with 6, 10 and 14 options exercise the memoised, decoded and step-by-step option shuffles.
    const snapshot = ['B-2-1', 'B-2-2', 'B-1-1', 'B-1-2', 'A-1', 'A-2', 'A-3'].flatMap((kp, k) => [
      ...itemsAt(kp, 6, `${kp}-j`, 'judge'),
      ...itemsAt(kp, 8, `${kp}-s`, 'single'),
      ...itemsAt(kp, 5, `${kp}-m`, 'multiple', { optionCount: [6, 10, 14][k % 3] }),
    ]);
    snapshot[3].enemies = [snapshot[10].itemId, snapshot[40].itemId];
    const tpl = template(
      section('judge', 10, 1),
      section('single', 20, 2),
      section('multiple', 10, 2),
      section('single', 10, 3),
    );
    for (const shuffleOptions of [true, false]) {
      const input: PrepareInput = { snapshot, map, template: tpl, options: { forms: 1, shuffleOptions } };
      const assembler = prepare(input);
      for (let k = 0; k < 20; k++) {
        const expected = referenceDraw(input, `nested-${k}`, { form: 0, avoid: [], maxOverlap: 0.3, shuffleOptions });
        expect(JSON.stringify(assembler.draw(`nested-${k}`))).toBe(JSON.stringify(expected));
      }
    }
  });
});
