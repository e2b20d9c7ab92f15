import { Injectable } from '@nestjs/common';
import { attemptDue, deadlineJobDue } from '@jianding/exam';
import { JobHandler } from '../../queue/job-handler.decorator';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { ExamDeadlines, plannedDeadline } from './exam-deadlines.service';
import { ExamScoringService } from './exam-scoring.service';
import { ExamRepository } from './exam.repository';

/** Attempts scored at once: each is its own short transaction. */
const CONCURRENCY = 8;

/**
 * Runs at the session's end (plus the save grace) and submits every attempt the browser never submitted. One job per
 * session, not per candidate: a 10,000-seat session queues one delayed job and one run row, and sign-in writes none.
 * An attempt a proctor extended is left to the job its extension queued. A job that finds the session still running
 * (its end moved, or an in-process queue lost the delay after a restart) schedules itself again for the real end.
 */
@Injectable()
export class SessionDeadlineProcessor {
  constructor(
    private readonly scoring: ExamScoringService,
    private readonly deadlines: ExamDeadlines,
    private readonly repo: ExamRepository,
  ) {}

  @JobHandler(JobName.SessionDeadline)
  async run(
    data: JobOf<JobName.SessionDeadline>,
    ctx: JobContext,
  ): Promise<{ submitted: number; extended: number; reason: string }> {
    const session = await this.repo.findSession(data.sessionId);
    if (!session) return { submitted: 0, extended: 0, reason: 'session_missing' };
    const now = Date.now();
    const grace = this.deadlines.graceMs;
    if (!deadlineJobDue(session.endsAt, grace, now)) {
      const planned = plannedDeadline(ctx.runKey);
      if (planned !== session.endsAt) return { submitted: 0, extended: 0, reason: 'deadline_moved' };
      await this.deadlines.enqueueSessionDeadline(session.id, session.endsAt, undefined, `:${ctx.runId}`);
      return { submitted: 0, extended: 0, reason: 'rescheduled' };
    }
    const due = (await this.repo.openAttempts(session.id))
      // Extended, resumed and paused attempts keep going: each has its own job, queued by the extension or the resume.
      .filter((a) => attemptDue({ endsAt: session.endsAt, ...a }, grace, now))
      .map((a) => a.id);
    let submitted = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, due.length) }, async () => {
        while (next < due.length) {
          const id = due[next++];
          const out = await this.scoring.submit(id, 'deadline', { onlyIfDue: true });
          if (out?.changed) submitted++;
          if (next % 200 === 0) await ctx.progress((next / due.length) * 100);
        }
      }),
    );
    return { submitted, extended: await this.repo.countOpenAttempts(session.id), reason: 'deadline' };
  }
}
