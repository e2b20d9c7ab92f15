import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../queue/job-registry';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { JobsRepository } from '../jobs/jobs.repository';
import { ExamRepository } from './exam.repository';
import { ExamScoringService } from './exam-scoring.service';
import { ExamService, plannedDeadline } from './exam.service';

/**
 * Runs at an attempt's deadline (plus the save grace) and submits it if the browser never did. It re-reads the
 * attempt: if a proctor has extended the time since this job was queued, it does nothing (the extension queued its
 * own job for the new deadline); if the attempt is already submitted, nothing changes either. A job that runs early
 * for its own deadline (an in-process queue re-dispatching after a restart loses the delay) schedules itself again.
 */
@Injectable()
export class AttemptDeadlineProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly scoring: ExamScoringService,
    private readonly exam: ExamService,
    private readonly repo: ExamRepository,
    private readonly runs: JobsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.AttemptDeadline, (data, ctx) => this.run(data, ctx));
  }

  async run(data: JobOf<JobName.AttemptDeadline>, ctx: JobContext): Promise<{ submitted: boolean; reason: string }> {
    const out = await this.scoring.submit(data.attemptId, 'deadline', { onlyIfDue: true });
    if (out) return { submitted: out.changed, reason: out.changed ? 'deadline' : 'already_submitted' };
    const planned = plannedDeadline((await this.runs.findById(ctx.runId))?.key);
    const attempt = await this.repo.findAttempt(data.attemptId);
    const session = attempt && (await this.repo.findSession(attempt.sessionId));
    const deadline = session ? session.endsAt + (attempt?.extraSeconds ?? 0) * 1000 : NaN;
    if (planned === deadline) {
      await this.exam.enqueueDeadline(data.attemptId, deadline, undefined, `:${ctx.runId}`);
      return { submitted: false, reason: 'rescheduled' };
    }
    return { submitted: false, reason: 'deadline_moved' };
  }
}
