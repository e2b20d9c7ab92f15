import type { JournalEntry, JournalStorage } from './types';

const PREFIX = 'jianding.journal.';

/** One localStorage key per entry: `jianding.journal.<attemptId>.<id>`. Synchronous, so durable once setItem returns. */
export class LocalStorageJournalStorage implements JournalStorage {
  readonly kind = 'localstorage';

  constructor(private readonly storage: Storage) {}

  async load(attemptId: string): Promise<JournalEntry[]> {
    const prefix = `${PREFIX}${attemptId}.`;
    const out: JournalEntry[] = [];
    for (const k of this.keys(prefix)) {
      const raw = this.storage.getItem(k);
      if (!raw) continue;
      try {
        out.push(JSON.parse(raw) as JournalEntry);
      } catch {
        this.storage.removeItem(k);
      }
    }
    return out;
  }

  async put(entry: JournalEntry): Promise<void> {
    this.storage.setItem(`${PREFIX}${entry.attemptId}.${entry.id}`, JSON.stringify(entry));
  }

  async remove(attemptId: string, id: string): Promise<void> {
    this.storage.removeItem(`${PREFIX}${attemptId}.${id}`);
  }

  async clear(attemptId: string): Promise<void> {
    for (const k of this.keys(`${PREFIX}${attemptId}.`)) this.storage.removeItem(k);
  }

  private keys(prefix: string): string[] {
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    return keys;
  }
}
