import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../queue/job-registry';
import { JobName } from '../../queue/jobs';

// Placeholder until the module's service lands; replaced by the real handler.
@Injectable()
export class RetentionPurgeProcessor implements OnModuleInit {
  constructor(private readonly registry: JobRegistry) {}

  onModuleInit(): void {
    this.registry.register(JobName.RetentionPurge, async () => {
      throw new Error('RetentionPurge is not implemented yet');
    });
    this.registry.register(JobName.AttemptDeadline, async () => {
      throw new Error('AttemptDeadline is not implemented yet');
    });
  }
}
