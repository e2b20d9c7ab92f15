import { safeLocalStorage } from '../util/safe-storage';

/** "Marked for review" is the candidate's own note: kept in localStorage per attempt, never sent. */
export interface MarksStore {
  load(attemptId: string): Set<number>;
  save(attemptId: string, marks: ReadonlySet<number>): void;
  clear(attemptId: string): void;
}

export function createLocalMarksStore(storage: Storage | undefined = safeLocalStorage()): MarksStore {
  const key = (id: string) => `jianding.marks.${id}`;
  return {
    load(attemptId) {
      try {
        const raw = storage?.getItem(key(attemptId));
        const parsed: unknown = raw ? JSON.parse(raw) : [];
        return new Set(Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : []);
      } catch {
        return new Set();
      }
    },
    save(attemptId, marks) {
      try {
        storage?.setItem(key(attemptId), JSON.stringify([...marks].sort((a, b) => a - b)));
      } catch {
        /* best effort */
      }
    },
    clear(attemptId) {
      try {
        storage?.removeItem(key(attemptId));
      } catch {
        /* best effort */
      }
    },
  };
}

export function createMemoryMarksStore(): MarksStore {
  const map = new Map<string, Set<number>>();
  return {
    load: (id) => new Set(map.get(id) ?? []),
    save: (id, marks) => void map.set(id, new Set(marks)),
    clear: (id) => void map.delete(id),
  };
}
