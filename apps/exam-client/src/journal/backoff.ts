export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

/**
 * Exponential backoff with "equal jitter": half of the capped exponential delay is fixed, the other
 * half random, so retries from many candidates in one room spread out but never wait longer than capMs.
 * `failures` counts consecutive failures (1 for the first retry).
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  { baseMs = 300, capMs = 5_000 }: BackoffOptions = {},
): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
