import { FallbackJournalStorage } from './fallback-storage';
import { IndexedDbJournalStorage } from './indexeddb-storage';
import { LocalStorageJournalStorage } from './local-storage';
import { MemoryJournalStorage } from './memory-storage';
import type { JournalStorage } from './types';

/** The best storage this browser offers: IndexedDB with a localStorage fallback, else localStorage, else memory. */
export async function openBrowserJournalStorage(): Promise<JournalStorage> {
  const chain: JournalStorage[] = [];
  try {
    if (typeof indexedDB !== 'undefined') chain.push(await IndexedDbJournalStorage.open(indexedDB));
  } catch {
    /* private mode or blocked: fall through */
  }
  try {
    const ls = window.localStorage;
    const probe = 'jianding.journal.__probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    chain.push(new LocalStorageJournalStorage(ls));
  } catch {
    /* storage disabled */
  }
  if (chain.length === 0) return new MemoryJournalStorage();
  return chain.length === 1 ? chain[0] : new FallbackJournalStorage(chain);
}
