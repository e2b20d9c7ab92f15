import { scoreDistribution } from './distribution';

describe(scoreDistribution.name, () => {
  it('counts scores in ten bands, 100 in the last and unscored left out', () => {
    const d = scoreDistribution([0, 9.5, 10, 59.99, 60, 100, null, 95]);
    expect(d.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 1, 0, 0, 2]);
    expect(d[0].label).toBe('0–9');
    expect(d[9]).toMatchObject({ label: '90–100', from: 90, to: 100 });
  });

  it('gives ten empty bands for no scores', () => {
    expect(scoreDistribution([]).every((b) => b.count === 0)).toBe(true);
  });
});
