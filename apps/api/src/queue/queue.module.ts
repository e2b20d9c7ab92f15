import { DynamicModule, Global, Module } from '@nestjs/common';
import { JobsRepository } from '../modules/jobs/jobs.repository';
import { JobRegistry } from './job-registry';
import { PROCESS_ROLE, ProcessRole, QueueService } from './queue.service';

@Global()
@Module({})
export class QueueModule {
  static forRoot(role: ProcessRole): DynamicModule {
    return {
      module: QueueModule,
      providers: [{ provide: PROCESS_ROLE, useValue: role }, JobRegistry, JobsRepository, QueueService],
      exports: [JobRegistry, QueueService, JobsRepository, PROCESS_ROLE],
    };
  }
}
