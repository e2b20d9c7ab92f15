import { Assembler, assemble, candidateOptionOrders, paperContentHash, paperContentText, prepare } from './assembler';
import { deriveSeed } from './random';
import { area, error, item, itemsAt, knowledgeMap, point, reorder, section, template } from './testing/builders';
import { DEFAULT_TEMPLATE, syntheticBank, syntheticMap } from './testing/synthetic-bank';
import type { KnowledgeMap, KnowledgeNode, Paper, PrepareInput, SnapshotItem } from './types';
import { ASSEMBLER_VERSION } from './version';
import { testSolver } from './testing/solver';

function ids(paper: Paper): string[] {
  return paper.positions.map((p) => p.itemId);
}

function shared(a: Paper, b: Paper): number {
  const inA = new Set(ids(a));
  return ids(b).filter((id) => inA.has(id)).length;
}

/** The same map with children listed in reverse at every level. */
function reversedMap(map: KnowledgeMap): KnowledgeMap {
  const flip = (n: KnowledgeNode): KnowledgeNode =>
    n.children ? { ...n, children: [...n.children].reverse().map(flip) } : n;
  return { areas: [...map.areas].reverse().map(flip) };
}

const bank = syntheticBank({ enemyPairs: 60, maxUsage: 30 });
const map = syntheticMap();
const input: PrepareInput = { snapshot: bank, map, template: DEFAULT_TEMPLATE, options: { forms: 1 } };
const assembler = prepare(input);

describe(prepare.name, () => {
  it('hashes the snapshot the same whatever order its rows and enemy lists arrive in', () => {
    const shuffled = reorder(bank, 7).map((r) => ({ ...r, enemies: [...r.enemies].reverse() }));
    expect(prepare({ ...input, snapshot: shuffled }).snapshotHash).toBe(assembler.snapshotHash);
    expect(prepare({ ...input, snapshot: [...bank].reverse() }).snapshotHash).toBe(assembler.snapshotHash);
  });

  it('hashes the map the same whatever order its children are listed in', () => {
    expect(prepare({ ...input, map: reversedMap(map) }).mapHash).toBe(assembler.mapHash);
  });

  it('changes the snapshot hash when a usage count changes, since usage shapes the draw', () => {
    const changed = bank.map((r, k) => (k === 0 ? { ...r, usageCount: r.usageCount + 1 } : r));
    expect(prepare({ ...input, snapshot: changed }).snapshotHash).not.toBe(assembler.snapshotHash);
  });

  it('exposes the allocation it will draw: the split by weight when the bank holds enough everywhere', () => {
    expect(assembler.allocation.method).toBe('proportional');
    expect(assembler.allocation.strata.reduce((sum, s) => sum + s.counts[1], 0)).toBe(80);
    expect(assembler.paperLength).toBe(100);
  });

  it('refuses a snapshot with a duplicate version, two versions of one item or an unknown knowledge point', () => {
    const one = item('i1', 'A-01-001');
    expect(error(() => prepare({ ...input, snapshot: [...bank, bank[0]] })).code).toBe('SNAPSHOT_INVALID');
    expect(
      error(() => prepare({ ...input, snapshot: [...bank, { ...one, itemId: bank[0].itemId }] })).message,
    ).toContain('has two versions');
    expect(
      error(() => prepare({ ...input, snapshot: [...bank, { ...one, knowledgePoint: 'Q-99' }] })).message,
    ).toContain('Q-99');
    expect(error(() => prepare({ ...input, snapshot: [...bank, { ...one, optionCount: 1 }] })).code).toBe(
      'SNAPSHOT_INVALID',
    );
  });

  it('refuses out-of-range options', () => {
    expect(error(() => prepare({ ...input, options: { forms: 0 } })).code).toBe('OPTIONS_INVALID');
    expect(error(() => prepare({ ...input, options: { forms: 1, maxOverlap: 1.5 } })).code).toBe('OPTIONS_INVALID');
    expect(error(() => prepare({ ...input, options: { forms: 1, exposureCap: 0.2 } })).message).toContain(
      'needs papersDrawn',
    );
  });

  it('ignores practical tasks in the snapshot except in its hash', () => {
    const task: SnapshotItem = { ...item('task-1', 'not-a-theory-point'), type: 'task' };
    const withTask = prepare({ ...input, snapshot: [...bank, task] });
    expect(withTask.snapshotHash).not.toBe(assembler.snapshotHash);
    const seed = deriveSeed('r', 'candidate:0');
    expect(withTask.draw(seed).contentHash).toBe(assembler.draw(seed).contentHash);
  });
});

