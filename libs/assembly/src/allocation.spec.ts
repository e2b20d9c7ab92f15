import fc from 'fast-check';
import { allocate, blueprintNeeds, type Allocation, type MipSolver } from './allocation';
import { prepare } from './assembler';
import { AssemblyError } from './errors';
import { deriveSeed } from './random';
import { area, error, itemsAt, knowledgeMap, point, reorder, section, template } from './testing/builders';
import { testSolver } from './testing/solver';
import type { KnowledgeMap, KnowledgeNode, PaperTemplate, SnapshotItem, TheoryType } from './types';

let solver: MipSolver;
beforeAll(async () => {
  solver = await testSolver();
});

/** Four areas 30/30/20/20; E, like many real banks, holds only 判断 items. */
const unevenMap = knowledgeMap(
  area('A', 30, [point('A1', 'X'), point('A2', 'Y')]),
  area('B', 30, [point('B1', 'X')]),
  area('C', 20, [point('C1', 'X')]),
  area('E', 20, [point('E1', 'X'), point('E2', 'Z')]),
);
const defaultTemplate = template(section('judge', 20, 1), section('single', 80, 1));

function unevenBank(judgeInE = 30): SnapshotItem[] {
  return [
    ...['A1', 'A2', 'B1', 'C1'].flatMap((kp) => [
      ...itemsAt(kp, 25, `${kp}-j`, 'judge'),
      ...itemsAt(kp, 60, `${kp}-s`),
    ]),
    ...itemsAt('E1', Math.ceil(judgeInE / 2), 'E1-j', 'judge'),
    ...itemsAt('E2', Math.floor(judgeInE / 2), 'E2-j', 'judge'),
  ];
}

