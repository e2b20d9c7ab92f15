export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Settles as `work` does, or rejects with a {@link TimeoutError} after `ms`; `work` itself is not cancelled. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
