import type { JournalEntry, JournalStorage } from './types';

/** Keeps entries in a Map. Used in tests and as the last resort when the browser refuses all storage. */
export class MemoryJournalStorage implements JournalStorage {
  readonly kind = 'memory';
  private readonly entries = new Map<string, JournalEntry>();

  async load(attemptId: string): Promise<JournalEntry[]> {
    return [...this.entries.values()].filter((e) => e.attemptId === attemptId).map((e) => structuredCloneSafe(e));
  }

  async put(entry: JournalEntry): Promise<void> {
    this.entries.set(key(entry.attemptId, entry.id), structuredCloneSafe(entry));
  }

  async remove(attemptId: string, id: string): Promise<void> {
    this.entries.delete(key(attemptId, id));
  }

  async clear(attemptId: string): Promise<void> {
    for (const [k, e] of this.entries) if (e.attemptId === attemptId) this.entries.delete(k);
  }

  /** Number of stored entries across all attempts (for tests). */
  get size(): number {
    return this.entries.size;
  }
}

function key(attemptId: string, id: string): string {
  return `${attemptId}\u0000${id}`;
}

function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
