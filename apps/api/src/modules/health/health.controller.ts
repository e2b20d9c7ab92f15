import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Db } from '../../database/db.service';
import { QueueService } from '../../queue/queue.service';
import { Public } from '../auth/decorators';
import { HealthResponse } from './dto/health.response';
import { VERSION } from '../../version';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly db: Db,
    private readonly queue: QueueService,
  ) {}

  /** 200 when storage and queue answer, 503 otherwise; load balancers and compose health checks read the status. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'Storage or queue down' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const started = Date.now();
    let database: { status: 'up' | 'down'; driver: string; latencyMs?: number; error?: string };
    try {
      await this.db.dataSource.query('SELECT 1');
      database = { status: 'up', driver: this.db.kind, latencyMs: Date.now() - started };
    } catch (err) {
      database = { status: 'down', driver: this.db.kind, error: (err as Error).message };
    }
    const q = await this.queue.status();
    const queue = { status: q.ok ? 'up' : 'down', driver: q.driver, counts: q.counts, error: q.error };
    const ok = database.status === 'up' && q.ok;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', version: VERSION, database, queue };
  }
}
