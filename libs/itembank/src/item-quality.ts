/**
 * Item quality: per-session statistics of the items a session's papers used (classical test theory, computed from
 * the scored attempts), pooled per item across sessions, and the rules of thumb a bank reviewer uses to pick items
 * for revision or retirement. They live with the bank because they describe items and feed the bank's review; the
 * exam only hands over each attempt's per-item credit.
 */

export interface ItemStatistic {
  itemId: string;
  /** Attempts that had the item. */
  n: number;
  /** Mean proportion of the points earned (difficulty index, p). */
  pValue: number;
  /** Correlation of the item's proportion with the rest of the score (total minus this item): corrected point-biserial. */
  pointBiserial: number | null;
}

/** Per item over scored attempts: p-value and corrected item-total (point-biserial) correlation. */
export function itemStatistics(
  attempts: readonly { total: number; detail: readonly { itemId: string; points: number; credit: number }[] }[],
): ItemStatistic[] {
  const byItem = new Map<string, { x: number[]; rest: number[] }>();
  for (const a of attempts) {
    for (const d of a.detail) {
      const slot = byItem.get(d.itemId) ?? { x: [], rest: [] };
      slot.x.push(d.points > 0 ? d.credit / d.points : 0);
      slot.rest.push(a.total - d.credit);
      byItem.set(d.itemId, slot);
    }
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return [...byItem.entries()]
    .map(([itemId, { x, rest }]) => {
      const r = correlation(x, rest);
      return { itemId, n: x.length, pValue: round(mean(x)), pointBiserial: r === null ? null : round(r) };
    })
    .sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
}

const mean = (v: readonly number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : 0);

/** Pearson correlation; `null` when either variable has no variance (everyone right, or one attempt). */
export function correlation(x: readonly number[], y: readonly number[]): number | null {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

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
