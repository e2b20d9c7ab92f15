import { safeLocalStorage } from '../util/safe-storage';

// The candidate token survives a reload or a browser crash (localStorage), so the exam resumes where it was.
const KEY = 'jianding.exam.token';

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

export function createTokenStore(storage: Storage | undefined = safeLocalStorage()): TokenStore {
  let memory: string | null = null;
  return {
    get: () => {
      try {
        return storage?.getItem(KEY) ?? memory;
      } catch {
        return memory;
      }
    },
    set: (token) => {
      memory = token;
      try {
        storage?.setItem(KEY, token);
      } catch {
        /* memory only */
      }
    },
    clear: () => {
      memory = null;
      try {
        storage?.removeItem(KEY);
      } catch {
        /* ignore */
      }
    },
  };
}
