import { classifyUsage, complianceReport, type BankCounts } from './compliance';
import { POLICY_PRESETS } from './policy';

function counts(theory: number, sets = 10, tasks = 30): BankCounts {
  const judge = Math.floor(theory / 3);
  return {
    approvedTheory: { judge, single: theory - judge, multiple: 0 },
    approvedPracticalSets: sets,
    approvedPracticalTasks: tasks,
  };
}

describe(complianceReport.name, () => {
  it('fails chengdu-2024 with 1,199 approved theory items', () => {
    const report = complianceReport(counts(1199), POLICY_PRESETS['chengdu-2024']);
    expect(report.theory).toMatchObject({ approved: 1199, required: 1200, met: false });
    expect(report.met).toBe(false);
    expect(report.thresholdMet).toBe(false);
  });

  it('meets chengdu-2024 with 1,200 approved theory items and 10 practical sets', () => {
    const report = complianceReport(counts(1200), POLICY_PRESETS['chengdu-2024']);
    expect(report).toMatchObject({
      met: true,
      thresholdMet: true,
      theory: { approved: 1200, required: 1200, met: true },
      practical: { kind: 'sets', approved: 10, required: 10, met: true },
    });
  });

  it('counts practical sets, not tasks, under chengdu-2024', () => {
    const report = complianceReport(counts(1500, 9, 100), POLICY_PRESETS['chengdu-2024']);
    expect(report.practical).toEqual({ kind: 'sets', approved: 9, required: 10, met: false });
    expect(report.met).toBe(false);
  });

  it('meets wuxi-2021 with 800 theory items and 30 practical tasks, whatever the sets', () => {
    const report = complianceReport(counts(800, 0, 30), POLICY_PRESETS['wuxi-2021']);
    expect(report).toMatchObject({
      met: true,
      theory: { approved: 800, required: 800 },
      practical: { kind: 'tasks', approved: 30, required: 30, met: true },
    });
  });

  it('fails wuxi-2021 with 799 approved theory items', () => {
    const report = complianceReport(counts(799, 0, 30), POLICY_PRESETS['wuxi-2021']);
    expect(report.theory).toMatchObject({ approved: 799, required: 800, met: false });
    expect(report.met).toBe(false);
  });

  it('fails wuxi-2021 with 29 practical tasks', () => {
    expect(complianceReport(counts(800, 10, 29), POLICY_PRESETS['wuxi-2021']).practical.met).toBe(false);
  });

  it('has no practical rule under jilin-draft', () => {
    const report = complianceReport(counts(800, 0, 0), POLICY_PRESETS['jilin-draft']);
    expect(report.practical).toEqual({ kind: null, approved: 0, required: 0, met: true });
    expect(report.met).toBe(true);
  });

  it('adds theory items of all three types', () => {
    const report = complianceReport(
      {
        approvedTheory: { judge: 300, single: 400, multiple: 100 },
        approvedPracticalSets: 0,
        approvedPracticalTasks: 0,
      },
      POLICY_PRESETS['hunan-2021'],
    );
    expect(report.theory).toEqual({
      approved: 800,
      required: 800,
      met: true,
      byType: { judge: 300, single: 400, multiple: 100 },
    });
  });

  it('meets the total but names the stratum that cannot fill its quota', () => {
    // Arrange
    const strata = [
      { stratum: 'A', type: 'single' as const, needed: 24, available: 400 },
      { stratum: 'D', type: 'judge' as const, needed: 2, available: 1 },
    ];
    // Act
    const report = complianceReport(counts(1300), POLICY_PRESETS['chengdu-2024'], { strata });
    // Assert
    expect(report.thresholdMet).toBe(true);
    expect(report.met).toBe(false);
    expect(report.shortfalls).toEqual([
      { stratum: 'D', type: 'judge', needed: 2, available: 1, message: expect.stringContaining('D') },
    ]);
  });

  it('meets the 1,200 total under chengdu-2024 but names the knowledge point that cannot fill its quota', () => {
    // Arrange: plenty of items overall, but the template needs 3 items of D-01-002 per paper and it has 2.
    const points = [
      { point: 'A-01-001', approved: 1198, needed: 2 },
      { point: 'D-01-002', approved: 2, needed: 3 },
    ];
    // Act
    const report = complianceReport(counts(1200), POLICY_PRESETS['chengdu-2024'], { points });
    // Assert
    expect(report).toMatchObject({ thresholdMet: true, met: false, theory: { met: true } });
    expect(report.shortfalls).toEqual([
      { point: 'D-01-002', needed: 3, available: 2, message: expect.stringContaining('D-01-002') },
    ]);
  });

  it('lists knowledge points without approved items and points short of what the quota needs', () => {
    const points = [
      { point: 'A-01-001', approved: 40, needed: 2 },
      { point: 'B-02-003', approved: 0 },
      { point: 'D-01-002', approved: 1, needed: 3 },
    ];
    const report = complianceReport(counts(1300), POLICY_PRESETS['chengdu-2024'], { points });
    expect(report.pointsWithoutItems).toEqual(['B-02-003']);
    expect(report.shortfalls.map((s) => [s.point, s.needed, s.available])).toEqual([['D-01-002', 3, 1]]);
    expect(report.met).toBe(false);
  });
});

describe(classifyUsage.name, () => {
  it('finds unused items and items used more than the threshold, most used first', () => {
    const usages = [
      { itemId: 'a', uses: 0 },
      { itemId: 'b', uses: 12, lastUsedAt: '2025-01-01T00:00:00Z' },
      { itemId: 'c', uses: 10 },
      { itemId: 'd', uses: 30 },
      { itemId: 'e', uses: 0, lastUsedAt: null },
    ];
    expect(classifyUsage(usages, 10)).toEqual({ unused: ['a', 'e'], overUsed: ['d', 'b'] });
  });
});
