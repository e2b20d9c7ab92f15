import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../queue/job-registry';
import { JobName } from '../../queue/jobs';
import { AuditService } from './audit.service';

/** The scheduled chain check: a broken chain is logged as an error and kept as the run's result for `GET /jobs/{id}`. */
@Injectable()
export class AuditVerifyProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.AuditVerify, async (_data, ctx) => {
      const result = await this.audit.verify();
      await ctx.progress(100);
      return result;
    });
  }
}
