import type { ExamApi } from '../api/exam-api';
import type { AnswerValue, AttemptItemView, AttemptView, EventDetail, IntegrityEventType } from '@jianding/api-client';
import { backoffDelay } from '../journal/backoff';
import { AnswerJournal } from '../journal/journal';
import { latestPerPosition, mergeAnswers, type DisplayedAnswer } from '../journal/reconcile';
import type { AnswerEntry, JournalNotice, JournalStatus, JournalStorage, JournalTransport } from '../journal/types';
import { applyChoice, sameAnswer, type Choice } from './answers';
import { createMemoryMarksStore, type MarksStore } from './marks-store';
import { createMemoryPositionStore, type PositionStore } from './position-store';
import { ServerClock } from './server-clock';

export type ExamPhase =
  /** Answering. */
  | 'active'
  /** Submitting (button, time up or deadline reported by the server): answers are frozen. */
  | 'finishing'
  | 'submitted'
  /** The candidate signed in on another device. */
  | 'replaced'
  /** The token is no longer accepted: sign in again (the journal is kept and replayed). */
  | 'signed_out';

export type FinishReason = 'submit' | 'time' | 'deadline';

export interface ExamOutcome {
  score?: number;
  passed?: boolean;
  showResult: boolean;
}

export interface ExamSnapshot {
  readonly attempt: AttemptView;
  readonly position: number;
  readonly answers: ReadonlyMap<number, DisplayedAnswer>;
  readonly marks: ReadonlySet<number>;
  readonly phase: ExamPhase;
  readonly finishReason: FinishReason | null;
  /** The submit request itself is failing (offline): still trying. */
  readonly submitRetrying: boolean;
  /** A proctor paused the attempt: the countdown stands still and answers wait in the journal. */
  readonly paused: boolean;
  readonly outcome: ExamOutcome | null;
  readonly journal: JournalStatus;
}

export type ExamNotice =
  | { type: 'answer-rejected'; position: number; code: string; message: string }
  | { type: 'answers-superseded'; positions: number[] }
  | { type: 'submit-blocked-pending'; pending: number }
  | { type: 'submit-failed'; code: string; message: string }
  | { type: 'storage-degraded' };

export interface ExamControllerOptions {
  api: ExamApi;
  storage: JournalStorage;
  attempt: AttemptView;
  /** Monotonic time at which the GET /exam/attempt request that produced `attempt` started. */
  fetchedAt: number;
  monotonic?: () => number;
  marks?: MarksStore;
  positions?: PositionStore;
  random?: () => number;
  resyncMs?: number;
  /** How often the attempt is re-read while paused, to learn of the resume. */
  pausedResyncMs?: number;
  tickMs?: number;
  cursorDebounceMs?: number;
  /** How long submit waits for unacknowledged answers. */
  drainTimeoutMs?: number;
}

const SUBMIT_RETRY_CAP_MS = 5_000;

/**
 * Everything the exam screen does, outside React: answers through the journal, navigation and the
 * server cursor, marks, the server-synchronised countdown, periodic re-sync, submission.
 * The screen reads `getSnapshot()` with useSyncExternalStore and calls the methods.
 */
export class ExamController {
  private snapshot: ExamSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly noticeListeners = new Set<(n: ExamNotice) => void>();
  private readonly clock: ServerClock;
  private readonly items: Map<number, AttemptItemView>;
  private readonly marksStore: MarksStore;
  private readonly positionStore: PositionStore;
  private readonly random: () => number;
  private readonly intervals: ReturnType<typeof setInterval>[] = [];
  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private cursorSent: number | null = null;
  private resyncing = false;
  private submitting: Promise<void> | null = null;
  private disposed = false;

