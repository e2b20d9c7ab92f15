import { safeLocalStorage } from '../util/safe-storage';

/**
 * The question on screen, remembered in this browser. The server cursor is sent after a short
 * debounce and may fail offline; a reload or a crash in that window still lands on the same question.
 */
export interface PositionStore {
  load(attemptId: string): number | null;
  save(attemptId: string, position: number): void;
  clear(attemptId: string): void;
}

export function createLocalPositionStore(storage: Storage | undefined = safeLocalStorage()): PositionStore {
  const key = (id: string) => `jianding.exam.position.${id}`;
  return {
    load(attemptId) {
      try {
        const n = Number(storage?.getItem(key(attemptId)));
        return Number.isInteger(n) && n > 0 ? n : null;
      } catch {
        return null;
      }
    },
    save(attemptId, position) {
      try {
        storage?.setItem(key(attemptId), String(position));
      } catch {
        /* the server cursor still has it */
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

export function createMemoryPositionStore(): PositionStore {
  const map = new Map<string, number>();
  return {
    load: (id) => map.get(id) ?? null,
    save: (id, position) => void map.set(id, position),
    clear: (id) => void map.delete(id),
  };
}
