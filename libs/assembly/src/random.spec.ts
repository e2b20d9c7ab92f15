import seedrandom = require('seedrandom'); // eslint-disable-line @typescript-eslint/no-require-imports
import { AssemblyError } from './errors';
import {
  createRng,
  decodePermutation,
  deriveSeed,
  drawPermutation,
  FACTORIALS,
  randomIndex,
  shuffleInPlace,
  shuffleOptionOrder,
} from './random';

/** A source that replays fixed 32-bit values, to pin down exactly what randomIndex does with each. */
function replay(values: number[]): () => number {
  let k = 0;
  return () => {
    if (k >= values.length) throw new Error('source exhausted');
    return values[k++];
  };
}

describe(createRng.name, () => {
  it('yields exactly the values of alea int32() >>> 0 for the same seed', () => {
    const ours = createRng('some seed');
    const reference = seedrandom.alea('some seed');
    const fromOurs = Array.from({ length: 10_000 }, () => ours());
    const fromAlea = Array.from({ length: 10_000 }, () => reference.int32() >>> 0);
    expect(fromOurs).toEqual(fromAlea);
  });

  it('yields whole numbers in [0, 2^32) that depend on the seed', () => {
    const a = createRng('a');
    const b = createRng('b');
    const fromA = Array.from({ length: 100 }, () => a());
    const fromB = Array.from({ length: 100 }, () => b());
    for (const u of fromA) {
      expect(Number.isInteger(u)).toBe(true);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(2 ** 32);
    }
    expect(fromA).not.toEqual(fromB);
  });
});

describe(randomIndex.name, () => {
  it('redraws values at or above the largest multiple of n below 2^32 instead of folding them (no modulo bias)', () => {
    // 2^32 mod 3 = 1, so 2^32 − 1 is the one value that must be rejected for n = 3.
    expect(randomIndex(replay([2 ** 32 - 1, 5]), 3)).toBe(2);
    // For n = 10: 2^32 mod 10 = 6, limit = 2^32 − 6; 2^32 − 6 … 2^32 − 1 are rejected.
    expect(randomIndex(replay([2 ** 32 - 6, 2 ** 32 - 1, 2 ** 32 - 7]), 10)).toBe((2 ** 32 - 7) % 10);
  });

  it('returns u mod n for accepted values and consumes one value even for n = 1', () => {
    const source = replay([7, 123456789]);
    expect(randomIndex(source, 1)).toBe(0);
    expect(randomIndex(source, 1000)).toBe(789);
  });

  it('is close to uniform on a small range', () => {
    const next = createRng('uniform-index');
    const counts = new Array(7).fill(0);
    const draws = 70_000;
    for (let k = 0; k < draws; k++) counts[randomIndex(next, 7)]++;
    const expected = draws / 7;
    const sd = Math.sqrt(draws * (1 / 7) * (6 / 7));
    for (const c of counts) expect(Math.abs(c - expected)).toBeLessThan(5 * sd);
  });
});

describe(shuffleInPlace.name, () => {
  it('swaps a[m] with a[m + U(length − m)] at each step', () => {
    const a = [10, 11, 12];
    // U(3) = 2 → swap 0,2; U(2) = 1 → swap 1,2; U(1) = 0.
    shuffleInPlace(replay([2, 1, 0]), a);
    expect(a).toEqual([12, 10, 11]);
  });
});

describe(decodePermutation.name, () => {
  it('maps 0..n!−1 one-to-one onto the permutations of n options', () => {
    for (let n = 0; n <= 6; n++) {
      const seen = new Set<string>();
      for (let index = 0; index < FACTORIALS[n]; index++) {
        const order = decodePermutation(n, index);
        expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        seen.add(order.join(','));
      }
      expect(seen.size).toBe(FACTORIALS[n]);
    }
  });

  it('is the forward Fisher–Yates driven by the mixed-radix digits of the index', () => {
    // index 23 for n = 4: digits 23 mod 4 = 3, 5 mod 3 = 2, 1 mod 2 = 1, 0 → the same swaps as shuffleInPlace with U = 3, 2, 1, 0.
    const viaShuffle = [0, 1, 2, 3];
    shuffleInPlace(replay([3, 2, 1, 0]), viaShuffle);
    expect(decodePermutation(4, 23)).toEqual(viaShuffle);
  });
});

describe(drawPermutation.name, () => {
  it('falls back to a step-by-step Fisher–Yates above 12 options and still returns a permutation', () => {
    const order = drawPermutation(createRng('many options'), 15);
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });
});

describe(deriveSeed.name, () => {
  it('is HMAC-SHA256 keyed by the request seed (RFC 4231 test case 2)', () => {
    expect(deriveSeed('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('gives the recorded seeds for form and candidate labels (computed independently with openssl)', () => {
    expect(deriveSeed('jianding-test-request-seed', 'form:0')).toBe(
      'd4b9f624c98be4b81037b4a8d163bc6f5db3bced5c3eb303777f899aa466c607',
    );
    expect(deriveSeed('jianding-test-request-seed', 'candidate:17')).toBe(
      '35e931ffa991acbf6bf3afc6e44a2e4178b7bfbe696f7409d6edff9353d0d020',
    );
  });

  it('refuses an empty request seed or label', () => {
    expect(() => deriveSeed('', 'form:0')).toThrow(AssemblyError);
    expect(() => deriveSeed('seed', '')).toThrow(AssemblyError);
  });
});

describe(shuffleOptionOrder.name, () => {
  it('returns a permutation of the option indices that depends only on the seed', () => {
    const order = shuffleOptionOrder(5, 'candidate-seed');
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(shuffleOptionOrder(5, 'candidate-seed')).toEqual(order);
  });

  it('draws each of the 24 orders of four options about equally often', () => {
    const counts = new Map<string, number>();
    const draws = 24_000;
    for (let k = 0; k < draws; k++) {
      const key = shuffleOptionOrder(4, `seed-${k}`).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    const sd = Math.sqrt(draws * (1 / 24) * (23 / 24));
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(5 * sd);
  });

  it('refuses a negative option count', () => {
    expect(() => shuffleOptionOrder(-1, 'seed')).toThrow(AssemblyError);
  });
});
