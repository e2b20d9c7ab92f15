import {
  complianceReport,
  defaultPaperTemplate,
  exportItems,
  leafPoints,
  normaliseStem,
  parseImport,
  POLICY_PRESETS,
  validateImportBatch,
  validateItem,
  validateKnowledgeMap,
  type ItemContent,
  type TheoryType,
} from '@jianding/itembank';
import { generateDemoBank } from './generate-demo-bank';

const bank = generateDemoBank('jianding-demo');
const theory = bank.items.filter((i) => i.content.type !== 'task');
const tasks = bank.items.filter((i) => i.content.type === 'task');

/** Largest-remainder split of `count` by weights, the way the assembler splits a section across areas. */
function split(count: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (count * w) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < count - out.reduce((a, b) => a + b, 0); k++) out[order[k][1]]++;
  return out;
}

describe(generateDemoBank.name, () => {
  it('is deterministic: the same seed gives the same bank', () => {
    expect(generateDemoBank('jianding-demo')).toEqual(bank);
  });

  it('gives a different bank for a different seed', () => {
    const other = generateDemoBank('another-seed');
    expect(other.items.map((i) => i.content)).not.toEqual(bank.items.map((i) => i.content));
  });

  it('is the electrician level-4 bank with a valid knowledge map of four areas and about forty points', () => {
    expect(bank.occupation).toEqual({ code: '6-31-01-03', name: '电工' });
    expect(bank.level).toBe('4');
    expect(validateKnowledgeMap(bank.knowledgeMap)).toEqual([]);
    expect(bank.knowledgeMap.areas.map((a) => a.name)).toEqual([
      '基础知识',
      '安全知识',
      '电工操作技能相关知识',
      '相关法律法规与职业道德',
    ]);
    const points = leafPoints(bank.knowledgeMap);
    expect(points.length).toBeGreaterThanOrEqual(40);
    expect(points.every((p) => /^[A-D]-\d{2}-\d{3}$/u.test(p.code) && ['X', 'Y', 'Z'].includes(p.importance!))).toBe(
      true,
    );
  });

  it('passes validateItem for every item, with no duplicate normalised stem and only known enemies', () => {
    // Arrange
    const knowledgePoints = new Set(leafPoints(bank.knowledgeMap).map((p) => p.code));
    const knownEnemies = new Set(bank.items.map((i) => i.ref));
    const existingStems = new Map<string, string>();
    // Act: each item is checked against all items before it, as the API would on insert.
    const failures = bank.items.flatMap((item) => {
      const issues = validateItem(item.content, { knowledgePoints, existingStems, knownEnemies, itemId: item.ref });
      existingStems.set(normaliseStem(item.content.stem), item.ref);
      return issues.map((issue) => `${item.ref}: ${issue.code}`);
    });
    // Assert
    expect(failures).toEqual([]);
    expect(existingStems.size).toBe(bank.items.length);
  });

  it('has at least 1,300 theory items of all three types, each citing a knowledge point with items of both main types', () => {
    const byType = (type: TheoryType): number => theory.filter((i) => i.content.type === type).length;
    expect(theory.length).toBeGreaterThanOrEqual(1300);
    expect(byType('judge')).toBeGreaterThan(300);
    expect(byType('single')).toBeGreaterThan(600);
    expect(byType('multiple')).toBeGreaterThan(50);
    for (const point of leafPoints(bank.knowledgeMap)) {
      const items = theory.filter((i) => i.content.knowledgePoint === point.code).map((i) => i.content.type);
      expect({ point: point.code, judge: items.includes('judge'), single: items.includes('single') }).toEqual({
        point: point.code,
        judge: true,
        single: true,
      });
    }
  });

  it('has at least 10 practical sets of 3 tasks, each task worth 100 with a matching rubric', () => {
    expect(bank.practicalSets.length).toBeGreaterThanOrEqual(10);
    const byRef = new Map(tasks.map((t) => [t.ref, t.content]));
    for (const set of bank.practicalSets) {
      expect(set.taskRefs).toHaveLength(3);
      for (const ref of set.taskRefs) {
        const task = byRef.get(ref) as Extract<ItemContent, { type: 'task' }>;
        expect(task.set).toBe(set.code);
        expect(task.totalPoints).toBe(100);
        expect(task.rubric.reduce((sum, line) => sum + line.points, 0)).toBe(100);
      }
    }
    expect(new Set(bank.practicalSets.flatMap((s) => s.taskRefs)).size).toBe(tasks.length);
  });

  it('meets chengdu-2024 and, by its 1,200-item threshold, wuxi-2021 too', () => {
    const counts = {
      approvedTheory: {
        judge: 0,
        single: 0,
        multiple: 0,
        ...Object.fromEntries(
          (['judge', 'single', 'multiple'] as const).map((t) => [t, theory.filter((i) => i.content.type === t).length]),
        ),
      },
      approvedPracticalSets: bank.practicalSets.length,
      approvedPracticalTasks: tasks.length,
    };
    expect(complianceReport(counts, POLICY_PRESETS['chengdu-2024'])).toMatchObject({ met: true });
    expect(complianceReport(counts, POLICY_PRESETS['wuxi-2021'])).toMatchObject({ met: true });
  });

  it('can fill the level-4 default template by area weight at least three times over', () => {
    // Arrange
    const template = defaultPaperTemplate('4');
    const areas = bank.knowledgeMap.areas;
    const leaves = leafPoints(bank.knowledgeMap);
    const areaOf = new Map(leaves.map((p) => [p.code, p.path[0]]));
    // Act
    const shortfalls = template.sections.flatMap((section) => {
      const quotas = split(
        section.count,
        areas.map((a) => a.weight!),
      );
      return areas.flatMap((area, i) => {
        const available = theory.filter(
          (t) => t.content.type === section.type && areaOf.get(t.content.knowledgePoint) === area.code,
        ).length;
        return available >= 3 * quotas[i] ? [] : [`${area.code}/${section.type}: ${available} < 3×${quotas[i]}`];
      });
    });
    // Assert
    expect(shortfalls).toEqual([]);
  });

  it('makes items derived from one fact mutual enemies', () => {
    const enemiesOf = new Map(bank.items.map((i) => [i.ref, i.content.enemies ?? []]));
    const pairs = [...enemiesOf].flatMap(([ref, enemies]) => enemies.map((e) => [ref, e]));
    expect(pairs.length).toBeGreaterThan(100);
    for (const [a, b] of pairs) expect(enemiesOf.get(b)).toContain(a);
  });

  it('survives export to CSV and import back unchanged, passing the batch check', async () => {
    // Arrange
    const file = await exportItems(
      bank.items.map((i) => ({ id: i.ref, content: i.content })),
      'csv',
    );
    // Act
    const parsed = await parseImport(file, 'csv');
    const errors = validateImportBatch(parsed.rows, {
      knowledgePoints: new Set(leafPoints(bank.knowledgeMap).map((p) => p.code)),
      fileRefs: parsed.refs,
    });
    // Assert
    expect([...parsed.errors, ...errors]).toEqual([]);
    expect(parsed.rows.map((r) => r.content)).toEqual(bank.items.map((i) => i.content));
  });
});
