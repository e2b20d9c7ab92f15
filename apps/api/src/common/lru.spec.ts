import { Lru } from './lru';

describe('Lru', () => {
  it('keeps at most max entries and drops the least recently used first', () => {
    const lru = new Lru<number, string>(4);
    for (let i = 1; i <= 4; i++) lru.set(i, `v${i}`);
    expect(lru.size).toBe(4);
    // 1 and 2 are the old generation; using 1 brings it back to the young one.
    expect(lru.get(1)).toBe('v1');
    lru.set(5, 'v5');
    lru.set(6, 'v6');
    expect(lru.size).toBeLessThanOrEqual(4);
    expect(lru.get(2)).toBeUndefined();
    expect(lru.get(3)).toBeUndefined();
    expect(lru.get(1)).toBe('v1');
    expect(lru.get(6)).toBe('v6');
  });

  it('never drops an entry used within the last max / 2 insertions', () => {
    const lru = new Lru<number, number>(100);
    lru.set(-1, -1);
    for (let i = 0; i < 10_000; i++) {
      lru.set(i, i);
      if (i % 40 === 0) expect(lru.get(-1)).toBe(-1);
      expect(lru.size).toBeLessThanOrEqual(100);
    }
    expect(lru.get(9_999)).toBe(9_999);
    expect(lru.get(0)).toBeUndefined();
  });

  it('replaces, deletes, and shares one load between concurrent misses; a failed load is not kept', async () => {
    const lru = new Lru<string, Promise<number>>(10);
    let loads = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++loads), 5));
    const [a, b] = await Promise.all([lru.through('k', load), lru.through('k', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    lru.set('k', Promise.resolve(7));
    expect(await lru.get('k')).toBe(7);
    lru.delete('k');
    expect(lru.get('k')).toBeUndefined();
    await expect(lru.through('bad', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    await new Promise((r) => setImmediate(r));
    expect(lru.get('bad')).toBeUndefined();
  });
});
