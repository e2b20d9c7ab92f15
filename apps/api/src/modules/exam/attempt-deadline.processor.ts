import { Injectable } from '@nestjs/common';
import { attemptDeadline } from '@jianding/exam';
import { JobHandler } from '../../queue/job-handler.decorator';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { ExamDeadlines, plannedDeadline } from './exam-deadlines.service';
import { ExamScoringService } from './exam-scoring.service';
import { ExamRepository } from './exam.repository';

/**
 * Runs at an attempt's deadline (plus the save grace) and submits it if the browser never did. It re-reads the
 * attempt: if a proctor has extended the time since this job was queued, it does nothing (the extension queued its
 * own job for the new deadline); if the attempt is already submitted, nothing changes either. A job that runs early
 * for its own deadline (an in-process queue re-dispatching after a restart loses the delay) schedules itself again.
 */
@Injectable()
export class AttemptDeadlineProcessor {
  constructor(
    private readonly scoring: ExamScoringService,
    private readonly deadlines: ExamDeadlines,
    private readonly repo: ExamRepository,
  ) {}

  @JobHandler(JobName.AttemptDeadline)
  async run(data: JobOf<JobName.AttemptDeadline>, ctx: JobContext): Promise<{ submitted: boolean; reason: string }> {
    const out = await this.scoring.submit(data.attemptId, 'deadline', { onlyIfDue: true });
    if (out) return { submitted: out.changed, reason: out.changed ? 'deadline' : 'already_submitted' };
    const planned = plannedDeadline(ctx.runKey);
    const attempt = await this.repo.findAttempt(data.attemptId);
    // The resume queues a job for the moved deadline; this one has nothing left to do.
    if (attempt?.pausedAt != null) return { submitted: false, reason: 'paused' };
    const session = attempt && (await this.repo.findSession(attempt.sessionId));
    const deadline = session
      ? attemptDeadline({
          endsAt: session.endsAt,
          extraSeconds: attempt?.extraSeconds ?? 0,
          pausedMs: attempt?.pausedMs ?? 0,
        })
      : NaN;
    if (planned === deadline) {
      await this.deadlines.enqueueAttemptDeadline(data.attemptId, deadline, undefined, `:${ctx.runId}`);
      return { submitted: false, reason: 'rescheduled' };
    }
    return { submitted: false, reason: 'deadline_moved' };
  }
}
