import { Inject, Injectable, Logger } from '@nestjs/common';
import { deadlineJobDelay } from '@jianding/exam';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { JobName } from '../../queue/jobs';
import { JobRun, QueueService } from '../../queue/queue.service';

/** The deadline a deadline job was queued for, from its run key (`<job>:deadline:<id>:<deadline>[:<retry>]`). */
export function plannedDeadline(runKey: string): number {
  return Number(runKey.split(':')[3]);
}

/**
 * The delayed jobs that submit attempts the browser never submitted: one per session at its end, one per extended
 * attempt at its own deadline, each run when the save grace after that deadline has passed.
 */
@Injectable()
export class ExamDeadlines {
  private readonly logger = new Logger('ExamDeadlines');
  /** The save grace: how long after a deadline saves are still taken and the deadline jobs wait. */
  readonly graceMs: number;
  /** Sessions whose deadline job this process has made sure of, by `<id>:<endsAt>`. */
  private readonly sessionQueued = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly queue: QueueService,
  ) {
    this.graceMs = config.exam.saveGraceSeconds * 1000;
  }

  /**
   * The session's deadline job is queued when the session is created; each process also makes sure its run row
   * exists once per session end at the first sign-in it serves (a session whose row was never written). A row that
   * exists is not handed to the queue again here: a job the queue lost is re-queued from its row by the queue's
   * reconciler. A failure here does not fail the sign-in: the next sign-in tries again, and loading a late attempt
   * submits it.
   */
  async ensureSessionDeadline(session: { id: string; endsAt: number }): Promise<void> {
    const key = `${session.id}:${session.endsAt}`;
    if (this.sessionQueued.has(key)) return;
    this.sessionQueued.add(key);
    try {
      await this.enqueueSessionDeadline(session.id, session.endsAt);
    } catch (err) {
      this.sessionQueued.delete(key);
      this.logger.error(`could not queue the deadline job of session ${session.id}: ${(err as Error).message}`);
    }
  }

  /** The delayed job that submits the session's open attempts at its end (plus the save grace), keyed by that end. */
  enqueueSessionDeadline(sessionId: string, endsAt: number, tx?: EntityManager, suffix = ''): Promise<JobRun> {
    return this.queue.enqueue(
      JobName.SessionDeadline,
      { sessionId },
      { key: `deadline:${sessionId}:${endsAt}${suffix}`, delayMs: this.delayTo(endsAt) },
      tx,
    );
  }

  /**
   * The delayed job that submits one extended attempt at its own deadline (plus the save grace), keyed by that
   * deadline. Inside a transaction only the run row is written: call {@link dispatch} after the commit.
   */
  enqueueAttemptDeadline(attemptId: string, deadline: number, tx?: EntityManager, suffix = ''): Promise<JobRun> {
    return this.queue.enqueue(
      JobName.AttemptDeadline,
      { attemptId },
      { key: `deadline:${attemptId}:${deadline}${suffix}`, delayMs: this.delayTo(deadline) },
      tx,
    );
  }

  dispatch(run: JobRun): Promise<void> {
    return this.queue.dispatch(run);
  }

  private delayTo(deadline: number): number {
    return deadlineJobDelay(deadline, this.graceMs, Date.now());
  }
}
