import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../queue/job-registry';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { JobsRepository } from '../jobs/jobs.repository';
import { ExamRepository } from './exam.repository';
import { ExamScoringService } from './exam-scoring.service';
import { ExamService, plannedDeadline } from './exam.service';

/** Attempts scored at once: each is its own short transaction. */
const CONCURRENCY = 8;

/**
 * Runs at the session's end (plus the save grace) and submits every attempt the browser never submitted. One job per
 * session, not per candidate: a 10,000-seat session queues one delayed job and one run row, and sign-in writes none.
 * An attempt a proctor extended is left to the job its extension queued. A job that finds the session still running
 * (its end moved, or an in-process queue lost the delay after a restart) schedules itself again for the real end.
 */
@Injectable()
export class SessionDeadlineProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly scoring: ExamScoringService,
    private readonly exam: ExamService,
    private readonly repo: ExamRepository,
    private readonly runs: JobsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.SessionDeadline, (data, ctx) => this.run(data, ctx));
  }

  async run(
    data: JobOf<JobName.SessionDeadline>,
    ctx: JobContext,
  ): Promise<{ submitted: number; extended: number; reason: string }> {
    const session = await this.repo.findSession(data.sessionId);
    if (!session) return { submitted: 0, extended: 0, reason: 'session_missing' };
    const now = Date.now();
    if (now < session.endsAt + this.exam.graceMs) {
      const planned = plannedDeadline((await this.runs.findById(ctx.runId))?.key);
      if (planned !== session.endsAt) return { submitted: 0, extended: 0, reason: 'deadline_moved' };
      await this.exam.enqueueSessionDeadline(session.id, session.endsAt, undefined, `:${ctx.runId}`);
      return { submitted: 0, extended: 0, reason: 'rescheduled' };
    }
    const due = await this.repo.dueAttempts(session.id, now - this.exam.graceMs);
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
