import type { KnowledgeMap } from '@jianding/assembly';
import type { ApprovedVersionRow } from './bank-reader.repository';
import { bankCounts, candidateLabel, formLabel, stratumNeeds, toAssemblyTemplate, toSnapshotItem } from './draw-inputs';

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

  it('translates the bank template into the assembler’s', () => {
    expect(
      toAssemblyTemplate({
        durationMinutes: 90,
        sections: [{ type: 'judge', count: 20, pointsEach: 1, title: '判断题' }],
      }),
    ).toEqual({ durationMinutes: 90, sections: [{ type: 'judge', count: 20, pointsPerItem: 1 }] });
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

  it('adds up every section’s quota per stratum and type next to the supply', () => {
    const map: KnowledgeMap = {
      areas: [
        { code: 'A', name: 'A', weight: 60, children: [{ code: 'A-1', name: 'p', importance: 'X' }] },
        { code: 'B', name: 'B', weight: 40, children: [{ code: 'B-1', name: 'p', importance: 'X' }] },
      ],
    };
    const template = {
      durationMinutes: 60,
      sections: [
        { type: 'single' as const, count: 50, pointsPerItem: 1 },
        { type: 'single' as const, count: 25, pointsPerItem: 2 },
      ],
    };
    const needs = stratumNeeds(map, template, [
      row({ knowledgePoint: 'A-1' }),
      row({ knowledgePoint: 'B-1', itemId: 'i2' }),
    ]);
    expect(needs).toEqual([
      { stratum: 'A', type: 'single', needed: 30 + 15, available: 1 },
      { stratum: 'B', type: 'single', needed: 20 + 10, available: 1 },
    ]);
  });
});