describe(allocate.name, () => {
  it('meets an area that holds only 判断 items with 判断 items and makes the single-choice count up elsewhere', () => {
    const assembler = prepare({ snapshot: unevenBank(), map: unevenMap, template: defaultTemplate, solver });
    const byCode = new Map(assembler.allocation.areas.map((a) => [a.code, a]));
    expect(assembler.allocation.method).toBe('solved');
    expect(byCode.get('E')).toMatchObject({ counts: [20, 0], points: 20, target: 20 });
    for (const code of ['A', 'B', 'C']) expect(byCode.get(code)?.points).toBe(byCode.get(code)?.target);
    expect(['A', 'B', 'C'].reduce((sum, code) => sum + (byCode.get(code)?.counts[1] ?? 0), 0)).toBe(80);

    const paper = assembler.draw(deriveSeed('uneven', 'candidate:0'));
    const inE = paper.positions.filter((p) => p.stratum === 'E');
    expect(inE).toHaveLength(20);
    expect(inE.every((p) => p.type === 'judge')).toBe(true);
    expect(paper.positions.filter((p) => p.type === 'single')).toHaveLength(80);
    expect(paper.positions.reduce((sum, p) => sum + p.points, 0)).toBe(100);
    expect(paper.allocation.find((a) => a.stratum === 'E')?.counts).toEqual([20, 0]);
  });

  it('keeps the split by weight, unsolved, when the bank holds what it asks for everywhere', () => {
    const proportional = allocate(unevenMap, defaultTemplate);
    const rich = [...unevenBank(), ...itemsAt('E1', 40, 'E1-s')];
    const assembler = prepare({ snapshot: rich, map: unevenMap, template: defaultTemplate });
    expect(assembler.allocation).toEqual({
      ...proportional,
      areas: proportional.areas.map((a) => ({ ...a, holds: expect.any(Object) })),
      strata: proportional.strata.map((a) => ({ ...a, holds: expect.any(Object) })),
    });
    expect(assembler.allocation.method).toBe('proportional');
    expect(assembler.allocation.strata.map((s) => s.counts)).toEqual([
      [6, 24],
      [6, 24],
      [4, 16],
      [4, 16],
    ]);
  });

  it('refuses a bank whose 判断-only area cannot reach its points, naming the area and what it holds', () => {
    const e = error(() => prepare({ snapshot: unevenBank(5), map: unevenMap, template: defaultTemplate, solver }));
    expect(e.code).toBe('ALLOCATION_INFEASIBLE');
    expect(e.stratum).toBe('E');
    expect(e.message).toContain('Area E (weight 20%) needs 20 points (within 1)');
    expect(e.message).toContain('holds 5 judge, 0 single and 0 multiple-choice items');
    expect(e.message).toContain('the closest it can get is 5 points');
    expect(e.message).toContain('区域 E');
  });

  it('names a sub-area that cannot get its share of its parent’s points', () => {
    const map = knowledgeMap(
      area('A', 50, [area('A-1', 50, [point('A-1-1')]), area('A-2', 50, [point('A-2-1')])]),
      area('B', 50, [point('B-1')]),
    );
    const snapshot = [
      ...itemsAt('A-1-1', 60, 'a1'),
      ...itemsAt('A-2-1', 3, 'a2', 'judge'),
      ...itemsAt('B-1', 60, 'b'),
      ...itemsAt('B-1', 30, 'bj', 'judge'),
    ];
    const e = error(() =>
      prepare({ snapshot, map, template: template(section('judge', 10, 1), section('single', 90, 1)), solver }),
    );
    expect(e).toMatchObject({ code: 'ALLOCATION_INFEASIBLE', stratum: 'A-2' });
    expect(e.message).toContain('Area A-2 (weight 50% of A) needs 25 points');
  });

  it('gives identical allocations and papers for 1,000 seeds, prepared twice from differently ordered inputs', () => {
    const snapshot = unevenBank();
    const first = prepare({ snapshot, map: unevenMap, template: defaultTemplate, solver });
    const second = prepare({ snapshot: reorder(snapshot, 5), map: unevenMap, template: defaultTemplate, solver });
    expect(second.allocation).toEqual(first.allocation);
    const recorded = JSON.stringify(first.draw('seed-0').allocation);
    for (let k = 0; k < 1000; k++) {
      const seed = deriveSeed('allocation-determinism', `candidate:${k}`);
      const a = first.draw(seed);
      const b = second.draw(seed);
      expect(JSON.stringify(a.allocation)).toBe(recorded);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });
});

describe(blueprintNeeds.name, () => {
  const counts = (snapshot: SnapshotItem[]) => {
    const byKey = new Map<string, { knowledgePoint: string; type: string; approved: number }>();
    for (const r of snapshot) {
      const key = `${r.knowledgePoint}|${r.type}`;
      const entry = byKey.get(key) ?? { knowledgePoint: r.knowledgePoint, type: r.type, approved: 0 };
      entry.approved++;
      byKey.set(key, entry);
    }
    return [...byKey.values()];
  };

  it('reports the needs of the allocation the draw uses, so a 判断-only area is no shortfall', () => {
    const needs = blueprintNeeds(unevenMap, defaultTemplate, counts(unevenBank()), solver);
    const draw = prepare({ snapshot: unevenBank(), map: unevenMap, template: defaultTemplate, solver });
    expect(needs.allocation).toEqual(draw.allocation);
    expect(needs.shortfalls).toEqual([]);
    expect(needs.strata).toContainEqual({ stratum: 'E', type: 'single', needed: 0, available: 0 });
    expect(needs.strata).toContainEqual({ stratum: 'E', type: 'judge', needed: 20, available: 30 });
  });

  it('reports the binding area as the one shortfall when no allocation exists', () => {
    const needs = blueprintNeeds(unevenMap, defaultTemplate, counts(unevenBank(5)), solver);
    expect(needs.allocation).toBeNull();
    expect(needs.shortfalls).toHaveLength(1);
    expect(needs.shortfalls[0]).toMatchObject({ area: 'E', needed: 20, available: 5 });
    expect(needs.shortfalls[0].message).toContain('Area E (weight 20%) needs 20 points');
  });
});

/** Random banks: 2–4 top areas (some split in two), a template, and per stratum and type 0–40 items. */
const TEMPLATES: PaperTemplate[] = [
  template(section('judge', 20, 1), section('single', 80, 1)),
  template(section('judge', 20, 1), section('single', 60, 1), section('multiple', 10, 2)),
  template(section('judge', 10, 2), section('single', 20, 3), section('multiple', 5, 4)),
];

const bankArbitrary = fc
  .record({
    raw: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
    split: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 4, maxLength: 4 }),
    template: fc.integer({ min: 0, max: TEMPLATES.length - 1 }),
    holds: fc.array(
      fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })), { minLength: 3, maxLength: 3 }),
      {
        minLength: 8,
        maxLength: 8,
      },
    ),
  })
  .map(({ raw, split, template: t, holds }) => {
    const sum = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((r) => Math.floor((r * 100) / sum));
    weights[0] += 100 - weights.reduce((a, b) => a + b, 0);
    const areas: KnowledgeNode[] = weights.map((w, i) => {
      const code = String.fromCharCode(65 + i);
      // A split of 0 keeps the area a stratum; otherwise two sub-areas of `split` and 100 − `split` per cent.
      return split[i] === 0
        ? area(code, w, [point(`${code}.p`)])
        : area(code, w, [
            area(`${code}1`, split[i] + 10, [point(`${code}1.p`)]),
            area(`${code}2`, 90 - split[i], [point(`${code}2.p`)]),
          ]);
    });
    return { map: knowledgeMap(...areas), template: TEMPLATES[t], holds };
  });

