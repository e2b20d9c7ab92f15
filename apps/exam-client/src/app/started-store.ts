import { safeLocalStorage } from '../util/safe-storage';

/**
 * Whether the candidate has passed the instructions for an attempt. After a reload or a crash the exam
 * reopens on the question itself (covered by the fullscreen warning until fullscreen is back) instead
 * of sending the candidate through the rules again.
 */
export interface StartedStore {
  has(attemptId: string): boolean;
  set(attemptId: string): void;
  clear(attemptId: string): void;
}

export function createStartedStore(storage: Storage | undefined = safeLocalStorage()): StartedStore {
  const key = (id: string) => `jianding.exam.started.${id}`;
  let memory = new Set<string>();
  return {
    has: (id) => {
      try {
        return storage?.getItem(key(id)) === '1' || memory.has(id);
      } catch {
        return memory.has(id);
      }
    },
    set: (id) => {
      memory = new Set(memory).add(id);
      try {
        storage?.setItem(key(id), '1');
      } catch {
        /* memory only */
      }
    },
    clear: (id) => {
      memory.delete(id);
      try {
        storage?.removeItem(key(id));
      } catch {
        /* ignore */
      }
    },
  };
}
