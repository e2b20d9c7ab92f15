import { createHmac } from 'crypto';
// `import = require` is TypeScript's form for an `export =` module: a default import would need
// esModuleInterop, which the bench's swc-node loader does not apply (the root tsconfig has no compilerOptions).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import seedrandom = require('seedrandom');
import { AssemblyError } from './errors';
import type { Seed } from './types';

/**
 * A source of uniformly distributed unsigned 32-bit integers. Built per draw from a seed, never shared
 * between draws, so the randomness of a paper is a value that can be replayed.
 */
export type Uint32Source = () => number;

const TWO_POW_32 = 0x100000000;

/**
 * `seedrandom.alea` rather than the default ARC4 generator: about twice as fast per number, which matters
 * for per-candidate papers. Alea keeps its state in exact multiples of 2^-32, so each output times 2^32 is
 * exactly one uniform 32-bit integer — the same value as `prng.int32() >>> 0`, without two extra calls.
 */
export function createRng(seed: string): Uint32Source {
  const prng = seedrandom.alea(seed);
  return () => prng() * TWO_POW_32;
}

/**
 * Uniform integer in [0, n) by rejection: values at or above the largest multiple of n below 2^32 are
 * redrawn, so `u % n` has no modulo bias. Every call consumes at least one 32-bit value, even for n = 1,
 * which keeps the stream position easy to state in the README.
 */
export function randomIndex(next: Uint32Source, n: number): number {
  const limit = TWO_POW_32 - (TWO_POW_32 % n);
  let u = next();
  while (u >= limit) u = next();
  return u % n;
}

/** In-place forward Fisher–Yates of `a[0..length)`: step m swaps a[m] with a[m + U(length − m)]. */
export function shuffleInPlace(next: Uint32Source, a: Int32Array | number[], length: number = a.length): void {
  for (let m = 0; m < length; m++) {
    const j = m + randomIndex(next, length - m);
    const t = a[m];
    a[m] = a[j];
    a[j] = t;
  }
}

/**
 * HMAC-SHA256 keyed by the request seed over the label, as lower-case hex. Labels used by the platform:
 * `form:<k>` for parallel forms and `candidate:<i>` for per-candidate papers.
 */
export function deriveSeed(requestSeed: string, label: string): Seed {
  if (typeof requestSeed !== 'string' || requestSeed.length === 0) {
    throw new AssemblyError('OPTIONS_INVALID', 'deriveSeed needs a non-empty request seed');
  }
  if (typeof label !== 'string' || label.length === 0) {
    throw new AssemblyError('OPTIONS_INVALID', 'deriveSeed needs a non-empty label');
  }
  return createHmac('sha256', requestSeed).update(label).digest('hex') as Seed;
}

/** Checks a seed handed to the assembler and brands it. */
export function asSeed(seed: string): Seed {
  if (typeof seed !== 'string' || seed.length === 0) {
    throw new AssemblyError('OPTIONS_INVALID', 'A seed must be a non-empty string');
  }
  return seed as Seed;
}

/** n! for n ≤ 12 — the largest factorial below 2^31, so a permutation index is a small integer. */
export const FACTORIALS: readonly number[] = [
  1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600,
];

/**
 * The permutation of 0..n−1 that a forward Fisher–Yates produces when its step indices are the
 * mixed-radix digits of `index` ∈ [0, n!): step m swaps positions m and m + (r mod (n − m)), then
 * r ← ⌊r / (n − m)⌋. Distinct indices give distinct permutations, so a uniform index is a uniform permutation.
 */
export function decodePermutation(n: number, index: number): number[] {
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  let r = index;
  for (let m = 0; m < n; m++) {
    const radix = n - m;
    const digit = r % radix;
    r = (r - digit) / radix;
    const j = m + digit;
    const t = order[m];
    order[m] = order[j];
    order[j] = t;
  }
  return order;
}

/**
 * Uniform permutation (displayed index → original index) drawn from an existing stream: one
 * r = U(n!) decoded by {@link decodePermutation} — one random number per item instead of n, because option
 * shuffles are most of a paper's random numbers. Above 12 options (n! ≥ 2^31) it is a plain forward
 * Fisher–Yates, one U(n − m) per step.
 */
export function drawPermutation(next: Uint32Source, optionCount: number): number[] {
  if (optionCount < FACTORIALS.length)
    return decodePermutation(optionCount, randomIndex(next, FACTORIALS[optionCount]));
  const order: number[] = [];
  for (let i = 0; i < optionCount; i++) order.push(i);
  shuffleInPlace(next, order, optionCount);
  return order;
}

/**
 * The option order for one item from its own seed, e.g. `deriveSeed(candidateSeed, 'options:12')`:
 * a uniform permutation, displayed index → original option index.
 */
export function shuffleOptionOrder(optionCount: number, seed: string): number[] {
  if (!Number.isInteger(optionCount) || optionCount < 0) {
    throw new AssemblyError('OPTIONS_INVALID', `optionCount must be a non-negative integer, got ${optionCount}`);
  }
  return drawPermutation(createRng(asSeed(seed)), optionCount);
}
