import type { MipSolver } from '@jianding/assembly';
import { defaultPaperTemplate, type KnowledgeMap } from '@jianding/itembank';
import { mipSolver } from '../../common/mip-solver';
import { complianceDetail } from './compliance-detail';

let solver: MipSolver;
beforeAll(async () => {
  solver = await mipSolver();
});

const MAP: KnowledgeMap = {
  areas: [
    {
      code: 'A',
      name: 'a',
      weight: 60,
      children: [
        {
          code: 'A-01',
          name: 'a1',
          weight: 100,
          children: [
            { code: 'A-01-001', name: 'p1', importance: 'X' },
            { code: 'A-01-002', name: 'p2', importance: 'Y' },
          ],
        },
      ],
    },
    {
      code: 'B',
      name: 'b',
      weight: 40,
      children: [
        { code: 'B-01', name: 'b1', weight: 100, children: [{ code: 'B-01-001', name: 'p3', importance: 'X' }] },
      ],
    },
  ],
};

describe(complianceDetail.name, () => {
  // B holds only judge items: the allocation meets its 20 points with judge items and takes the single items from A.
  const UNEVEN: KnowledgeMap = {
    areas: [
      {
        code: 'A',
        name: 'a',
        weight: 80,
        children: [
          { code: 'A-01', name: 'a1', weight: 100, children: [{ code: 'A-01-001', name: 'p1', importance: 'X' }] },
        ],
      },
      {
        code: 'B',
        name: 'b',
        weight: 20,
        children: [
          { code: 'B-01', name: 'b1', weight: 100, children: [{ code: 'B-01-001', name: 'p3', importance: 'X' }] },
        ],
      },
    ],
  };
  const counts = (judgeInB: number) => [
    { knowledgePoint: 'A-01-001', type: 'single', approved: 100 },
    { knowledgePoint: 'A-01-001', type: 'judge', approved: 30 },
    { knowledgePoint: 'B-01-001', type: 'judge', approved: judgeInB },
  ];

  it('shows per stratum and type what the allocation takes next to the approved items of that stratum', () => {
    const { strata, allocation } = complianceDetail({
      map: UNEVEN,
      template: defaultPaperTemplate('4'),
      counts: counts(25),
      solver,
    });
    expect(allocation).toEqual([]);
    expect(strata).toEqual([
      { stratum: 'A-01', type: 'judge', needed: 0, available: 30 },
      { stratum: 'A-01', type: 'single', needed: 80, available: 100 },
      { stratum: 'B-01', type: 'judge', needed: 20, available: 25 },
      { stratum: 'B-01', type: 'single', needed: 0, available: 0 },
    ]);
  });

  it('names the area that cannot get its points when no allocation exists', () => {
    const { strata, allocation } = complianceDetail({
      map: UNEVEN,
      template: defaultPaperTemplate('4'),
      counts: counts(5),
      solver,
    });
    expect(strata).toEqual([]);
    expect(allocation).toEqual([expect.objectContaining({ area: 'B', needed: 20, available: 5 })]);
    expect(allocation[0].message).toContain('Area B (weight 20%) needs 20 points');
  });

  it('asks one item of every core (X) point and none of the others, and ignores points the map no longer has', () => {
    const { points } = complianceDetail({
      map: MAP,
      template: defaultPaperTemplate('4'),
      counts: [
        { knowledgePoint: 'GONE-01', type: 'judge', approved: 5 },
        { knowledgePoint: 'A-01-002', type: 'judge', approved: 2 },
      ],
      solver,
    });
    expect(points).toEqual([
      { point: 'A-01-001', name: 'p1', importance: 'X', stratum: 'A-01', approved: 0, needed: 1 },
      { point: 'A-01-002', name: 'p2', importance: 'Y', stratum: 'A-01', approved: 2 },
      { point: 'B-01-001', name: 'p3', importance: 'X', stratum: 'B-01', approved: 0, needed: 1 },
    ]);
  });
});
