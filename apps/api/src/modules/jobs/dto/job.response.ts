import { ApiProperty } from '@nestjs/swagger';
import type { JobStatus } from '../job-run.entity';

const JOB_STATUSES: JobStatus[] = ['queued', 'running', 'completed', 'failed'];

export class JobView {
  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'items.import' })
  name!: string;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus' })
  status!: JobStatus;

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress!: number;

  @ApiProperty({ description: 'Deliveries so far (a failed attempt is retried with backoff)' })
  attempts!: number;

  @ApiProperty({
    nullable: true,
    description: 'What the job returned once completed, e.g. an import’s `{imported, warnings}` or `{errors}`',
    type: 'object',
    additionalProperties: true,
  })
  result!: unknown;

  @ApiProperty({ nullable: true, type: String })
  error!: string | null;

  @ApiProperty({ nullable: true, type: String })
  createdAt!: string | null;

  @ApiProperty({ nullable: true, type: String })
  updatedAt!: string | null;
}

/** A request whose work was queued: follow it at GET /jobs/{jobId}. */
export class QueuedJobView {
  @ApiProperty({ description: 'Follow it at GET /jobs/{jobId}' })
  jobId!: string;

  @ApiProperty({ example: 'queued' })
  status!: string;
}
