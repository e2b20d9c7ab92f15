/**
 * The deadline belongs to the server. The clock keeps the server's `remainingSeconds` and counts down
 * with a monotonic clock (performance.now()) from the moment of the last sync, so changing the
 * computer's wall clock changes nothing.
 */
export class ServerClock {
  private remainingAtSync = 0;
  private syncedAt = 0;
  /** A proctor paused the attempt: the countdown stands where the server said until the next sync. */
  private stopped = false;

  constructor(private readonly monotonic: () => number = () => performance.now()) {}

  /**
   * @param remainingSeconds what the server said
   * @param at monotonic time of the request's start (conservative: the request's latency only shortens the countdown)
   */
  sync(remainingSeconds: number, at: number = this.monotonic(), paused = false): void {
    this.remainingAtSync = Math.max(0, remainingSeconds) * 1000;
    this.syncedAt = at;
    this.stopped = paused;
  }

  remainingMs(): number {
    if (this.stopped) return this.remainingAtSync;
    return Math.max(0, this.remainingAtSync - (this.monotonic() - this.syncedAt));
  }

  now(): number {
    return this.monotonic();
  }
}

/** 3725.2 s → "01:02:06" (whole seconds rounded up, so 00:00:00 means the time is really over). */
export function formatHms(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}
