import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, retry, throwError, timer } from 'rxjs';
import { isDatabaseUnavailable } from '../database/db.service';

/** Long enough for the pool to drop the dead connection and open a fresh one, short enough to stay unnoticed. */
const RETRY_DELAY_MS = 100;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * A read that failed because the database connection was lost is run once more: reads change nothing, so running
 * one twice is safe. Writes are not retried here (the first may have committed before the connection dropped);
 * they answer 503 DATABASE_UNAVAILABLE and the client decides, as the exam client does with its sequence numbers.
 */
@Injectable()
export class DbRetryInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http' || !SAFE_METHODS.has(ctx.switchToHttp().getRequest<FastifyRequest>().method))
      return next.handle();
    return next.handle().pipe(
      retry({
        count: 1,
        delay: (err: unknown) => (isDatabaseUnavailable(err) ? timer(RETRY_DELAY_MS) : throwError(() => err)),
      }),
    );
  }
}
