/** One bar of the score distribution: scores from `from` up to below `to` (the last bar includes 100). */
export interface ScoreBucket {
  label: string;
  from: number;
  to: number;
  count: number;
}

/** Scores on the 100-point scale in ten bands, 0–9 … 90–100; unscored candidates are left out. */
export function scoreDistribution(scores: readonly (number | null)[]): ScoreBucket[] {
  const buckets: ScoreBucket[] = Array.from({ length: 10 }, (_, i) => ({
    label: i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`,
    from: i * 10,
    to: i === 9 ? 100 : i * 10 + 10,
    count: 0,
  }));
  for (const s of scores) {
    if (s === null || !Number.isFinite(s)) continue;
    const i = Math.min(9, Math.max(0, Math.floor(s / 10)));
    buckets[i].count += 1;
  }
  return buckets;
}
