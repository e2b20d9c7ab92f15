import type { JournalEntry, JournalStorage } from './types';

/**
 * Tries each storage in turn for a write (IndexedDB first, then localStorage); reads the union of all,
 * which the journal dedupes by seq; removes from all. An entry written to the second store after the
 * first failed is therefore still found after a reload.
 */
export class FallbackJournalStorage implements JournalStorage {
  constructor(private readonly chain: readonly JournalStorage[]) {
    if (chain.length === 0) throw new Error('FallbackJournalStorage needs at least one storage');
  }

  get kind(): string {
    return this.chain.map((s) => s.kind).join('+');
  }

  async load(attemptId: string): Promise<JournalEntry[]> {
    const all: JournalEntry[] = [];
    let loaded = 0;
    let lastError: unknown;
    for (const storage of this.chain) {
      try {
        all.push(...(await storage.load(attemptId)));
        loaded++;
      } catch (err) {
        lastError = err;
      }
    }
    if (loaded === 0) throw lastError;
    return all;
  }

  async put(entry: JournalEntry): Promise<void> {
    let lastError: unknown;
    for (const storage of this.chain) {
      try {
        await storage.put(entry);
        return;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }

  async remove(attemptId: string, id: string): Promise<void> {
    await Promise.all(this.chain.map((s) => s.remove(attemptId, id).catch(() => undefined)));
  }

  async clear(attemptId: string): Promise<void> {
    await Promise.all(this.chain.map((s) => s.clear(attemptId).catch(() => undefined)));
  }
}
