import {
  correlation,
  itemStatistics,
  LOW_DISCRIMINATION_BELOW,
  poolItemStatistics,
  TOO_EASY_ABOVE,
  TOO_HARD_BELOW,
} from './item-quality';

describe('item quality', () => {
  describe(itemStatistics.name, () => {
    it('computes p-values and a corrected point-biserial; null without variance', () => {
      const attempts = [
        {
          total: 2,
          detail: [
            { itemId: 'a', points: 1, credit: 1 },
            { itemId: 'b', points: 1, credit: 1 },
          ],
        },
        {
          total: 1,
          detail: [
            { itemId: 'a', points: 1, credit: 0 },
            { itemId: 'b', points: 1, credit: 1 },
          ],
        },
        {
          total: 0,
          detail: [
            { itemId: 'a', points: 1, credit: 0 },
            { itemId: 'b', points: 1, credit: 0 },
          ],
        },
      ];
      const [a, b] = itemStatistics(attempts);
      expect(a).toMatchObject({ itemId: 'a', n: 3, pValue: 0.3333 });
      expect(b.pValue).toBe(0.6667);
      expect(correlation([1, 1], [3, 4])).toBeNull();
      expect(correlation([0, 1, 0], [1, 2, 0])).toBeCloseTo(Math.sqrt(3) / 2, 10);
    });
  });

  describe(poolItemStatistics.name, () => {
    it('weights each session by its attempts', () => {
      // p = (20 × 0.15 + 5 × 0.35) / 25 = 4.75 / 25; r = (20 × 0.4 + 5 × 0.1) / 25 = 8.5 / 25
      const pooled = poolItemStatistics([
        { n: 20, pValue: 0.15, pointBiserial: 0.4 },
        { n: 5, pValue: 0.35, pointBiserial: 0.1 },
      ]);
      expect(pooled).toEqual({ n: 25, sessions: 2, pValue: 0.19, pointBiserial: 0.34, flags: ['too_hard'] });
    });

    it('averages the point-biserial only over the sessions that had one', () => {
      // p = (8 × 1 + 2 × 0.75) / 10; the first session (everyone right) has no correlation and no weight in r.
      const pooled = poolItemStatistics([
        { n: 8, pValue: 1, pointBiserial: null },
        { n: 2, pValue: 0.75, pointBiserial: 0.1 },
      ]);
      expect(pooled).toEqual({
        n: 10,
        sessions: 2,
        pValue: 0.95,
        pointBiserial: 0.1,
        flags: ['too_easy', 'low_discrimination'],
      });
    });

    it('gives no point-biserial when no session had one', () => {
      expect(poolItemStatistics([{ n: 4, pValue: 0.5, pointBiserial: null }])).toEqual({
        n: 4,
        sessions: 1,
        pValue: 0.5,
        pointBiserial: null,
        flags: [],
      });
    });

    it('rounds to four decimals', () => {
      // p = 0.5 / 3 and r = 0.5 / 3
      expect(
        poolItemStatistics([
          { n: 1, pValue: 0.5, pointBiserial: 0.5 },
          { n: 2, pValue: 0, pointBiserial: 0 },
        ]),
      ).toMatchObject({ n: 3, pValue: 0.1667, pointBiserial: 0.1667, flags: ['too_hard', 'low_discrimination'] });
    });

    it('flags strictly beyond the thresholds, judged on the rounded values', () => {
      expect([TOO_HARD_BELOW, TOO_EASY_ABOVE, LOW_DISCRIMINATION_BELOW]).toEqual([0.2, 0.9, 0.2]);
      expect(poolItemStatistics([{ n: 1, pValue: 0.2, pointBiserial: 0.2 }])?.flags).toEqual([]);
      expect(poolItemStatistics([{ n: 1, pValue: 0.9, pointBiserial: 0.5 }])?.flags).toEqual([]);
      expect(poolItemStatistics([{ n: 1, pValue: 0.19999, pointBiserial: 0.19999 }])).toMatchObject({
        pValue: 0.2,
        pointBiserial: 0.2,
        flags: [],
      });
      expect(poolItemStatistics([{ n: 1, pValue: 0.1999, pointBiserial: 0.1999 }])?.flags).toEqual([
        'too_hard',
        'low_discrimination',
      ]);
    });

    it('is null without attempts', () => {
      expect(poolItemStatistics([])).toBeNull();
    });
  });
});
