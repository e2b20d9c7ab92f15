/**
 * Item quality across sessions: per-session statistics (from `itemStatistics`) pooled per item, and the classical
 * test theory rules of thumb a bank reviewer uses to pick items for revision or retirement.
 */

/** Fewer than one candidate in five earns the item: likely a wrong key, an ambiguous stem, or off the syllabus. */
export const TOO_HARD_BELOW = 0.2;
/** Nearly everyone earns it: it separates nobody and only spends paper time. */
export const TOO_EASY_ABOVE = 0.9;
/** Strong and weak candidates do about equally well on it, so it says little about competence. */
export const LOW_DISCRIMINATION_BELOW = 0.2;

export type ItemQualityFlag = 'too_hard' | 'too_easy' | 'low_discrimination';

/** One session's statistics of one item, as `itemStatistics` computed them. */
export interface SessionItemStatistic {
  n: number;
  pValue: number;
  pointBiserial: number | null;
}

export interface PooledItemStatistic {
  /** Attempts over all sessions. */
  n: number;
  sessions: number;
  /** n-weighted mean p-value. */
  pValue: number;
  /** n-weighted mean over the sessions that had one; null when none did (no variance anywhere). */
  pointBiserial: number | null;
  flags: ItemQualityFlag[];
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * Pools one item's per-session rows; null without attempts. Weighting by n makes a 40-candidate session count for
 * more than a 3-candidate one. The flags are judged on the rounded values, so they agree with the numbers shown.
 */
export function poolItemStatistics(rows: readonly SessionItemStatistic[]): PooledItemStatistic | null {
  let n = 0;
  let pSum = 0;
  let rN = 0;
  let rSum = 0;
  for (const row of rows) {
    n += row.n;
    pSum += row.n * row.pValue;
    if (row.pointBiserial !== null) {
      rN += row.n;
      rSum += row.n * row.pointBiserial;
    }
  }
  if (n === 0) return null;
  const pValue = round(pSum / n);
  const pointBiserial = rN > 0 ? round(rSum / rN) : null;
  const flags: ItemQualityFlag[] = [];
  if (pValue < TOO_HARD_BELOW) flags.push('too_hard');
  if (pValue > TOO_EASY_ABOVE) flags.push('too_easy');
  if (pointBiserial !== null && pointBiserial < LOW_DISCRIMINATION_BELOW) flags.push('low_discrimination');
  return { n, sessions: rows.length, pValue, pointBiserial, flags };
}
