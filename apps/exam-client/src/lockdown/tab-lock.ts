/**
 * One tab per attempt: holds a Web Lock for as long as the exam is open here. Resolves to a release
 * function, or null when another tab of this browser already holds it. Browsers without Web Locks
 * get a no-op lock.
 */
export async function acquireTabLock(
  name: string,
  locks: LockManager | undefined = globalThis.navigator?.locks,
): Promise<(() => void) | null> {
  if (!locks) return () => undefined;
  return new Promise((resolve) => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        resolve(release);
        return held;
      })
      .catch(() => resolve(() => undefined));
  });
}
