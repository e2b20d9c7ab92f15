import type { JournalEntry, JournalStorage } from './types';

const DB_NAME = 'jianding-exam-journal';
const STORE = 'entries';

/**
 * IndexedDB store keyed by [attemptId, id]. Writes use `durability: 'strict'` where the browser supports it,
 * so a put resolves only once the entry is on disk and survives a browser crash.
 */
export class IndexedDbJournalStorage implements JournalStorage {
  readonly kind = 'indexeddb';

  private constructor(
    private readonly db: IDBDatabase,
    private readonly keyRange: typeof IDBKeyRange,
  ) {}

  static async open(
    factory: IDBFactory,
    {
      timeoutMs = 3_000,
      keyRange = globalThis.IDBKeyRange,
    }: { timeoutMs?: number; keyRange?: typeof IDBKeyRange } = {},
  ): Promise<IndexedDbJournalStorage> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('IndexedDB open timed out')), timeoutMs);
      let req: IDBOpenDBRequest;
      try {
        req = factory.open(DB_NAME, 1);
      } catch (err) {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE))
          req.result.createObjectStore(STORE, { keyPath: ['attemptId', 'id'] });
      };
      req.onsuccess = () => {
        clearTimeout(timer);
        resolve(req.result);
      };
      req.onerror = () => {
        clearTimeout(timer);
        reject(req.error ?? new Error('IndexedDB open failed'));
      };
      req.onblocked = () => {
        clearTimeout(timer);
        reject(new Error('IndexedDB open blocked'));
      };
    });
    return new IndexedDbJournalStorage(db, keyRange);
  }

  load(attemptId: string): Promise<JournalEntry[]> {
    return this.run('readonly', (store) => store.getAll(this.range(attemptId)) as IDBRequest<JournalEntry[]>);
  }

  async put(entry: JournalEntry): Promise<void> {
    await this.run('readwrite', (store) => store.put(entry));
  }

  async remove(attemptId: string, id: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete([attemptId, id]));
  }

  async clear(attemptId: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(this.range(attemptId)));
  }

  private range(attemptId: string): IDBKeyRange {
    return this.keyRange.bound([attemptId, ''], [attemptId, '\uffff']);
  }

  close(): void {
    this.db.close();
  }

  /** Resolves with the request's result once the transaction has committed. */
  private run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx =
          mode === 'readwrite'
            ? this.db.transaction(STORE, mode, { durability: 'strict' })
            : this.db.transaction(STORE, mode);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      const req = op(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  }
}
