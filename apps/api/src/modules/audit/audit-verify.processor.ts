import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../queue/job-handler.decorator';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { AuditService } from './audit.service';

/** The scheduled chain check: a broken chain is logged as an error and kept as the run's result for `GET /jobs/{id}`. */
@Injectable()
export class AuditVerifyProcessor {
  constructor(private readonly audit: AuditService) {}

  @JobHandler(JobName.AuditVerify)
  async run(_data: JobOf<JobName.AuditVerify>, ctx: JobContext) {
    const result = await this.audit.verify();
    await ctx.progress(100);
    return result;
  }
}
