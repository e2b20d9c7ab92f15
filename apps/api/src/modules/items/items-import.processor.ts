import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../queue/job-handler.decorator';
import { JobContext, JobName, JobOf } from '../../queue/jobs';
import { ItemTransferService, JOB_RESULT_MAX_ERRORS } from './items-transfer.service';

/**
 * A large import: the same all-or-nothing work as a small one, in one transaction, with progress on the run row.
 * A file with errors is a completed run whose result lists them (retrying would not fix the file); only an
 * unexpected failure throws and is retried. A retried run that already committed is not run again (run status).
 */
@Injectable()
export class ItemImportProcessor {
  constructor(private readonly transfer: ItemTransferService) {}

  @JobHandler(JobName.ItemImport)
  async run(data: JobOf<JobName.ItemImport>, ctx: JobContext) {
    await ctx.progress(1);
    const result = await this.transfer.importFile(
      { id: data.actorId, name: data.actorName },
      data.bankId,
      Buffer.from(data.fileBase64, 'base64'),
      data.format,
      {
        status: data.status,
        fileName: data.fileName,
        progress: (p) => ctx.progress(p),
      },
    );
    const errorCount = result.errors.length;
    return { ...result, errors: result.errors.slice(0, JOB_RESULT_MAX_ERRORS), errorCount };
  }
}
