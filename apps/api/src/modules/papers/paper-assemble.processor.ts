import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../../queue/job-registry';
import { JobName } from '../../queue/jobs';
import { PaperAssemblyService } from './paper-assembly.service';

/** Registers the assembly jobs: the whole request, and the chunks a large per-candidate request is split into. */
@Injectable()
export class PaperAssembleProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly assembly: PaperAssemblyService,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.PaperAssemble, (data, ctx) => this.assembly.assemble(data.requestId, ctx));
    this.registry.register(JobName.PaperAssembleChunk, (data, ctx) => this.assembly.assembleChunk(data, ctx));
  }
}
