import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mayBeReplay, planSaves, SaveRefusal } from '@jianding/exam';
import { randomUUID } from 'crypto';
import { AppException, conflict, unauthorized } from '../../common/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { EntityManager } from 'typeorm';
import { Db, isLockConflict } from '../../database/db.service';
import { ExamDeadlines } from './exam-deadlines.service';
import { ExamRepository, PendingSave } from './exam.repository';

export interface SaveAck {
  seq: number;
  savedAt: number;
}

interface Waiter {
  save: PendingSave;
  /** When it was queued (performance.now()). */
  at: number;
  resolve: (ack: SaveAck) => void;
  reject: (err: unknown) => void;
}

/**
 * How long a save waits for company before its batch starts, and the largest batch. Under load every batch is
 * gathered for the window too (a batch finishing does not start the next with whatever arrived since): a transaction
 * costs the same six statements for one save as for a hundred, and small batches made the statements, not the saves,
 * the work of both the API and the database.
 */
const WINDOW_MS = 3;
const MAX_BATCH = 400;
/**
 * Batches committing at once (MySQL). Each commit waits for its log flush; several in flight let InnoDB's group commit
 * share one flush among them. At most half the pool, so sign-ins and reads still get connections. SQLite has one writer.
 */
const MAX_IN_FLIGHT = 8;
const RETRIES = 5;

/**
 * Group commit for answer saves. Saves arriving within a few milliseconds share one READ COMMITTED transaction on the
 * application's pool (the connections' session level, so no statement sets it): lock their attempts, skip replays,
 * append the log, upsert the current answers, move last_seq. Every request resolves only after the COMMIT of the
 * transaction that holds its row: nothing is acknowledged early.
 */
@Injectable()
export class AnswerWriter implements OnModuleDestroy {
  private readonly logger = new Logger('AnswerWriter');
  private queue: Waiter[] = [];
  private inFlight = 0;
  private timer?: NodeJS.Timeout;
  private readonly maxInFlight: number;
  private readonly drained = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly deadlines: ExamDeadlines,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxInFlight =
      config.database.kind === 'mysql'
        ? Math.max(1, Math.min(MAX_IN_FLIGHT, Math.floor(config.database.poolSize / 2)))
        : 1;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      this.drained.add(resolve);
      this.flush();
    });
  }

  save(save: PendingSave): Promise<SaveAck> {
    return new Promise<SaveAck>((resolve, reject) => {
      this.queue.push({ save, at: performance.now(), resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.flush();
      else this.schedule();
    });
  }

  /**
   * Starts the next batch when the oldest waiting save has waited the window (now, if it already has). With every
   * slot busy, the next batch to finish calls this again.
   */
  private schedule(): void {
    if (this.timer || this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    const wait = WINDOW_MS - (performance.now() - this.queue[0].at);
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        // A save that has waited its window (while every slot was busy) goes now; a fresh one waits for company.
        if (this.queue.length >= MAX_BATCH || (this.queue.length > 0 && this.drained.size > 0)) this.flush();
        else if (this.queue.length > 0) this.schedule();
        else if (this.inFlight === 0) for (const done of this.drained) done();
      });
    }
  }

  private async commit(batch: Waiter[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await this.db.transaction((tx) => this.write(tx, batch), { readCommitted: true });
        // After COMMIT: only now does anyone hear back.
        batch.forEach((w, i) => {
          const o = outcomes[i];
          if (o instanceof Error) w.reject(o);
          else w.resolve(o);
        });
        return;
      } catch (err) {
        if (isLockConflict(err) && attempt < RETRIES) continue;
        this.logger.error(`answer batch of ${batch.length} failed: ${(err as Error).message}`);
        for (const w of batch) w.reject(err);
        return;
      }
    }
  }

  /** Lock and read, then (rarely) look up replays, then write: three statements for the whole batch. */
  private async write(tx: EntityManager, batch: Waiter[]): Promise<(SaveAck | AppException)[]> {
    const now = Date.now();
    const attempts = await this.repo.lockAttempts(tx, [...new Set(batch.map((w) => w.save.attemptId))]);
    // last_seq is the highest seq logged for the attempt: only a seq at or below it can be a replay worth looking up.
    const maybeReplays = batch.map((w) => w.save).filter((s) => mayBeReplay(s.seq, attempts.get(s.attemptId)));
    const logged = maybeReplays.length
      ? await this.repo.loggedSeqs(tx, maybeReplays)
      : new Map<string, { serverTime: number }>();
    const plan = planSaves(
      batch.map((w) => w.save),
      attempts,
      logged,
      this.deadlines.graceMs,
      now,
    );
    const rows = plan.outcomes.flatMap((o) =>
      o.kind === 'write' ? [{ ...o.save, serverTime: now, id: randomUUID() }] : [],
    );
    const outcomes = plan.outcomes.map((o): SaveAck | AppException =>
      o.kind === 'refused' ? refusal(o.code) : { seq: o.kind === 'write' ? o.save.seq : o.seq, savedAt: o.savedAt },
    );
    const lastSeq = plan.lastSeq;
    if (rows.length) await this.repo.writeSaves(tx, rows, lastSeq, now);
    return outcomes;
  }
}

function refusal(code: SaveRefusal): AppException {
  switch (code) {
    case 'SESSION_REPLACED':
      return unauthorized('SESSION_REPLACED', 'This exam was opened on another device; this one is signed out');
    case 'ATTEMPT_SUBMITTED':
      return conflict('ATTEMPT_SUBMITTED', 'This exam has been submitted; answers can no longer change');
    case 'ATTEMPT_PAUSED':
      return conflict('ATTEMPT_PAUSED', 'The proctor paused this exam; the answer is kept and sent again on resume');
    case 'DEADLINE_PASSED':
      return conflict('DEADLINE_PASSED', 'The time for this exam is over');
  }
}