const TYPES: TheoryType[] = ['judge', 'single', 'multiple'];

function check(
  map: KnowledgeMap,
  tpl: PaperTemplate,
  allocation: Allocation,
  holdsOf: (stratum: number, t: TheoryType) => number,
) {
  const proportional = allocate(map, tpl);
  const oneItem = Math.max(...tpl.sections.map((s) => s.pointsEach));
  const byCode = new Map(allocation.areas.map((a) => [a.code, a]));
  // Every section's count is handed out exactly.
  tpl.sections.forEach((s, j) => {
    expect(allocation.strata.reduce((sum, a) => sum + a.counts[j], 0)).toBe(s.count);
  });
  // No stratum is asked for more items of a type than it holds.
  allocation.strata.forEach((a, k) => {
    for (const t of TYPES) {
      const asked = tpl.sections.reduce((sum, s, j) => sum + (s.type === t ? a.counts[j] : 0), 0);
      expect(asked).toBeLessThanOrEqual(holdsOf(k, t));
    }
  });
  // Areas add up, and each is within max(what the split by weight gave it, one item) of weight × its parent's points.
  allocation.areas.forEach((a, k) => {
    const children = allocation.areas.filter((c) => c.parent === a.code);
    if (children.length > 0)
      tpl.sections.forEach((_, j) => expect(children.reduce((sum, c) => sum + c.counts[j], 0)).toBe(a.counts[j]));
    const parentPoints = a.parent ? (byCode.get(a.parent)?.points ?? 0) : 100;
    expect(Math.abs(a.target - (a.weight / 100) * parentPoints)).toBeLessThan(1e-4);
    const byWeight = Math.abs(proportional.areas[k].points - proportional.areas[k].target);
    expect(Math.abs(a.points - a.target)).toBeLessThanOrEqual(Math.max(byWeight, oneItem) + 1e-4);
  });
  const fits = proportional.strata.every((a, k) =>
    TYPES.every((t) => tpl.sections.reduce((sum, s, j) => sum + (s.type === t ? a.counts[j] : 0), 0) <= holdsOf(k, t)),
  );
  if (fits) expect(allocation.strata.map((a) => a.counts)).toEqual(proportional.strata.map((a) => a.counts));
  expect(allocation.method).toBe(fits ? 'proportional' : 'solved');
}

describe('allocation over random banks (property)', () => {
  it('meets every constraint, or refuses naming an area or a type, and answers the same twice', () => {
    fc.assert(
      fc.property(bankArbitrary, ({ map, template: tpl, holds }) => {
        const holdsOf = (stratum: number, t: TheoryType) => holds[stratum][TYPES.indexOf(t)];
        let allocation: Allocation;
        try {
          allocation = allocate(map, tpl, holdsOf, solver);
        } catch (e) {
          expect(e).toBeInstanceOf(AssemblyError);
          const err = e as AssemblyError;
          expect(err.code).toBe('ALLOCATION_INFEASIBLE');
          expect(err.message).toMatch(/^(Area [A-D]\d? \(weight|The paper needs \d+ (judge|single|multiple) items)/);
          return;
        }
        check(map, tpl, allocation, holdsOf);
        expect(allocate(map, tpl, holdsOf, solver)).toEqual(allocation);
      }),
      { numRuns: 40, seed: 20261201 },
    );
  });
});
