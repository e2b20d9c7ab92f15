import { purgeAfter } from './retention';

describe(purgeAfter.name, () => {
  it('keeps a log row for the policy retention period in Julian years', () => {
    const at = Date.UTC(2026, 0, 1);
    expect(purgeAfter(at, { retentionYears: 1 })).toBe(at + 31_557_600_000);
    expect(purgeAfter(at, { retentionYears: 5 }) - at).toBe(5 * 31_557_600_000);
  });

  it('rounds a fractional period to whole milliseconds', () => {
    expect(Number.isInteger(purgeAfter(1_000, { retentionYears: 0.3 }))).toBe(true);
  });
});
