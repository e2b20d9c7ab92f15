import { creditFor, isPassing, scoreAttempt } from './scoring';

const strict = { multipleCredit: 'all-or-nothing' as const, passMark: 60 };

describe(scoreAttempt.name, () => {
  const positions = [
    { position: 1, itemId: 'j', type: 'judge' as const, points: 20, key: true, order: null },
    { position: 2, itemId: 's', type: 'single' as const, points: 40, key: 'B', order: [2, 0, 3, 1] },
    { position: 3, itemId: 'm', type: 'multiple' as const, points: 40, key: ['A', 'C'], order: [1, 0, 3, 2] },
  ];

  it("maps the candidate's letters back through their option order before comparing", () => {
    const r = scoreAttempt(
      positions,
      new Map<number, boolean | string | string[]>([
        [1, true],
        [2, 'D'],
        [3, ['B', 'D']],
      ]),
      strict,
    );
    expect(r).toMatchObject({ score: 100, passed: true });
  });

  it('passes at the pass mark exactly and reports the credit per item', () => {
    const r = scoreAttempt(
      positions,
      new Map<number, boolean | string>([
        [1, true],
        [2, 'D'],
      ]),
      strict,
    );
    expect(r).toMatchObject({ score: 60, passed: true, earned: 60, total: 100 });
    expect(r.detail.map((d) => d.credit)).toEqual([20, 40, 0]);
  });

  it('fails below the pass mark the policy sets', () => {
    expect(scoreAttempt(positions, new Map([[1, true]]), strict)).toMatchObject({ score: 20, passed: false });
    expect(scoreAttempt(positions, new Map([[1, true]]), { ...strict, passMark: 20 }).passed).toBe(true);
  });
});

describe(creditFor.name, () => {
  it('gives nothing for a subset under all-or-nothing and half under partial credit, nothing with a wrong letter', () => {
    expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'C'], 'all-or-nothing')).toBe(0);
    expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'C'], 'partial')).toBe(2);
    expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'B'], 'partial')).toBe(0);
    expect(creditFor('multiple', 4, ['A', 'C', 'D'], ['A', 'C', 'D'], 'partial')).toBe(4);
    expect(creditFor('single', 1, 'B', null, 'partial')).toBe(0);
  });
});

describe(isPassing.name, () => {
  it('passes at exactly the pass mark and fails just below', () => {
    expect(isPassing(60, { passMark: 60 })).toBe(true);
    expect(isPassing(59.99, { passMark: 60 })).toBe(false);
  });
});