  private constructor(
    private readonly opts: ExamControllerOptions,
    private readonly journal: AnswerJournal,
    superseded: AnswerEntry[],
  ) {
    const { attempt } = opts;
    this.clock = new ServerClock(opts.monotonic);
    this.clock.sync(attempt.remainingSeconds, opts.fetchedAt, attempt.paused);
    this.items = new Map(attempt.items.map((i) => [i.position, i]));
    this.marksStore = opts.marks ?? createMemoryMarksStore();
    this.positionStore = opts.positions ?? createMemoryPositionStore();
    this.random = opts.random ?? Math.random;
    this.cursorSent = attempt.currentPosition;
    const positions = attempt.items.map((i) => i.position);
    // This browser's own last position first (it may be ahead of the debounced server cursor), then the server's.
    const start =
      [this.positionStore.load(attempt.attemptId), attempt.currentPosition].find(
        (p) => p !== null && positions.includes(p),
      ) ??
      positions[0] ??
      1;
    this.snapshot = {
      attempt,
      position: start,
      answers: mergeAnswers(latestPerPosition(journal.pendingAnswers()), attempt.answers),
      marks: this.marksStore.load(attempt.attemptId),
      phase: 'active',
      finishReason: null,
      submitRetrying: false,
      paused: attempt.paused,
      outcome: null,
      journal: journal.getStatus(),
    };
    journal.subscribe((n) => this.onJournal(n));
    if (superseded.length)
      queueMicrotask(() => this.notice({ type: 'answers-superseded', positions: superseded.map((e) => e.position) }));
  }

  static async create(opts: ExamControllerOptions): Promise<ExamController> {
    const { api, attempt } = opts;
    const transport: JournalTransport = {
      putAnswer: (e) => api.putAnswer(e.position, { answer: e.answer, seq: e.seq, clientTime: e.clientTime }),
      postEvent: (e) =>
        api.postEvent(e.detail ? { type: e.type, at: e.at, detail: e.detail } : { type: e.type, at: e.at }),
    };
    const { journal, superseded } = await AnswerJournal.open({
      attemptId: attempt.attemptId,
      storage: opts.storage,
      transport,
      server: { lastSeq: attempt.lastSeq, answers: attempt.answers },
      random: opts.random,
    });
    return new ExamController(opts, journal, superseded);
  }

