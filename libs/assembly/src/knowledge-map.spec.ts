import { allocate } from './allocation';
import { largestRemainder } from './knowledge-map';
import { area, error, knowledgeMap, point, section, template } from './testing/builders';
import type { KnowledgeMap } from './types';

/** A map whose top-level areas are strata, one point each. */
function flatMap(weights: Record<string, number>): KnowledgeMap {
  return knowledgeMap(...Object.entries(weights).map(([code, w]) => area(code, w, [point(`${code}-1`)])));
}

function strataQuotas(map: KnowledgeMap, count: number): Record<string, number> {
  const { strata } = allocate(map, template(section('single', count, 100 / count)));
  return Object.fromEntries(strata.map((s) => [s.code, s.counts[0]]));
}

describe(`${allocate.name} by weight (a bank that holds enough)`, () => {
  it('splits 80 over weights 35/30/20/15 as 28/24/16/12', () => {
    expect(strataQuotas(flatMap({ A: 35, B: 30, C: 20, D: 15 }), 80)).toEqual({ A: 28, B: 24, C: 16, D: 12 });
  });

  it('splits 20 over 33/33/34 as 7/6/7: the largest remainder first, then the tie by code', () => {
    // Exact shares 6.6, 6.6, 6.8 → floors 6, 6, 6; two seats left: C (.8), then A over B (.6 each, equal weight, A < B).
    expect(strataQuotas(flatMap({ A: 33, B: 33, C: 34 }), 20)).toEqual({ A: 7, B: 6, C: 7 });
  });

  it('splits 10 over 33/33/34 as 3/3/4', () => {
    expect(strataQuotas(flatMap({ A: 33, B: 33, C: 34 }), 10)).toEqual({ A: 3, B: 3, C: 4 });
  });

  it('gives a tied remainder to the larger weight before looking at codes', () => {
    // 2 over 75/25: shares 1.5 and 0.5, equal remainders. Z (75) wins although A would win on code.
    expect(strataQuotas(flatMap({ Z: 75, A: 25 }), 2)).toEqual({ Z: 2, A: 0 });
  });

  it('breaks a tie of equal remainder and equal weight by code, whatever order the map lists the areas in', () => {
    const map = knowledgeMap(area('B', 50, [point('B-1')]), area('A', 50, [point('A-1')]));
    expect(strataQuotas(map, 1)).toEqual({ A: 1, B: 0 });
  });

  it('splits exactly with decimal weights such as 33.3/33.3/33.4', () => {
    // 30 × 33.3 % = 9.99 → 9 for A and for B, 30 × 33.4 % = 10.02 → 10 for C; the two seats left go to the .99 remainders.
    expect(strataQuotas(flatMap({ A: 33.3, B: 33.3, C: 33.4 }), 30)).toEqual({ A: 10, B: 10, C: 10 });
  });

  it('recurses down a nested tree to the lowest areas', () => {
    const map = knowledgeMap(
      area('A', 35, [area('A-01', 60, [point('A-01-1')]), area('A-02', 40, [point('A-02-1')])]),
      area('B', 30, [area('B-01', 50, [point('B-01-1')]), area('B-02', 50, [point('B-02-1')])]),
      area('C', 20, [
        area('C-01', 70, [area('C-01-a', 50, [point('C-01-a-1')]), area('C-01-b', 50, [point('C-01-b-1')])]),
        area('C-02', 30, [point('C-02-1')]),
      ]),
      area('D', 15, [point('D-1'), point('D-2')]),
    );
    const quotas = allocate(map, template(section('single', 80, 1.25)));
    // A 28 → 16.8/11.2 → 17/11; B 24 → 12/12; C 16 → 11.2/4.8 → 11/5, C-01 11 → 5.5/5.5 → 6/5 (tie by code); D 12.
    expect(Object.fromEntries(quotas.strata.map((s) => [s.code, s.counts[0]]))).toEqual({
      'A-01': 17,
      'A-02': 11,
      'B-01': 12,
      'B-02': 12,
      'C-01-a': 6,
      'C-01-b': 5,
      'C-02': 5,
      D: 12,
    });
    expect(quotas.method).toBe('proportional');
    expect(quotas.areas.find((a) => a.code === 'C-01')).toMatchObject({
      code: 'C-01',
      parent: 'C',
      depth: 1,
      weight: 70,
      counts: [11],
      points: 13.75,
      target: 14,
      isStratum: false,
    });
    expect(quotas.strata.find((s) => s.code === 'C-01-b')?.parent).toBe('C-01');
  });

  it('computes each section separately', () => {
    const { strata } = allocate(
      flatMap({ A: 35, B: 30, C: 20, D: 15 }),
      template(section('judge', 20, 1), section('single', 80, 1)),
    );
    expect(strata.map((s) => s.counts)).toEqual([
      [7, 28],
      [6, 24],
      [4, 16],
      [3, 12],
    ]);
  });

  it('always hands out exactly the count, each area within one of its exact share (random trees)', () => {
    let state = 12345;
    const rand = (n: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % n;
    };
    for (let trial = 0; trial < 300; trial++) {
      const k = 2 + rand(6);
      const raw = Array.from({ length: k }, () => 1 + rand(50));
      const total = raw.reduce((a, b) => a + b, 0);
      const weights = raw.map((w) => Math.round((w / total) * 1e4) / 100);
      weights[0] = Math.round((100 - weights.slice(1).reduce((a, b) => a + b, 0)) * 100) / 100;
      const parts = weights.map((w, i) => ({ code: `N${i}`, weightUnits: Math.round(w * 1e6) }));
      const count = rand(200);
      const seats = largestRemainder(count, parts);
      expect(seats.reduce((a, b) => a + b, 0)).toBe(count);
      seats.forEach((s, i) => {
        const exact = (count * weights[i]) / weights.reduce((a, b) => a + b, 0);
        expect(s).toBeGreaterThanOrEqual(Math.floor(exact + 1e-9));
        expect(s).toBeLessThanOrEqual(Math.ceil(exact - 1e-9));
      });
    }
  });

  it('refuses area weights that do not sum to 100', () => {
    const e = error(() => allocate(flatMap({ A: 50, B: 40 }), template(section('single', 10, 10))));
    expect(e.code).toBe('MAP_INVALID');
    expect(e.message).toContain('sum to 90');
  });

  it('refuses an area without a weight, a point without importance and an area mixing sub-areas and points', () => {
    expect(
      error(() =>
        allocate(knowledgeMap({ code: 'A', name: 'A', children: [point('A-1')] }), template(section('single', 10, 10))),
      ).message,
    ).toContain('Area A has no weight');
    expect(
      error(() =>
        allocate(knowledgeMap(area('A', 100, [{ code: 'A-1', name: 'p' }])), template(section('single', 10, 10))),
      ).message,
    ).toContain('A-1 needs importance');
    const mixed = knowledgeMap(area('A', 100, [area('A-01', 100, [point('A-01-1')]), point('A-2')]));
    expect(error(() => allocate(mixed, template(section('single', 10, 10)))).message).toContain(
      'mixes sub-areas and knowledge points',
    );
  });

  it('refuses a code used twice', () => {
    const map = knowledgeMap(area('A', 50, [point('P')]), area('B', 50, [point('P')]));
    expect(error(() => allocate(map, template(section('single', 10, 10)))).message).toContain(
      'Code P is used more than once',
    );
  });

  it('refuses a template that does not total 100 points, or has a bad section', () => {
    const map = flatMap({ A: 100 });
    expect(error(() => allocate(map, template(section('judge', 20, 1), section('single', 60, 1)))).code).toBe(
      'TEMPLATE_INVALID',
    );
    expect(error(() => allocate(map, template(section('judge', 20, 1), section('single', 60, 1)))).message).toContain(
      'add up to 80 points',
    );
    expect(error(() => allocate(map, template(section('single', 0, 1)))).code).toBe('TEMPLATE_INVALID');
    expect(error(() => allocate(map, template({ type: 'task' as never, count: 1, pointsEach: 100 }))).code).toBe(
      'TEMPLATE_INVALID',
    );
    expect(error(() => allocate(map, { sections: [section('single', 100, 1)], durationMinutes: 0 })).message).toContain(
      'duration must be a positive whole number',
    );
  });
});
