/**
 * A bounded cache that keeps what was used recently. Two generations instead of a strict recency order: a hit in the
 * young one costs a single lookup (a strict LRU moves the entry on every hit, and on maps of tens of thousands of
 * entries those moves cost more than the lookups); a hit in the old one moves the entry to the young one. When the
 * young generation holds half of `max`, it becomes the old one and the previous old one is dropped, so at most `max`
 * entries are kept and an entry used within the last `max / 2` insertions is never dropped.
 * A promise may be stored so concurrent misses share one load.
 */
export class Lru<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(max: number) {
    this.half = Math.max(1, Math.floor(max / 2));
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.put(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    if (this.young.has(key)) this.young.set(key, value);
    else this.put(key, value);
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** Cached value or the loader's, shared by concurrent callers; a failed load is not cached. */
  async through(
    key: K,
    load: () => Promise<V extends Promise<infer T> ? T : never>,
  ): Promise<V extends Promise<infer T> ? T : never> {
    const hit = this.get(key);
    if (hit !== undefined) return hit as never;
    const p = load();
    this.set(key, p as V);
    p.catch(() => this.delete(key));
    return p;
  }

  private put(key: K, value: V): void {
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
