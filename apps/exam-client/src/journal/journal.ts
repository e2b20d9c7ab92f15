import type { AnswerValue, EventDetail, IntegrityEventType, SavedAnswerView } from '@jianding/api-client';
import { backoffDelay, type BackoffOptions } from './backoff';
import { classifyFailure } from './classify';
import {
  answerId,
  compareEntries,
  dedupeAndSort,
  eventId,
  latestPerPosition,
  reconcileWithServer,
  type DisplayedAnswer,
} from './reconcile';
import type {
  AnswerEntry,
  EventEntry,
  FailureAction,
  JournalEntry,
  JournalNotice,
  JournalStatus,
  JournalStorage,
  JournalTransport,
  StopReason,
  Timers,
} from './types';

export interface AnswerJournalOptions {
  attemptId: string;
  storage: JournalStorage;
  transport: JournalTransport;
  /** What GET /exam/attempt said: the highest stored seq and the stored answers. */
  server: { lastSeq: number; answers: readonly SavedAnswerView[] };
  classify?: (err: unknown) => FailureAction;
  random?: () => number;
  timers?: Timers;
  now?: () => Date;
  backoff?: BackoffOptions;
  /** Start replaying stored entries at once (default true). */
  autoStart?: boolean;
}

export interface RecordedAnswer {
  entry: AnswerEntry;
  /** Resolves once the entry is in storage (or storage failed and it is kept in memory). */
  persisted: Promise<void>;
}

export class JournalStoppedError extends Error {
  constructor(readonly reason: StopReason) {
    super(`journal stopped: ${reason}`);
    this.name = 'JournalStoppedError';
  }
}

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The answer journal: every answer change takes the next attempt-wide seq, is written to storage, then
 * sent; it leaves storage only when the server acknowledges it. Integrity events travel the same way
 * after the answers. One request is in flight at a time, in order; failures back off exponentially
 * (with jitter, capped) and `retryNow()` cuts the wait short when the browser comes back online.
 */
export class AnswerJournal {
  readonly attemptId: string;
  private readonly storage: JournalStorage;
  private readonly transport: JournalTransport;
  private readonly classify: (err: unknown) => FailureAction;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly now: () => Date;
  private readonly backoff: BackoffOptions;

  /** Persisted, unacknowledged entries in send order. */
  private queue: JournalEntry[] = [];
  /** Answer seqs and event ords recorded but not yet written to storage. */
  private readonly persistingSeqs = new Set<number>();
  private persistingEvents = 0;
  private nextSeq: number;
  private nextOrd: number;
  private inFlight: JournalEntry | null = null;
  private pumping = false;
  private retryHandle: unknown = null;
  private failures = 0;
  private networkDown = false;
  private browserOffline = false;
  private stopped: StopReason | null = null;
  private disposed = false;
  private storageDegraded = false;
  private lastSavedAt: string | null = null;
  private status: JournalStatus;
  private readonly listeners = new Set<(notice: JournalNotice) => void>();
  private readonly drainWaiters = new Set<() => void>();

  private constructor(opts: AnswerJournalOptions, entries: JournalEntry[], serverLastSeq: number) {
    this.attemptId = opts.attemptId;
    this.storage = opts.storage;
    this.transport = opts.transport;
    this.classify = opts.classify ?? classifyFailure;
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? defaultTimers;
    this.now = opts.now ?? (() => new Date());
    this.backoff = opts.backoff ?? {};
    this.queue = entries;
    let maxSeq = serverLastSeq;
    let maxOrd = 0;
    for (const e of entries) {
      if (e.kind === 'answer') maxSeq = Math.max(maxSeq, e.seq);
      else maxOrd = Math.max(maxOrd, e.ord);
    }
    this.nextSeq = maxSeq + 1;
    this.nextOrd = maxOrd + 1;
    this.status = this.computeStatus();
  }

  /**
   * Load the stored entries of this attempt, drop those the server already holds (or that another
   * device's later changes superseded), and start replaying the rest in seq order.
   */
  static async open(opts: AnswerJournalOptions): Promise<{ journal: AnswerJournal; superseded: AnswerEntry[] }> {
    const stored = dedupeAndSort(
      (await opts.storage.load(opts.attemptId)).filter((e) => e.attemptId === opts.attemptId),
    );
    const answers = stored.filter((e): e is AnswerEntry => e.kind === 'answer');
    const events = stored.filter((e): e is EventEntry => e.kind === 'event');
    const { keep, alreadyStored, superseded } = reconcileWithServer(answers, opts.server.answers, opts.server.lastSeq);
    await Promise.all(
      [...alreadyStored, ...superseded].map((e) => opts.storage.remove(e.attemptId, e.id).catch(() => undefined)),
    );
    const journal = new AnswerJournal(opts, [...keep, ...events], opts.server.lastSeq);
    if (opts.autoStart !== false) journal.kick();
    return { journal, superseded };
  }