  /** Start the countdown watch and the periodic re-sync. */
  start(): void {
    this.intervals.push(setInterval(() => this.tick(), this.opts.tickMs ?? 250));
    this.intervals.push(setInterval(() => void this.resync(), this.opts.resyncMs ?? 30_000));
    // While paused the resume is learnt within a few seconds; the answers waiting then go at once.
    this.intervals.push(
      setInterval(() => {
        if (this.snapshot.paused) void this.resync();
      }, this.opts.pausedResyncMs ?? 3_000),
    );
    if (typeof navigator !== 'undefined' && navigator.onLine === false) this.journal.setBrowserOnline(false);
    if (this.cursorSent !== this.snapshot.position) this.scheduleCursor();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const i of this.intervals) clearInterval(i);
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.journal.dispose();
    this.listeners.clear();
    this.noticeListeners.clear();
  }

  // ---- reading ----

  getSnapshot = (): ExamSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onNotice(listener: (n: ExamNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  remainingMs(): number {
    return this.clock.remainingMs();
  }

  item(position: number): AttemptItemView | undefined {
    return this.items.get(position);
  }

  get attemptId(): string {
    return this.snapshot.attempt.attemptId;
  }

  // ---- answering ----

  /** The candidate picked an option (toggle on multiple). */
  choose(position: number, choice: Choice): void {
    const item = this.items.get(position);
    if (!item) return;
    this.setAnswer(position, applyChoice(item, this.snapshot.answers.get(position)?.answer, choice));
  }

  clearAnswer(position: number): void {
    this.setAnswer(position, null);
  }

  setAnswer(position: number, answer: AnswerValue): void {
    if (this.snapshot.phase !== 'active' || !this.items.has(position)) return;
    if (this.clock.remainingMs() <= 0) return;
    const current = this.snapshot.answers.get(position);
    if (current && sameAnswer(current.answer, answer)) return;
    if (!current && answer === null) return;
    const { entry } = this.journal.recordAnswer(position, answer);
    const answers = new Map(this.snapshot.answers);
    answers.set(position, { answer, seq: entry.seq });
    this.update({ answers });
  }

  logEvent(type: IntegrityEventType, detail?: EventDetail): void {
    if (this.snapshot.phase === 'submitted' || this.disposed) return;
    void this.journal.recordEvent(type, detail);
  }

  // ---- navigation and marks ----

  goTo(position: number): void {
    if (!this.items.has(position) || position === this.snapshot.position) return;
    this.positionStore.save(this.attemptId, position);
    this.update({ position });
    this.scheduleCursor();
  }

  next(): void {
    this.goTo(this.snapshot.position + 1);
  }

  prev(): void {
    this.goTo(this.snapshot.position - 1);
  }

  toggleMark(position: number = this.snapshot.position): void {
    if (this.snapshot.phase !== 'active') return;
    const marks = new Set(this.snapshot.marks);
    if (marks.has(position)) marks.delete(position);
    else marks.add(position);
    this.marksStore.save(this.attemptId, marks);
    this.update({ marks });
  }

  // ---- connectivity ----

  setOnline(online: boolean): void {
    this.journal.setBrowserOnline(online);
    if (online) void this.resync();
  }

  /** GET the attempt again: server time, answers newer than ours, status. */
  async resync(): Promise<void> {
    if (this.resyncing || this.disposed || this.snapshot.phase !== 'active') return;
    this.resyncing = true;
    try {
      const startedAt = this.clock.now();
      const fresh = await this.opts.api.getAttempt();
      this.applyServer(fresh, startedAt);
      if (this.cursorSent !== this.snapshot.position) this.scheduleCursor();
    } catch (err) {
      this.handleAuthError(err);
    } finally {
      this.resyncing = false;
    }
  }

  // ---- submitting ----

  /** The candidate confirmed: send every pending answer, then submit. */
  async submit(): Promise<void> {
    if (this.snapshot.phase !== 'active') return;
    this.update({ phase: 'finishing', finishReason: 'submit' });
    const drained = await this.journal.drain({ timeoutMs: this.opts.drainTimeoutMs ?? 15_000 });
    const now = this.getSnapshot(); // not `this.snapshot`: TypeScript would keep the narrowing from before the await
    if (now.phase !== 'finishing' || now.finishReason !== 'submit') return; // deadline, time or replaced meanwhile
    if (!drained) {
      this.update({ phase: 'active', finishReason: null });
      this.notice({ type: 'submit-blocked-pending', pending: this.journal.getStatus().pendingAnswers });
      return;
    }
    await this.submitUntilAccepted('submit');
  }

  // ---- internals ----

  private tick(): void {
    if (this.snapshot.phase === 'active' && this.clock.remainingMs() <= 0) void this.timeUp();
  }

  /** Local countdown reached zero: confirm with the server (the proctor may have extended), flush, submit. */
  private async timeUp(): Promise<void> {
    if (this.snapshot.phase !== 'active') return;
    this.update({ phase: 'finishing', finishReason: 'time' });
    try {
      const startedAt = this.clock.now();
      const fresh = await this.opts.api.getAttempt();
      if (fresh.status === 'in_progress' && fresh.remainingSeconds > 1) {
        this.update({ phase: 'active', finishReason: null });
        this.applyServer(fresh, startedAt);
        return;
      }
      if (fresh.status === 'submitted') {
        this.finish(outcomeFrom(fresh));
        return;
      }
    } catch (err) {
      if (this.handleAuthError(err)) return;
    }
    await this.journal.drain({ timeoutMs: this.opts.drainTimeoutMs ?? 15_000 });
    await this.submitUntilAccepted('time');
  }

  private async onDeadlinePassed(): Promise<void> {
    if (this.snapshot.phase === 'submitted' || this.snapshot.phase === 'replaced') return;
    this.update({ phase: 'finishing', finishReason: 'deadline' });
    await this.submitUntilAccepted('deadline');
  }

  /**
   * POST submit (idempotent) until the server answers. Network errors retry with backoff; a refusal
   * with a code ends the attempt when the server says it is over, and otherwise returns to answering.
   */
  private submitUntilAccepted(reason: FinishReason): Promise<void> {
    this.submitting ??= this.submitLoop(reason).finally(() => {
      this.submitting = null;
    });
    return this.submitting;
  }

  private async submitLoop(reason: FinishReason): Promise<void> {
    const showResult = this.snapshot.attempt.policy.showResult;
    for (let failures = 0; !this.disposed;) {
      try {
        const res = await this.opts.api.submit();
        this.finish({ score: res.score, passed: res.passed, showResult });
        return;
      } catch (err) {
        if (this.handleAuthError(err)) return;
        const e = err as { status?: number; code?: string; message?: string };
        const status = e.status ?? 0;
        if (status === 0 || status >= 500 || status === 408 || status === 429 || !e.code) {
          failures++;
          this.update({ submitRetrying: true });
          await sleep(backoffDelay(failures, this.random, { capMs: SUBMIT_RETRY_CAP_MS }));
          continue;
        }
        // The server refused with a code: learn the real state.
        const fresh = await this.opts.api.getAttempt().catch(() => null);
        if (fresh?.status === 'submitted' || reason !== 'submit' || e.code === 'DEADLINE_PASSED') {
          this.finish(fresh ? outcomeFrom(fresh) : { showResult });
        } else {
          this.update({ phase: 'active', finishReason: null, submitRetrying: false });
          this.notice({ type: 'submit-failed', code: e.code, message: e.message ?? e.code });
        }
        return;
      }
    }
  }

  private finish(outcome: ExamOutcome): void {
    if (this.snapshot.phase === 'submitted') return;
    for (const i of this.intervals) clearInterval(i);
    this.intervals.length = 0;
    void this.journal.clear();
    this.marksStore.clear(this.attemptId);
    this.positionStore.clear(this.attemptId);
    this.update({ phase: 'submitted', submitRetrying: false, outcome });
  }

  private applyServer(fresh: AttemptView, startedAt: number): void {
    if (fresh.attemptId !== this.attemptId) return;
    if (fresh.status === 'submitted') {
      this.finish(outcomeFrom(fresh));
      return;
    }
    this.clock.sync(fresh.remainingSeconds, startedAt, fresh.paused);
    if (fresh.paused !== this.snapshot.paused) {
      this.update({ paused: fresh.paused });
      if (!fresh.paused) this.journal.retryNow();
    }
    this.journal.observeServerLastSeq(fresh.lastSeq);
    const answers = mergeAnswers(this.snapshot.answers, fresh.answers);
    const changed = [...answers].some(([p, a]) => this.snapshot.answers.get(p)?.seq !== a.seq);
    if (changed) this.update({ answers });
  }

  /** 401s end the exam on this device. Returns true when handled. */
  private handleAuthError(err: unknown): boolean {
    const e = err as { status?: number; code?: string };
    if (e?.status !== 401) return false;
    this.stopForAuth(e.code === 'SESSION_REPLACED' ? 'replaced' : 'signed_out');
    return true;
  }

  private stopForAuth(phase: 'replaced' | 'signed_out'): void {
    for (const i of this.intervals) clearInterval(i);
    this.intervals.length = 0;
    this.update({ phase, submitRetrying: false });
  }

  private scheduleCursor(): void {
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => {
      this.cursorTimer = null;
      const position = this.snapshot.position;
      if (this.snapshot.phase !== 'active' || position === this.cursorSent) return;
      this.opts.api.putCursor(position).then(
        () => {
          this.cursorSent = position;
        },
        (err: unknown) => void this.handleAuthError(err),
      );
    }, this.opts.cursorDebounceMs ?? 400);
  }

  private onJournal(n: JournalNotice): void {
    switch (n.type) {
      case 'status':
        if (n.status.storageDegraded && !this.snapshot.journal.storageDegraded)
          this.notice({ type: 'storage-degraded' });
        this.update({ journal: n.status });
        break;
      case 'paused':
        // A save met the pause: show it now and learn the remaining time the server froze.
        if (!this.snapshot.paused) {
          this.clock.sync(this.clock.remainingMs() / 1000, this.clock.now(), true);
          this.update({ paused: true });
          void this.resync();
        }
        break;
      case 'dropped':
        if (n.entry.kind === 'answer')
          this.notice({ type: 'answer-rejected', position: n.entry.position, code: n.code, message: n.message });
        break;
      case 'stopped':
        // Either way the server will not take more answers: submit (idempotent) to learn the outcome.
        if (n.reason === 'deadline' || n.reason === 'submitted') void this.onDeadlinePassed();
        else this.stopForAuth(n.reason === 'replaced' ? 'replaced' : 'signed_out');
        break;
      case 'acked':
        // The network is back: a cursor that failed meanwhile goes now rather than at the next re-sync.
        if (this.cursorSent !== this.snapshot.position && !this.cursorTimer) this.scheduleCursor();
        break;
      case 'superseded':
        break;
    }
  }

  private update(patch: Partial<ExamSnapshot>): void {
    if (this.disposed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private notice(n: ExamNotice): void {
    for (const l of [...this.noticeListeners]) l(n);
  }
}

/** The outcome a submitted attempt reports (GET /exam/attempt after submit, or on resume). */
export function outcomeFrom(a: AttemptView): ExamOutcome {
  return { score: a.result?.score, passed: a.result?.passed, showResult: a.policy.showResult };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
