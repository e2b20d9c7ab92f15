import 'reflect-metadata';
import {
  Controller,
  Get,
  Module,
  Put,
  Sse,
  type CallHandler,
  type ExecutionContext,
  type MessageEvent,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { defer, lastValueFrom, of, type Observable } from 'rxjs';
import { DbRetryInterceptor, useReadRetry } from './db-retry.interceptor';

const contextFor = (method: string) =>
  ({ getType: () => 'http', switchToHttp: () => ({ getRequest: () => ({ method }) }) }) as unknown as ExecutionContext;

/** A route handler that fails with `errors` in turn, then answers; counts its calls. */
function handler(errors: unknown[]): CallHandler & { calls: number } {
  const h = {
    calls: 0,
    handle: () =>
      defer(async () => {
        const err = errors[h.calls++];
        if (err) throw err;
        return 'answer';
      }),
  };
  return h;
}

const lost = Object.assign(new Error('Connection lost: The server closed the connection.'), {
  code: 'PROTOCOL_CONNECTION_LOST',
});

describe(DbRetryInterceptor.name, () => {
  const interceptor = new DbRetryInterceptor();

  it('runs a read once more when its database connection was lost', async () => {
    const h = handler([lost]);
    await expect(lastValueFrom(interceptor.intercept(contextFor('GET'), h))).resolves.toBe('answer');
    expect(h.calls).toBe(2);
  });

  it('gives up on a read after one retry', async () => {
    const h = handler([lost, lost]);
    await expect(lastValueFrom(interceptor.intercept(contextFor('GET'), h))).rejects.toBe(lost);
    expect(h.calls).toBe(2);
  });

  it('never runs a write twice', async () => {
    const h = handler([lost]);
    await expect(lastValueFrom(interceptor.intercept(contextFor('POST'), h))).rejects.toBe(lost);
    expect(h.calls).toBe(1);
  });

  it('does not retry a read that failed for another reason', async () => {
    const other = new Error('syntax error');
    const h = handler([other]);
    await expect(lastValueFrom(interceptor.intercept(contextFor('GET'), h))).rejects.toBe(other);
    expect(h.calls).toBe(1);
  });
});

describe(useReadRetry.name, () => {
  it('retries a GET route whose connection was lost, once, and never a write route', async () => {
    let reads = 0;
    let writes = 0;
    @Controller('r')
    class ReadsAndWrites {
      @Get()
      read() {
        if (reads++ === 0) throw lost;
        return { reads };
      }

      @Put()
      write() {
        writes++;
        throw lost;
      }
    }
    @Module({ controllers: [ReadsAndWrites] })
    class RetryModule {}
    const app = await NestFactory.create<NestFastifyApplication>(RetryModule, new FastifyAdapter(), { logger: false });
    useReadRetry(app);
    useReadRetry(app);
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    const read = await fastify.inject('/r');
    const write = await fastify.inject({ method: 'PUT', url: '/r' });
    await app.close();
    expect([read.statusCode, read.json(), reads]).toEqual([200, { reads: 2 }, 2]);
    expect([write.statusCode, writes]).toEqual([500, 1]);
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, ReadsAndWrites.prototype.read)).toHaveLength(1);
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, ReadsAndWrites.prototype.write)).toBeUndefined();
  });

  it('leaves a Server-Sent Events route alone: a stream is not a read to run twice', async () => {
    @Controller('s')
    class Streams {
      @Sse()
      stream(): Observable<MessageEvent> {
        return of({ data: { ok: true } });
      }
    }
    @Module({ controllers: [Streams] })
    class StreamModule {}
    const app = await NestFactory.create<NestFastifyApplication>(StreamModule, new FastifyAdapter(), { logger: false });
    useReadRetry(app);
    await app.close();
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, Streams.prototype.stream)).toBeUndefined();
  });
});
