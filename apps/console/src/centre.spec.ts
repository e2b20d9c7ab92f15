import { coverageByArea, shortPoints } from './pages/compliance/coverage';
import { EXPIRING_DAYS, queryOf, scopeOf } from './pages/institutions/filing';

describe('scopeOf', () => {
  it('lists each occupation once with its levels in the national order, codes trimmed', () => {
    expect(
      scopeOf([
        { occupation: ' 6-31-01-03 ', levels: ['3'] },
        { occupation: '4-01-01-01', levels: ['5'] },
        { occupation: '6-31-01-03', levels: ['4', '3'] },
      ]),
    ).toEqual([
      { occupation: '6-31-01-03', levels: ['4', '3'] },
      { occupation: '4-01-01-01', levels: ['5'] },
    ]);
  });
});

describe('institution list query', () => {
  it('reads the filters from the URL, the expiring box as the 90-day window', () => {
    expect(queryOf(new URLSearchParams('status=suspended&occupation=6-31-01-03&expiring=true&page=2'))).toEqual({
      page: 2,
      pageSize: 20,
      status: 'suspended',
      occupation: '6-31-01-03',
      expiringWithinDays: EXPIRING_DAYS,
    });
    expect(queryOf(new URLSearchParams(''))).toEqual({ page: 1, pageSize: 20 });
  });
});

describe('coverageByArea', () => {
  const points = [
    { point: 'A-001', name: 'a', importance: 'X', stratum: 'A', approved: 3, needed: 1 },
    { point: 'A-002', name: 'b', importance: 'X', stratum: 'A', approved: 0, needed: 1 },
    { point: 'B-001', name: 'c', importance: 'Y', stratum: 'B', approved: 2 },
  ];

  it('sums the need and the approved items of each area over the item types', () => {
    expect(
      coverageByArea(
        [
          { stratum: 'A', type: 'judge', needed: 2, available: 1 },
          { stratum: 'A', type: 'single', needed: 3, available: 4 },
          { stratum: 'B', type: 'single', needed: 1, available: 2 },
        ],
        points,
      ),
    ).toEqual([
      { stratum: 'A', approved: 5, needed: 5 },
      { stratum: 'B', approved: 2, needed: 1 },
    ]);
  });

  it('falls back to the approved items per area when no allocation exists', () => {
    expect(coverageByArea([], points)).toEqual([
      { stratum: 'A', approved: 3, needed: null },
      { stratum: 'B', approved: 2, needed: null },
    ]);
  });

  it('names the core points that cannot fill their quota', () => {
    expect(shortPoints(points).map((p) => p.point)).toEqual(['A-002']);
  });
});
