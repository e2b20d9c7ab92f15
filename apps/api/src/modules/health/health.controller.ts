import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { withTimeout } from '../../common/timeout';
import { Db } from '../../database/db.service';
import { QueueService } from '../../queue/queue.service';
import { Public } from '../auth/decorators';
import { HealthResponse } from './dto/health.response';
import { VERSION } from '../../version';

/** Each dependency gets this long; both are asked at once, so the answer comes well within a second. */
const CHECK_TIMEOUT_MS = 700;

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
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthResponse> {
    const [database, queue] = await Promise.all([this.database(), this.queueState()]);
    const ok = database.status === 'up' && queue.status === 'up';
    void res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', version: VERSION, database, queue };
  }

  private async database(): Promise<{ status: 'up' | 'down'; driver: string; latencyMs?: number; error?: string }> {
    const started = Date.now();
    try {
      await withTimeout(this.db.dataSource.query('SELECT 1'), CHECK_TIMEOUT_MS, 'The database');
      return { status: 'up', driver: this.db.kind, latencyMs: Date.now() - started };
    } catch (err) {
      return { status: 'down', driver: this.db.kind, error: (err as Error).message };
    }
  }

  private async queueState(): Promise<{
    status: 'up' | 'down';
    driver: string;
    counts?: Record<string, number>;
    error?: string;
  }> {
    try {
      const q = await withTimeout(this.queue.status(), CHECK_TIMEOUT_MS, 'The queue');
      return { status: q.ok ? 'up' : 'down', driver: q.driver, counts: q.counts, error: q.error };
    } catch (err) {
      return { status: 'down', driver: this.queue.driverName, error: (err as Error).message };
    }
  }
}
