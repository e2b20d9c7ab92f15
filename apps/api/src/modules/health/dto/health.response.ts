import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DatabaseHealthView {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ enum: ['mysql', 'sqlite'] })
  driver!: string;

  @ApiPropertyOptional()
  latencyMs?: number;

  @ApiPropertyOptional()
  error?: string;
}

export class QueueHealthView {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: string;

  @ApiProperty({ enum: ['bullmq', 'inline'] })
  driver!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'Jobs per state' })
  counts?: Record<string, number>;

  @ApiPropertyOptional()
  error?: string;
}

/** Sent with 200 when storage and queue answer, with 503 otherwise. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] })
  status!: string;

  @ApiProperty()
  version!: string;

  @ApiProperty({ type: DatabaseHealthView })
  database!: DatabaseHealthView;

  @ApiProperty({ type: QueueHealthView })
  queue!: QueueHealthView;
}
