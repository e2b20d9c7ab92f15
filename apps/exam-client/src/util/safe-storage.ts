/** window.localStorage, or undefined where it is missing or throws on access (private mode, disabled storage, tests). */
export function safeLocalStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
