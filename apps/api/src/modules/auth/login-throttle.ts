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

  /** Seconds until the caller may try again, or 0 when none of its keys is over the limit. */
  async retryAfter(keys: string[]): Promise<number> {
    let wait = 0;
    for (const key of keys) {
      const { count, ttlMs } = await this.read(key);
      if (count >= this.max) wait = Math.max(wait, Math.ceil(ttlMs / 1000));
    }
    return wait;
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

  private async read(key: string): Promise<{ count: number; ttlMs: number }> {
    if (this.redis) {
      const k = `${this.prefix}:${key}`;
      const [count, ttl] = await Promise.all([this.redis.get(k), this.redis.pttl(k)]);
      return { count: Number(count ?? 0), ttlMs: Math.max(ttl, 1000) };
    }
    const slot = this.memory.get(key);
    if (!slot || slot.resetAt <= Date.now()) return { count: 0, ttlMs: 0 };
    return { count: slot.count, ttlMs: slot.resetAt - Date.now() };
  }
}