describe(Assembler.prototype.draw.name, () => {
  it('gives byte-identical papers for 1,000 seeds whatever the order of snapshot rows, enemy lists and map children', () => {
    const variants = [
      assembler,
      prepare({ ...input, snapshot: [...bank].reverse(), map: reversedMap(map) }),
      prepare({ ...input, snapshot: reorder(bank, 3).map((r) => ({ ...r, enemies: [...r.enemies].reverse() })) }),
    ];
    for (let k = 0; k < 1000; k++) {
      const seed = deriveSeed('determinism', `candidate:${k}`);
      const json = variants.map((v) => JSON.stringify(v.draw(seed)));
      expect(json[1]).toBe(json[0]);
      expect(json[2]).toBe(json[0]);
    }
  });

  it('does not depend on earlier draws from the same assembler', () => {
    const seed = deriveSeed('history', 'candidate:1');
    const first = JSON.stringify(prepare(input).draw(seed));
    for (let k = 0; k < 20; k++) assembler.draw(deriveSeed('other', `candidate:${k}`));
    expect(JSON.stringify(assembler.draw(seed))).toBe(first);
  });

  it('still draws the papers recorded by this assembler version (a change here needs a new ASSEMBLER_VERSION)', () => {
    const paper = assembler.draw('golden-seed');
    expect(paper.assemblerVersion).toBe(ASSEMBLER_VERSION);
    expect(paper.snapshotHash).toBe('1d267e85bb6d5c25066b362d4347f56ec152fe8f87c97a0bd559424fe62b33fd');
    expect(paper.contentHash).toBe('d12c163397bab76e76f4551b184659b47fee9f00d5e49007c777c8728847f5b0');
  });

  it('records a content hash equal to SHA-256 of the canonical content text', () => {
    for (let k = 0; k < 50; k++) {
      const paper = assembler.draw(deriveSeed('hash', `candidate:${k}`));
      expect(paper.contentHash).toBe(paperContentHash(paper));
    }
    const paper = assembler.draw('s');
    const first = paper.positions[0];
    expect(
      paperContentText(paper).startsWith(`["jianding-paper/1",[90,[[0,${JSON.stringify(first.versionId)},1,null],`),
    ).toBe(true);
    const tampered = {
      ...paper,
      positions: paper.positions.map((p, k) =>
        k === 30 ? { ...p, optionOrder: [...(p.optionOrder ?? [])].reverse() } : p,
      ),
    };
    expect(paperContentHash(tampered)).not.toBe(paper.contentHash);
  });

  it('fills every section and stratum to its quota with distinct items, 100 points in all', () => {
    const strata = assembler.allocation.strata;
    const expectedStrata = [0, 1].map((section) => strata.map((s) => `${s.code}:${s.counts[section]}`));
    for (let k = 0; k < 200; k++) {
      const paper = assembler.draw(deriveSeed('structure', `candidate:${k}`));
      expect(paper.positions.map((p) => p.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(new Set(ids(paper)).size).toBe(100);
      expect(paper.positions.reduce((sum, p) => sum + p.points, 0)).toBe(100);
      expect(
        paper.positions.slice(0, 20).every((p) => p.section === 0 && p.type === 'judge' && p.optionOrder === null),
      ).toBe(true);
      expect(paper.positions.slice(20).every((p) => p.section === 1 && p.type === 'single')).toBe(true);
      const drawnStrata = [0, 1].map((section) =>
        strata.map(
          (s) => `${s.code}:${paper.positions.filter((p) => p.section === section && p.stratum === s.code).length}`,
        ),
      );
      expect(drawnStrata).toEqual(expectedStrata);
      expect(paper.allocation).toEqual(strata.map((s) => ({ stratum: s.code, counts: s.counts })));
      expect(paper.positions.every((p) => p.knowledgePoint.startsWith(`${p.stratum}-`))).toBe(true);
    }
  });

  it('never puts two enemies in one paper, though each pair is listed on one side only', () => {
    const dense = syntheticBank({ seed: 'enemies', enemyPairs: 500 });
    const enemiesOf = new Map<string, Set<string>>();
    for (const r of dense) {
      for (const e of r.enemies) {
        if (!enemiesOf.has(r.itemId)) enemiesOf.set(r.itemId, new Set());
        if (!enemiesOf.has(e)) enemiesOf.set(e, new Set());
        enemiesOf.get(r.itemId)?.add(e);
        enemiesOf.get(e)?.add(r.itemId);
      }
    }
    const denseAssembler = prepare({ ...input, snapshot: dense });
    const together: string[] = [];
    let enemiesDrawn = 0;
    for (let k = 0; k < 2000; k++) {
      const chosen = new Set(ids(denseAssembler.draw(deriveSeed('enemies', `candidate:${k}`))));
      for (const id of chosen) {
        const mine = enemiesOf.get(id);
        if (!mine) continue;
        enemiesDrawn++;
        for (const e of mine) if (chosen.has(e)) together.push(`${id}+${e} in paper ${k}`);
      }
    }
    expect(together).toEqual([]);
    expect(enemiesDrawn).toBeGreaterThan(10_000); // items with enemies are drawn, just never together
  });

  it('covers X points before Y points before Z points, one item each, before filling', () => {
    const stratum = area('S', 100, [
      point('X1', 'X'),
      point('X2', 'X'),
      point('Y1', 'Y'),
      point('Y2', 'Y'),
      point('Y3', 'Y'),
      point('Z1', 'Z'),
      point('Z2', 'Z'),
      point('X3', 'X'),
    ]);
    const snapshot = [
      ...['X1', 'X2', 'Y1', 'Y2', 'Y3', 'Z1', 'Z2'].flatMap((kp) => itemsAt(kp, 6, kp)),
      // X3 has only judge items, so it cannot be covered by a single-choice section and is skipped.
      ...itemsAt('X3', 3, 'X3', 'judge'),
    ];
    const assemblers = new Map(
      [1, 4, 7, 10].map((count) => [
        count,
        prepare({ snapshot, map: knowledgeMap(stratum), template: template(section('single', count, 100 / count)) }),
      ]),
    );
    const pointsOf = (count: number, seed: string) => {
      const tally: Record<string, number> = {};
      for (const p of (assemblers.get(count) as Assembler).draw(seed).positions)
        tally[p.knowledgePoint] = (tally[p.knowledgePoint] ?? 0) + 1;
      return tally;
    };
    for (let k = 0; k < 200; k++) {
      const seed = deriveSeed('coverage', `candidate:${k}`);
      const one = pointsOf(1, seed);
      expect(Object.keys(one).every((kp) => kp.startsWith('X'))).toBe(true);
      const four = pointsOf(4, seed);
      expect(four.X1).toBe(1);
      expect(four.X2).toBe(1);
      expect(['Y1', 'Y2', 'Y3'].filter((kp) => four[kp] === 1).length).toBe(2);
      expect(four.Z1 ?? 0).toBe(0);
      expect(four.Z2 ?? 0).toBe(0);
      const seven = pointsOf(7, seed);
      expect(Object.values(seven)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      const ten = pointsOf(10, seed);
      expect(['X1', 'X2', 'Y1', 'Y2', 'Y3', 'Z1', 'Z2'].every((kp) => ten[kp] >= 1)).toBe(true);
    }
  });

  it('chooses every item of a symmetric stratum equally often over 20,000 draws (within 5 binomial SD)', () => {
    // Stratum U: three X points of ten items and quota 8 — coverage then fill is symmetric, so each item has p = 8/30.
    // Stratum V: one point of 20 items and quota 12, p = 12/20.
    const uniformMap = knowledgeMap(
      area('U', 40, [point('U1'), point('U2'), point('U3')]),
      area('V', 60, [point('V1', 'Y')]),
    );
    const snapshot = [
      ...itemsAt('U1', 10, 'u1'),
      ...itemsAt('U2', 10, 'u2'),
      ...itemsAt('U3', 10, 'u3'),
      ...itemsAt('V1', 20, 'v1'),
    ];
    const a = prepare({ snapshot, map: uniformMap, template: template(section('single', 20, 5)) });
    const draws = 20_000;
    const counts = new Map<string, number>();
    for (let k = 0; k < draws; k++) {
      for (const id of ids(a.draw(`uniform-${k}`))) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const check = (prefix: string, p: number) => {
      const expected = draws * p;
      const sd = Math.sqrt(draws * p * (1 - p));
      const ofStratum = [...counts].filter(([id]) => id.startsWith(prefix));
      expect(ofStratum.length).toBe(prefix === 'u' ? 30 : 20);
      for (const [, c] of ofStratum) expect(Math.abs(c - expected)).toBeLessThan(5 * sd);
    };
    check('u', 8 / 30);
    check('v', 12 / 20);
  });

  it('records a valid option permutation for every choice item and none for judge items', () => {
    const mixed = bank.map((r, k) => (r.type === 'single' ? { ...r, optionCount: 2 + (k % 5) } : r));
    const a = prepare({ ...input, snapshot: mixed });
    const optionCount = new Map(mixed.map((r) => [r.itemId, r.optionCount]));
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (let k = 0; k < 100; k++) {
      for (const p of a.draw(`options-${k}`).positions) {
        if (p.type === 'judge') {
          if (p.optionOrder !== null) wrong.push(`judge ${p.itemId} has an option order`);
          continue;
        }
        const n = optionCount.get(p.itemId) ?? 0;
        const sorted = [...(p.optionOrder ?? [])].sort((x, y) => x - y).join(',');
        if (sorted !== Array.from({ length: n }, (_, i) => i).join(','))
          wrong.push(`${p.itemId}: ${p.optionOrder?.join(',')} for ${n} options`);
        seen.add(`${n}:${p.optionOrder?.join('')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBeGreaterThan(100); // orders vary, they are not all the identity
  });

  it('keeps the original option order when shuffleOptions is false, and picks the same items', () => {
    const plain = prepare({ ...input, options: { forms: 1, shuffleOptions: false } }).draw('no-shuffle');
    const shuffled = assembler.draw('no-shuffle');
    expect(ids(plain)).toEqual(ids(shuffled));
    for (const p of plain.positions) if (p.optionOrder) expect(p.optionOrder).toEqual(p.optionOrder.map((_, i) => i));
    expect(plain.options.shuffleOptions).toBe(false);
  });

  it('gives each candidate their own paper from deriveSeed(requestSeed, candidate:i), re-derivable from the recorded seed', () => {
    const papers = Array.from({ length: 30 }, (_, i) => assembler.draw(deriveSeed('request-1', `candidate:${i}`)));
    expect(new Set(papers.map((p) => p.contentHash)).size).toBe(30);
    const again = prepare({ ...input, snapshot: reorder(bank, 11) });
    papers.forEach((paper, i) => {
      expect(paper.seed).toBe(deriveSeed('request-1', `candidate:${i}`));
      expect(again.draw(paper.seed).contentHash).toBe(paper.contentHash);
    });
  });

  it('never draws an item whose usage rate is above the exposure cap, and allows one exactly at it', () => {
    // papersDrawn 100, cap 0.2: at most 20 uses. Stratum S has 10 items at 20 uses and 10 at 21.
    const snapshot = [
      ...itemsAt('S1', 10, 'ok', 'single', { usageCount: 20 }),
      ...itemsAt('S1', 10, 'over', 'single', { usageCount: 21 }),
    ];
    const a = prepare({
      snapshot,
      map: knowledgeMap(area('S', 100, [point('S1')])),
      template: template(section('single', 10, 10)),
      options: { forms: 1, exposureCap: 0.2, papersDrawn: 100 },
    });
    for (let k = 0; k < 200; k++) {
      const drawn = ids(a.draw(`exposure-${k}`));
      expect(drawn.every((id) => id.startsWith('ok-'))).toBe(true);
    }
    const paper = a.draw('x');
    expect(paper.options).toEqual({
      maxOverlap: 0.3,
      exposureCap: 0.2,
      papersDrawn: 100,
      shuffleOptions: true,
      avoided: [],
    });
  });

  it('prefers less-used items when exposure control is on (usage bands), uniformly within a band', () => {
    // cap 0.5 of 40 papers → at most 20 uses; bands of width 21/4: usage 0–5 band 0, 15 → band 2.
    const snapshot = [
      ...itemsAt('S1', 10, 'fresh', 'single', { usageCount: 3 }),
      ...itemsAt('S1', 10, 'worn', 'single', { usageCount: 15 }),
    ];
    const options = { forms: 1, exposureCap: 0.5, papersDrawn: 40 };
    const a = prepare({
      snapshot,
      map: knowledgeMap(area('S', 100, [point('S1')])),
      template: template(section('single', 5, 20)),
      options,
    });
    const counts = new Map<string, number>();
    for (let k = 0; k < 2000; k++) {
      for (const id of ids(a.draw(`bands-${k}`))) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].every((id) => id.startsWith('fresh-'))).toBe(true);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(5 * Math.sqrt(2000 * 0.5 * 0.5));
    // Without exposure control usage is ignored.
    const plain = prepare({
      snapshot,
      map: knowledgeMap(area('S', 100, [point('S1')])),
      template: template(section('single', 5, 20)),
    });
    const worn = Array.from({ length: 200 }, (_, k) => ids(plain.draw(`bands-${k}`)))
      .flat()
      .filter((id) => id.startsWith('worn-'));
    expect(worn.length).toBeGreaterThan(300);
  });

  it('does not exclude anything when no paper has been drawn yet (papersDrawn 0)', () => {
    const snapshot = itemsAt('S1', 10, 'i', 'single', { usageCount: 0 });
    const a = prepare({
      snapshot,
      map: knowledgeMap(area('S', 100, [point('S1')])),
      template: template(section('single', 10, 10)),
      options: { forms: 1, exposureCap: 0, papersDrawn: 0 },
    });
    expect(new Set(ids(a.draw('first'))).size).toBe(10);
  });

  it('refuses with EXPOSURE_INFEASIBLE when the cap leaves a stratum short, naming what can be drawn', async () => {
    const solver = await testSolver();
    const snapshot = [
      ...itemsAt('S1', 4, 'ok', 'single', { usageCount: 1 }),
      ...itemsAt('S1', 6, 'over', 'single', { usageCount: 9 }),
    ];
    const e = error(() =>
      prepare({
        snapshot,
        map: knowledgeMap(area('S', 100, [point('S1')])),
        template: template(section('single', 5, 20)),
        options: { forms: 1, exposureCap: 0.1, papersDrawn: 50 },
        solver,
      }),
    );
    expect(e.code).toBe('EXPOSURE_INFEASIBLE');
    expect(e).toMatchObject({ sectionType: 'single', needed: 5, available: 4 });
    expect(e.message).toContain('The paper needs 5 single items but the bank holds 4 that can be drawn (S 4)');
    expect(e.message).toContain('over the exposure cap');
  });
});

describe(Assembler.prototype.drawForms.name, () => {
  it('seeds form k with deriveSeed(requestSeed, form:k) and records the forms it kept apart from', () => {
    const result = assembler.drawForms('request-seed', { forms: 3 });
    expect(result.papers.map((p) => p.seed)).toEqual([0, 1, 2].map((k) => deriveSeed('request-seed', `form:${k}`)));
    expect(result.papers.map((p) => p.form)).toEqual([0, 1, 2]);
    expect(result.papers[2].options.avoided).toEqual([result.papers[0].contentHash, result.papers[1].contentHash]);
    const form1 = assembler.draw(result.papers[1].seed, { form: 1, avoid: [result.papers[0]] });
    expect(JSON.stringify(form1)).toBe(JSON.stringify(result.papers[1]));
  });

  it('draws disjoint forms when the bank allows, since shared items are the last resort', () => {
    for (let k = 0; k < 20; k++) {
      const [a, b, c] = assembler.drawForms(`disjoint-${k}`, { forms: 3, maxOverlap: 0 }).papers;
      expect(shared(a, b) + shared(a, c) + shared(b, c)).toBe(0);
    }
  });

  const tightMap = knowledgeMap(area('S', 100, [point('S1')]));
  const tightTemplate = template(section('single', 50, 2));

  it('shares only what the bank forces and stays within maxOverlap', () => {
    // 70 items, 50 per form: form B must reuse 30 of A's (60 %).
    const a = prepare({
      snapshot: itemsAt('S1', 70, 'i'),
      map: tightMap,
      template: tightTemplate,
      options: { forms: 2, maxOverlap: 0.6 },
    });
    for (let k = 0; k < 50; k++) {
      const [first, second] = a.drawForms(`tight-${k}`).papers;
      expect(shared(first, second)).toBe(30);
    }
  });

  it('keeps every pair of three forms within the cap when the cap binds', () => {
    // 100 items, 50 per form, cap 0.5: C has no fresh items left and must take exactly 25 from A and 25 from B.
    const a = prepare({
      snapshot: itemsAt('S1', 100, 'i'),
      map: tightMap,
      template: tightTemplate,
      options: { forms: 3, maxOverlap: 0.5 },
    });
    for (let k = 0; k < 50; k++) {
      const [x, y, z] = a.drawForms(`three-${k}`).papers;
      expect(shared(x, y)).toBe(0);
      expect(shared(x, z)).toBeLessThanOrEqual(25);
      expect(shared(y, z)).toBeLessThanOrEqual(25);
      expect(new Set(ids(z)).size).toBe(50);
    }
  });

  it('refuses with OVERLAP_INFEASIBLE, naming section, stratum and form, when the cap cannot be met', () => {
    const a = prepare({
      snapshot: itemsAt('S1', 70, 'i'),
      map: tightMap,
      template: tightTemplate,
      options: { forms: 2, maxOverlap: 0.5 },
    });
    const e = error(() => a.drawForms('too-tight'));
    expect(e.code).toBe('OVERLAP_INFEASIBLE');
    expect(e).toMatchObject({ section: 0, stratum: 'S', needed: 50, available: 45, form: 1 });
    expect(e.message).toContain('section 0 (single) from stratum S in form 1');
    expect(e.message).toContain('overlap cap');
  });
});

describe(assemble.name, () => {
  it('equals prepare(input).drawForms(seed) and carries the hashes and version', () => {
    const result = assemble({ ...input, seed: 'one-shot', options: { forms: 2 } });
    expect(JSON.stringify(result)).toBe(
      JSON.stringify(prepare({ ...input, options: { forms: 2 } }).drawForms('one-shot')),
    );
    expect(result).toMatchObject({
      assemblerVersion: ASSEMBLER_VERSION,
      requestSeed: 'one-shot',
      snapshotHash: assembler.snapshotHash,
      mapHash: assembler.mapHash,
    });
    expect(result.papers).toHaveLength(2);
  });

  it('moves the single items a thin stratum lacks to its sibling, keeping the area at its points', async () => {
    const solver = await testSolver();
    // Stratum B-02 (30 % × 50 %) asks for 12 of the 80 single items; leave it 4.
    const thin = bank
      .filter((r) => !(r.type === 'single' && r.knowledgePoint.startsWith('B-02-')))
      .concat(itemsAt('B-02-001', 4, 'b02'));
    expect(error(() => prepare({ ...input, snapshot: thin })).message).toContain('pass the HiGHS solver');
    const thinAssembler = prepare({ ...input, snapshot: thin, solver });
    const byCode = new Map(thinAssembler.allocation.areas.map((a) => [a.code, a]));
    expect(thinAssembler.allocation.method).toBe('solved');
    expect(byCode.get('B-02')?.counts[1]).toBeLessThanOrEqual(4);
    expect(byCode.get('B')?.points).toBe(prepare(input).allocation.areas.find((a) => a.code === 'B')?.points);
    expect((byCode.get('B-01')?.points ?? 0) + (byCode.get('B-02')?.points ?? 0)).toBe(byCode.get('B')?.points);
    const paper = thinAssembler.draw('thin');
    expect(paper.positions.filter((p) => p.stratum === 'B-02' && p.type === 'single').length).toBe(
      byCode.get('B-02')?.counts[1],
    );
  });

  it('refuses a template whose sections together need more items of a type than the bank holds', () => {
    const snapshot = itemsAt('S1', 15, 'i');
    const e = error(() =>
      assemble({
        snapshot,
        map: knowledgeMap(area('S', 100, [point('S1')])),
        template: template(section('single', 10, 5), section('single', 10, 5)),
        seed: 's',
        options: { forms: 1 },
      }),
    );
    expect(e).toMatchObject({ code: 'ALLOCATION_INFEASIBLE', sectionType: 'single', needed: 20, available: 15 });
    expect(e.message).toContain('The paper needs 20 single items but the bank holds 15');
  });

  it('refuses with STRATUM_INFEASIBLE when enemies leave too few compatible items', () => {
    const snapshot = [item('a', 'S1', 'single', { enemies: ['b'] }), item('b', 'S1'), item('c', 'S1')];
    const e = error(() =>
      assemble({
        snapshot,
        map: knowledgeMap(area('S', 100, [point('S1')])),
        template: template(section('single', 3, 100 / 3)),
        seed: 's',
        options: { forms: 1 },
      }),
    );
    expect(e).toMatchObject({ code: 'STRATUM_INFEASIBLE', section: 0, stratum: 'S', needed: 3, available: 2 });
    expect(e.message).toContain('excluded as enemies');
  });
});

describe(candidateOptionOrders.name, () => {
  it('gives each candidate a valid, reproducible option order for a shared form', () => {
    const form = assembler.draw('shared-form');
    const mine = candidateOptionOrders(form, deriveSeed('req', 'candidate:1'));
    expect(candidateOptionOrders(form, deriveSeed('req', 'candidate:1'))).toEqual(mine);
    expect(candidateOptionOrders(form, deriveSeed('req', 'candidate:2'))).not.toEqual(mine);
    form.positions.forEach((p, k) => {
      if (p.optionOrder === null) expect(mine[k]).toBeNull();
      else expect([...(mine[k] ?? [])].sort()).toEqual(p.optionOrder.map((_, i) => i));
    });
  });
});
