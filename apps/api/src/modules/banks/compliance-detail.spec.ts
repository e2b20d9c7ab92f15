import { defaultPaperTemplate, type KnowledgeMap } from '@jianding/itembank';
import { complianceDetail } from './compliance-detail';

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
  it('adds up the template quotas per stratum and type next to the approved items of that stratum', () => {
    const { strata } = complianceDetail({
      map: MAP,
      template: defaultPaperTemplate('4'),
      counts: [
        { knowledgePoint: 'A-01-001', type: 'single', approved: 30 },
        { knowledgePoint: 'A-01-002', type: 'single', approved: 20 },
        { knowledgePoint: 'B-01-001', type: 'judge', approved: 3 },
      ],
    });
    expect(strata).toEqual(
      expect.arrayContaining([
        { stratum: 'A-01', type: 'single', needed: 48, available: 50 },
        { stratum: 'A-01', type: 'judge', needed: 12, available: 0 },
        { stratum: 'B-01', type: 'judge', needed: 8, available: 3 },
        { stratum: 'B-01', type: 'single', needed: 32, available: 0 },
      ]),
    );
  });

  it('asks one item of every core (X) point and none of the others, and ignores points the map no longer has', () => {
    const { points } = complianceDetail({
      map: MAP,
      template: defaultPaperTemplate('4'),
      counts: [
        { knowledgePoint: 'GONE-01', type: 'judge', approved: 5 },
        { knowledgePoint: 'A-01-002', type: 'judge', approved: 2 },
      ],
    });
    expect(points).toEqual([
      { point: 'A-01-001', name: 'p1', importance: 'X', stratum: 'A-01', approved: 0, needed: 1 },
      { point: 'A-01-002', name: 'p2', importance: 'Y', stratum: 'A-01', approved: 2 },
      { point: 'B-01-001', name: 'p3', importance: 'X', stratum: 'B-01', approved: 0, needed: 1 },
    ]);
  });
});
