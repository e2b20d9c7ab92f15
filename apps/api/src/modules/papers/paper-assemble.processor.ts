import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../queue/job-handler.decorator';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { PaperAssemblyService } from './paper-assembly.service';

/** The assembly jobs: the whole request, and the chunks a large per-candidate request is split into. */
@Injectable()
export class PaperAssembleProcessor {
  constructor(private readonly assembly: PaperAssemblyService) {}

  @JobHandler(JobName.PaperAssemble)
  assemble(data: JobOf<JobName.PaperAssemble>, ctx: JobContext): Promise<unknown> {
    return this.assembly.assemble(data.requestId, ctx);
  }

  @JobHandler(JobName.PaperAssembleChunk)
  assembleChunk(data: JobOf<JobName.PaperAssembleChunk>, ctx: JobContext): Promise<unknown> {
    return this.assembly.assembleChunk(data, ctx);
  }
}
