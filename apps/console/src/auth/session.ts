import type { LoginResponse } from '@jianding/api-client';

export type SessionUser = LoginResponse['user'];

export interface Session {
  accessToken: string;
  user: SessionUser;
}

const STORAGE_KEY = 'jd.console.session';

/**
 * The staff token: in memory for requests, and in sessionStorage so a reload keeps the session (it dies with the tab,
 * never shared with other tabs or left on disk like localStorage). Listeners hear sign-in, sign-out and expiry.
 */
export class SessionStore {
  private current: Session | null = null;
  /** Why the last session ended, shown on the sign-in page once. */
  private endReason: 'expired' | null = null;
  private listeners = new Set<() => void>();

  constructor(
    private readonly storage: Storage | null = typeof sessionStorage === 'undefined' ? null : sessionStorage,
  ) {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      if (raw) this.current = JSON.parse(raw) as Session;
    } catch {
      this.current = null;
    }
  }

  get session(): Session | null {
    return this.current;
  }

  get token(): string | null {
    return this.current?.accessToken ?? null;
  }

  takeEndReason(): 'expired' | null {
    const reason = this.endReason;
    this.endReason = null;
    return reason;
  }

  signIn(session: Session): void {
    this.current = session;
    this.endReason = null;
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(session));
    this.emit();
  }

  signOut(reason: 'expired' | null = null): void {
    if (!this.current) return;
    this.current = null;
    this.endReason = reason;
    this.storage?.removeItem(STORAGE_KEY);
    this.emit();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
