import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/config';

/**
 * Counts failed sign-ins per user name and per client address in a fixed window. With Redis the counters are shared
 * by every API process; without it they live in this process.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly redis?: IORedis;
  private readonly memory = new Map<string, { count: number; resetAt: number }>();
  private readonly windowMs: number;
  private readonly max: number;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.windowMs = config.login.windowSeconds * 1000;
    this.max = config.login.maxFailures;
    this.prefix = `${config.queuePrefix}:login-fail`;
    if (config.redis) this.redis = new IORedis(config.redis.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  /** Seconds until the caller may try again (0 when no key is over the limit), and which keys have failures now. */
  async check(keys: string[]): Promise<{ retryAfterSeconds: number; failing: boolean[] }> {
    const counts = await this.read(keys);
    let wait = 0;
    for (const { count, ttlMs } of counts) if (count >= this.max) wait = Math.max(wait, Math.ceil(ttlMs / 1000));
    return { retryAfterSeconds: wait, failing: counts.map((c) => c.count > 0) };
  }

  async fail(keys: string[]): Promise<void> {
    for (const key of keys) {
      if (this.redis) {
        const k = `${this.prefix}:${key}`;
        const n = await this.redis.incr(k);
        if (n === 1) await this.redis.pexpire(k, this.windowMs);
      } else {
        const now = Date.now();
        const slot = this.memory.get(key);
        if (!slot || slot.resetAt <= now) this.memory.set(key, { count: 1, resetAt: now + this.windowMs });
        else slot.count++;
      }
    }
  }

  async clear(key: string): Promise<void> {
    if (this.redis) await this.redis.del(`${this.prefix}:${key}`);
    else this.memory.delete(key);
  }

  /** Every key's count and time left in one round trip. */
  private async read(keys: string[]): Promise<{ count: number; ttlMs: number }[]> {
    if (this.redis) {
      const pipeline = this.redis.pipeline();
      for (const key of keys) pipeline.get(`${this.prefix}:${key}`).pttl(`${this.prefix}:${key}`);
      const replies = (await pipeline.exec()) ?? [];
      return keys.map((_, i) => {
        const [countErr, count] = replies[2 * i] ?? [];
        const [ttlErr, ttl] = replies[2 * i + 1] ?? [];
        if (countErr || ttlErr) throw countErr ?? ttlErr;
        return { count: Number(count ?? 0), ttlMs: Math.max(Number(ttl), 1000) };
      });
    }
    const now = Date.now();
    return keys.map((key) => {
      const slot = this.memory.get(key);
      return !slot || slot.resetAt <= now ? { count: 0, ttlMs: 0 } : { count: slot.count, ttlMs: slot.resetAt - now };
    });
  }
}
