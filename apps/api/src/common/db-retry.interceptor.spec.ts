import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { defer, lastValueFrom } from 'rxjs';
import { DbRetryInterceptor } from './db-retry.interceptor';

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