  /** Unacknowledged answers (persisted), in seq order. */
  pendingAnswers(): AnswerEntry[] {
    return this.queue.filter((e): e is AnswerEntry => e.kind === 'answer');
  }

  pendingEvents(): EventEntry[] {
    return this.queue.filter((e): e is EventEntry => e.kind === 'event');
  }

  /** The newest unacknowledged answer per position: what the candidate last chose there. */
  pendingDisplay(): Map<number, DisplayedAnswer> {
    return latestPerPosition(this.pendingAnswers());
  }

  /** The seq the next answer change will get. */
  peekNextSeq(): number {
    return this.nextSeq;
  }

  getStatus(): JournalStatus {
    return this.status;
  }

  subscribe(listener: (notice: JournalNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Record an answer change: the seq is taken at once; the entry is stored, then sent. */
  recordAnswer(position: number, answer: AnswerValue): RecordedAnswer {
    if (this.stopped) throw new JournalStoppedError(this.stopped);
    const seq = this.nextSeq++;
    const entry: AnswerEntry = {
      kind: 'answer',
      attemptId: this.attemptId,
      id: answerId(seq),
      seq,
      position,
      answer,
      clientTime: this.now().toISOString(),
    };
    this.persistingSeqs.add(seq);
    this.publishStatus();
    const persisted = this.persist(entry).then(() => {
      this.persistingSeqs.delete(seq);
      this.enqueue(entry);
    });
    return { entry, persisted };
  }

  /** Record an integrity event; it is sent after any pending answers. Ignored once stopped. */
  recordEvent(type: IntegrityEventType, detail?: EventDetail): Promise<void> {
    if (this.stopped || this.disposed) return Promise.resolve();
    const ord = this.nextOrd++;
    const entry: EventEntry = {
      kind: 'event',
      attemptId: this.attemptId,
      id: eventId(ord),
      ord,
      type,
      at: this.now().toISOString(),
    };
    if (detail) entry.detail = detail;
    this.persistingEvents++;
    this.publishStatus();
    return this.persist(entry).then(() => {
      this.persistingEvents--;
      this.enqueue(entry);
    });
  }

  /** The server reported a higher lastSeq (re-sync): never hand out a seq at or below it. */
  observeServerLastSeq(lastSeq: number): void {
    if (lastSeq >= this.nextSeq) this.nextSeq = lastSeq + 1;
  }

  /** Skip the backoff wait and send now (the browser's `online` event, a re-sync, the submit button). */
  retryNow(): void {
    if (this.retryHandle !== null) {
      this.timers.clear(this.retryHandle);
      this.retryHandle = null;
    }
    this.kick();
  }

  /** The browser's own view of connectivity (navigator.onLine / online / offline events). */
  setBrowserOnline(online: boolean): void {
    this.browserOffline = !online;
    if (online) {
      this.networkDown = false;
      this.retryNow();
    }
    this.publishStatus();
  }

  /**
   * Wait until every recorded answer (and, with `events`, every event) is acknowledged.
   * Resolves true when empty, false on timeout or when the journal stops.
   */
  drain({ timeoutMs, events = false }: { timeoutMs: number; events?: boolean }): Promise<boolean> {
    const done = () => this.pendingCount(events) === 0;
    if (done()) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    this.retryNow();
    return new Promise<boolean>((resolve) => {
      const check = () => {
        if (done()) finish(true);
        else if (this.stopped || this.disposed) finish(false);
      };
      const timer = this.timers.set(() => finish(false), timeoutMs);
      const finish = (ok: boolean) => {
        this.drainWaiters.delete(check);
        this.timers.clear(timer);
        resolve(ok);
      };
      this.drainWaiters.add(check);
    });
  }

  /** Forget everything for this attempt (after it is submitted). */
  async clear(): Promise<void> {
    this.queue = [];
    await this.storage.clear(this.attemptId).catch(() => undefined);
    this.publishStatus();
  }

  /** Stop timers and listeners; stored entries stay for the next load. */
  dispose(): void {
    this.disposed = true;
    if (this.retryHandle !== null) this.timers.clear(this.retryHandle);
    this.retryHandle = null;
    this.listeners.clear();
    for (const check of [...this.drainWaiters]) check();
  }

  private pendingCount(events: boolean): number {
    const answers = this.persistingSeqs.size + this.queue.filter((e) => e.kind === 'answer').length;
    return events ? answers + this.persistingEvents + this.queue.filter((e) => e.kind === 'event').length : answers;
  }

  private async persist(entry: JournalEntry): Promise<void> {
    try {
      await this.storage.put(entry);
    } catch {
      // Storage is full or broken: keep the entry in memory and still send it; the UI warns.
      this.storageDegraded = true;
    }
  }

  private enqueue(entry: JournalEntry): void {
    if (this.disposed) return;
    const dupe = this.queue.some((e) => e.id === entry.id);
    if (!dupe) {
      this.queue.push(entry);
      this.queue.sort(compareEntries);
    }
    this.publishStatus();
    this.kick();
  }

  /** The next entry to send, or null. An answer waits while a lower seq is still being stored. */
  private nextSendable(): JournalEntry | null {
    const head = this.queue[0];
    if (!head) return null;
    if (head.kind === 'answer') {
      for (const s of this.persistingSeqs) if (s < head.seq) return null;
    }
    return head;
  }

  private kick(): void {
    if (this.pumping || this.stopped || this.disposed || this.retryHandle !== null) return;
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (;;) {
        if (this.stopped || this.disposed || this.retryHandle !== null) break;
        const entry = this.nextSendable();
        if (!entry) break;
        this.inFlight = entry;
        this.publishStatus();
        try {
          if (entry.kind === 'answer') {
            const ack = await this.transport.putAnswer(entry);
            this.lastSavedAt = ack?.savedAt ?? this.lastSavedAt;
            this.succeeded();
            await this.removeEntry(entry);
            this.notify({ type: 'acked', entry, ack });
          } else {
            await this.transport.postEvent(entry);
            this.succeeded();
            await this.removeEntry(entry);
          }
        } catch (err) {
          const verdict = this.classify(err);
          if (verdict.action === 'retry') {
            this.failures++;
            if (verdict.offline) this.networkDown = true;
            if (verdict.paused) this.notify({ type: 'paused' });
            const delay = backoffDelay(this.failures, this.random, this.backoff);
            this.retryHandle = this.timers.set(() => {
              this.retryHandle = null;
              this.kick();
            }, delay);
          } else if (verdict.action === 'drop') {
            this.failures = 0;
            await this.removeEntry(entry);
            this.notify({ type: 'dropped', entry, code: verdict.code, message: verdict.message });
          } else {
            this.stopped = verdict.reason;
            if (this.retryHandle !== null) this.timers.clear(this.retryHandle);
            this.retryHandle = null;
            this.notify({ type: 'stopped', reason: verdict.reason });
          }
        } finally {
          this.inFlight = null;
          this.publishStatus();
        }
      }
    } finally {
      this.pumping = false;
      this.publishStatus();
    }
  }

  private succeeded(): void {
    this.failures = 0;
    this.networkDown = false;
  }

  private async removeEntry(entry: JournalEntry): Promise<void> {
    this.queue = this.queue.filter((e) => e.id !== entry.id);
    this.publishStatus();
    // If this fails the entry is replayed after a reload; the server treats the same seq as a no-op.
    await this.storage.remove(entry.attemptId, entry.id).catch(() => undefined);
  }

  private computeStatus(): JournalStatus {
    return {
      pendingAnswers: this.pendingCount(false),
      pendingEvents: this.persistingEvents + this.queue.filter((e) => e.kind === 'event').length,
      sending: this.inFlight !== null,
      offline: this.networkDown || this.browserOffline,
      failures: this.failures,
      stopped: this.stopped,
      storageDegraded: this.storageDegraded,
      storageKind: this.storage.kind,
      lastSavedAt: this.lastSavedAt,
    };
  }

  private publishStatus(): void {
    const next = this.computeStatus();
    const prev = this.status;
    const changed = (Object.keys(next) as (keyof JournalStatus)[]).some((k) => next[k] !== prev[k]);
    if (changed) {
      this.status = next;
      this.notify({ type: 'status', status: next });
    }
    for (const check of [...this.drainWaiters]) check();
  }

  private notify(notice: JournalNotice): void {
    for (const l of [...this.listeners]) {
      try {
        l(notice);
      } catch {
        /* a listener's bug must not stop the journal */
      }
    }
  }
}
