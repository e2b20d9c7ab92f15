import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db.service';
import { JobHandler } from '../../queue/job-handler.decorator';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../auth/principal';
import { ExamRepository } from './exam.repository';

const BATCH = 2000;

/**
 * Deletes answer-log rows whose retention has run out (`purge_after` < now), in batches so no transaction grows
 * large, and records in the audit log how many went. Scheduled daily by the queue; also enqueued by hand.
 */
@Injectable()
export class RetentionPurgeProcessor {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly audit: AuditService,
  ) {}

  @JobHandler(JobName.RetentionPurge)
  async run(data: JobOf<JobName.RetentionPurge>, ctx: JobContext): Promise<{ deleted: number; before: string }> {
    const now = Date.now();
    let deleted = 0;
    for (;;) {
      const n = await this.db.transaction((tx) => this.repo.purgeBatch(tx, now, BATCH));
      deleted += n;
      if (n < BATCH) break;
      await ctx.progress(Math.min(99, deleted / 1000));
    }
    const before = new Date(now).toISOString();
    await this.db.transaction((tx) =>
      this.audit.append(tx, {
        actor: SYSTEM_ACTOR,
        action: 'answer_log.purge',
        entity: 'answer_log',
        entityId: ctx.runId,
        data: { deleted, before, reason: data.reason },
      }),
    );
    return { deleted, before };
  }
}
