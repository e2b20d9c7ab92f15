/** A small least-recently-used map; a promise may be stored so concurrent misses share one load. */
export class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  /** Cached value or the loader's, shared by concurrent callers; a failed load is not cached. */
  async through(key: K, load: () => Promise<V extends Promise<infer T> ? T : never>): Promise<V extends Promise<infer T> ? T : never> {
    const hit = this.get(key);
    if (hit !== undefined) return hit as never;
    const p = load();
    this.set(key, p as V);
    p.catch(() => this.delete(key));
    return p;
  }
}
