import { canonical, sha256Hex } from './hash';
import { composePracticalPaper, drawPracticalSet, type PracticalTask, type PracticalTemplate } from './practical';
import { deriveSeed } from './random';
import { error, reorder } from './testing/builders';

function task(id: string, knowledgePoint: string, points: number, minutes = 30): PracticalTask {
  return { versionId: `v-${id}`, itemId: id, knowledgePoint, points, minutes };
}

describe(drawPracticalSet.name, () => {
  const sets = ['SET-01', 'SET-02', 'SET-03', 'SET-04', 'SET-05', 'SET-06'];

  it('draws the same set for the same seed whatever order the ids are listed in', () => {
    for (let k = 0; k < 200; k++) {
      const seed = deriveSeed('practical', `form:${k}`);
      const draw = drawPracticalSet(sets, seed);
      expect(JSON.stringify(drawPracticalSet([...sets].reverse(), seed))).toBe(JSON.stringify(draw));
      expect(JSON.stringify(drawPracticalSet(reorder(sets, k), seed))).toBe(JSON.stringify(draw));
    }
  });

  it('records the pool hash, the seed and a content hash of the chosen set', () => {
    const draw = drawPracticalSet(sets, 'seed-1');
    expect(draw.poolHash).toBe(sha256Hex(canonical('jianding-practical-sets/1', sets)));
    expect(draw.contentHash).toBe(sha256Hex(canonical('jianding-practical-set/1', draw.setId)));
    expect(draw).toMatchObject({ seed: 'seed-1', poolSize: 6 });
  });

  it('chooses each set about equally often', () => {
    const counts = new Map<string, number>();
    for (let k = 0; k < 6000; k++) {
      const { setId } = drawPracticalSet(sets, `uniform-${k}`);
      counts.set(setId, (counts.get(setId) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const sd = Math.sqrt(6000 * (1 / 6) * (5 / 6));
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(5 * sd);
  });

  it('refuses an empty pool and a set listed twice', () => {
    expect(error(() => drawPracticalSet([], 's'))).toMatchObject({
      code: 'PRACTICAL_INFEASIBLE',
      needed: 1,
      available: 0,
    });
    expect(error(() => drawPracticalSet(['A', 'A'], 's')).code).toBe('SNAPSHOT_INVALID');
  });
});

describe(composePracticalPaper.name, () => {
  const tasks: PracticalTask[] = [
    ...Array.from({ length: 5 }, (_, k) => task(`wiring-${k}`, 'K-01', 40, 45)),
    task('meter-1', 'K-02', 30, 20),
    task('meter-2', 'K-02', 30, 25),
    task('safety-1', 'K-03', 30, 15),
    task('fault-1', 'K-04', 30, 30),
    task('fault-2', 'K-04', 30, 35),
  ];
  const layout: PracticalTemplate = {
    sections: [
      { count: 1, pointsPerTask: 40 },
      { count: 2, pointsPerTask: 30 },
    ],
  };

  it('composes the same paper for the same seed whatever order the tasks arrive in', () => {
    for (let k = 0; k < 200; k++) {
      const seed = deriveSeed('tasks', `candidate:${k}`);
      const paper = composePracticalPaper({ tasks, template: layout, seed });
      expect(JSON.stringify(composePracticalPaper({ tasks: reorder(tasks, k), template: layout, seed }))).toBe(
        JSON.stringify(paper),
      );
    }
  });

  it('fills each section with tasks worth its points, 100 points in all, and sums the minutes', () => {
    const paper = composePracticalPaper({ tasks, template: layout, seed: 'layout' });
    expect(paper.positions.map((p) => [p.position, p.section, p.points])).toEqual([
      [1, 0, 40],
      [2, 1, 30],
      [3, 1, 30],
    ]);
    expect(paper.totalPoints).toBe(100);
    expect(paper.totalMinutes).toBe(paper.positions.reduce((sum, p) => sum + p.minutes, 0));
    expect(paper.contentHash).toBe(
      sha256Hex(
        canonical(
          'jianding-practical-paper/1',
          paper.positions.map((p) => [p.section, p.itemId, p.versionId, p.knowledgePoint, p.points, p.minutes]),
        ),
      ),
    );
  });

  it('takes tasks from distinct knowledge points before a second task of any point', () => {
    for (let k = 0; k < 300; k++) {
      const paper = composePracticalPaper({ tasks, template: layout, seed: `distinct-${k}` });
      const points = paper.positions.filter((p) => p.section === 1).map((p) => p.knowledgePoint);
      expect(new Set(points).size).toBe(2);
    }
    const three: PracticalTemplate = {
      sections: [
        { count: 1, pointsPerTask: 10 },
        { count: 3, pointsPerTask: 30 },
      ],
    };
    const withTen = [...tasks, task('ten', 'K-09', 10)];
    for (let k = 0; k < 300; k++) {
      const paper = composePracticalPaper({ tasks: withTen, template: three, seed: `three-${k}` });
      expect(
        paper.positions
          .filter((p) => p.section === 1)
          .map((p) => p.knowledgePoint)
          .sort(),
      ).toEqual(['K-02', 'K-03', 'K-04']);
    }
  });

  it('never uses a task twice when two sections ask for the same points', () => {
    const twice: PracticalTemplate = {
      sections: [
        { count: 2, pointsPerTask: 30 },
        { count: 2, pointsPerTask: 20 },
      ],
    };
    const pool = [
      task('a', 'K1', 30),
      task('b', 'K2', 30),
      task('c', 'K3', 30),
      task('d', 'K1', 20),
      task('e', 'K2', 20),
    ];
    for (let k = 0; k < 50; k++) {
      const paper = composePracticalPaper({ tasks: pool, template: twice, seed: `twice-${k}` });
      expect(new Set(paper.positions.map((p) => p.itemId)).size).toBe(4);
    }
  });

  it('refuses a section the pool cannot fill, naming the section and the points', () => {
    const e = error(() =>
      composePracticalPaper({ tasks, template: { sections: [{ count: 2, pointsPerTask: 50 }] }, seed: 's' }),
    );
    expect(e).toMatchObject({ code: 'PRACTICAL_INFEASIBLE', section: 0, needed: 2, available: 0 });
    expect(e.message).toContain('needs 2 tasks worth 50 points');
  });

  it('refuses a template that does not total 100 points and duplicate task versions', () => {
    expect(
      error(() =>
        composePracticalPaper({ tasks, template: { sections: [{ count: 1, pointsPerTask: 40 }] }, seed: 's' }),
      ).code,
    ).toBe('TEMPLATE_INVALID');
    expect(error(() => composePracticalPaper({ tasks: [...tasks, tasks[0]], template: layout, seed: 's' })).code).toBe(
      'SNAPSHOT_INVALID',
    );
  });
});
