import {
  CallHandler,
  ExecutionContext,
  INestApplication,
  Injectable,
  NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, SSE_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
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

/**
 * Puts the retry on every GET route but the Server-Sent Events streams (HEAD follows its GET), ahead of the route's own interceptors, before the routes
 * are registered. Not a global interceptor: Nest runs a global one on every route, and its interceptor pipeline (rxjs,
 * an async-context binding per call) was a tenth of the CPU of an answer save, a write it never retries.
 */
export function useReadRetry(app: INestApplication): void {
  const retry = new DbRetryInterceptor();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const proto = (wrapper.metatype as { prototype?: Record<string, unknown> } | null)?.prototype;
      if (!proto) continue;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as object;
        if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) continue;
        // A stream is no read to run twice (and an interceptor would make Nest open the stream before the handler ran).
        if (Reflect.getMetadata(SSE_METADATA, handler)) continue;
        const own = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
        if (!own.some((i) => i instanceof DbRetryInterceptor))
          Reflect.defineMetadata(INTERCEPTORS_METADATA, [retry, ...own], handler);
      }
    }
}
