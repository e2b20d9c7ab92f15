import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobsRepository } from '../modules/jobs/jobs.repository';
import { DiscoveredJobRegistry, JobRegistry } from './job-registry';
import { PROCESS_ROLE, ProcessRole, QueueService } from './queue.service';

@Global()
@Module({})
export class QueueModule {
  static forRoot(role: ProcessRole): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: PROCESS_ROLE, useValue: role },
        { provide: JobRegistry, useClass: DiscoveredJobRegistry },
        JobsRepository,
        QueueService,
      ],
      exports: [JobRegistry, QueueService, JobsRepository, PROCESS_ROLE],
    };
  }
}
