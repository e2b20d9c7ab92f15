import type { ApprovedVersionRow } from './bank-reader.repository';
import { bankCounts, candidateLabel, formLabel, pointCounts, storedTemplate, toSnapshotItem } from './draw-inputs';

const row = (over: Partial<ApprovedVersionRow>): ApprovedVersionRow => ({
  itemId: 'i1',
  versionId: 'v1',
  type: 'single',
  knowledgePoint: 'A-01-001',
  difficulty: 3,
  content: '{}',
  usageCount: 2,
  practicalSetId: null,
  ...over,
});

describe('draw inputs', () => {
  it('turns an approved version into a snapshot row with its option count and enemy item ids', () => {
    const item = toSnapshotItem(row({}), {
      type: 'single',
      stem: 's',
      options: ['a', 'b', 'c'],
      answer: 'A',
      knowledgePoint: 'A-01-001',
      difficulty: 3,
      enemies: ['i9'],
    });
    expect(item).toEqual({
      versionId: 'v1',
      itemId: 'i1',
      type: 'single',
      knowledgePoint: 'A-01-001',
      difficulty: 3,
      enemies: ['i9'],
      optionCount: 3,
      usageCount: 2,
    });
    expect(
      toSnapshotItem(row({ type: 'judge' }), {
        type: 'judge',
        stem: 's',
        options: [],
        answer: true,
        knowledgePoint: 'A-01-001',
        difficulty: 3,
      }).optionCount,
    ).toBe(0);
  });

  it('reads stored templates, and plans approved before the shared template shape (pointsPerItem)', () => {
    expect(
      storedTemplate({ durationMinutes: 90, sections: [{ type: 'judge', count: 20, pointsEach: 1, title: '判断题' }] }),
    ).toEqual({ durationMinutes: 90, sections: [{ type: 'judge', count: 20, pointsEach: 1, title: '判断题' }] });
    expect(
      storedTemplate({ durationMinutes: 90, sections: [{ type: 'single', count: 100, pointsPerItem: 1 }] }),
    ).toEqual({ durationMinutes: 90, sections: [{ type: 'single', count: 100, pointsEach: 1 }] });
  });

  it('labels forms A, B … Z, AA and candidates C0001 …', () => {
    expect([0, 1, 25, 26].map(formLabel)).toEqual(['A', 'B', 'Z', 'AA']);
    expect([0, 41].map(candidateLabel)).toEqual(['C0001', 'C0042']);
  });

  it('counts practical sets holding an approved task', () => {
    const rows = [
      row({}),
      row({ itemId: 't1', type: 'task', practicalSetId: 's1' }),
      row({ itemId: 't2', type: 'task', practicalSetId: 's1' }),
      row({ itemId: 't3', type: 'task', practicalSetId: 's2' }),
    ];
    expect(bankCounts(rows)).toEqual({
      approvedTheory: { judge: 0, single: 1, multiple: 0 },
      approvedPracticalSets: 2,
      approvedPracticalTasks: 3,
    });
  });

  it('counts approved theory items per knowledge point and type, leaving practical tasks out', () => {
    const rows = [
      row({ knowledgePoint: 'A-1' }),
      row({ knowledgePoint: 'A-1', itemId: 'i2' }),
      row({ knowledgePoint: 'A-1', itemId: 'i3', type: 'judge' }),
      row({ knowledgePoint: 'T-1', itemId: 't1', type: 'task' }),
    ];
    expect(pointCounts(rows)).toEqual([
      { knowledgePoint: 'A-1', type: 'single', approved: 2 },
      { knowledgePoint: 'A-1', type: 'judge', approved: 1 },
    ]);
  });
});
