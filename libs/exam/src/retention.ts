import type { Policy } from '@jianding/itembank';

/** A Julian year, so that a retention period in years does not depend on where leap days fall. */
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** When an answer-log row written at `at` may be purged: after the policy's retention period. */
export function purgeAfter(at: number, policy: Pick<Policy, 'retentionYears'>): number {
  return at + Math.round(policy.retentionYears * YEAR_MS);
}
