import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, AppConfig } from '../../config/config';

/**
 * One failure: the count goes up and the window starts with the first failure, in one atomic step, so a counter can
 * never exist without its expiry (a process that died between an INCR and a PEXPIRE would lock a name out for good).
 */
const FAIL_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Each key's count and milliseconds left; a counter found without expiry gets the window, so it cannot stay forever. */
const READ_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local n = tonumber(redis.call('GET', key) or '0')
  local ttl = redis.call('PTTL', key)
  if n > 0 and ttl < 0 then redis.call('PEXPIRE', key, ARGV[1]); ttl = tonumber(ARGV[1]) end
  out[2 * i - 1] = n
  out[2 * i] = ttl
end
return out`;

type ThrottleRedis = IORedis & {
  loginFail(key: string, windowMs: number): Promise<number>;
  loginRead(keyCount: number, ...keysThenWindow: (string | number)[]): Promise<number[]>;
};

/** Keys held in process memory without Redis: enough for every address of a large exam day, bounded all the same. */
const MEMORY_KEYS = 100_000;

/**
 * Counts failed sign-ins per user name and per client address in a window that starts with the first failure
 * (LOGIN_MAX_FAILURES within LOGIN_WINDOW_SECONDS). Only failures count: a room of candidates behind one address
 * signs in freely. With Redis the counters are shared by every API process (two Lua scripts); without it they live
 * in this process, in a bounded cache whose entries expire with their window.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly redis?: ThrottleRedis;
  private readonly memory: LRUCache<string, { count: number }>;
  private readonly windowMs: number;
  private readonly max: number;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.windowMs = config.login.windowSeconds * 1000;
    this.max = config.login.maxFailures;
    this.prefix = `${config.queuePrefix}:login-fail`;
    this.memory = new LRUCache({ max: MEMORY_KEYS, ttl: this.windowMs, updateAgeOnGet: false });
    if (config.redis) {
      const redis = new IORedis(config.redis.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
      redis.defineCommand('loginFail', { numberOfKeys: 1, lua: FAIL_SCRIPT });
      redis.defineCommand('loginRead', { lua: READ_SCRIPT });
      this.redis = redis as ThrottleRedis;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  /** Seconds until the caller may try again (0 when no key is over the limit), and which keys have failures now. */
  async check(keys: string[]): Promise<{ retryAfterSeconds: number; failing: boolean[] }> {
    const counts = await this.read(keys);
    let wait = 0;
    for (const { count, ttlMs } of counts)
      if (count >= this.max) wait = Math.max(wait, Math.ceil(Math.max(ttlMs, 1000) / 1000));
    return { retryAfterSeconds: wait, failing: counts.map((c) => c.count > 0) };
  }

  async fail(keys: string[]): Promise<void> {
    for (const key of keys) {
      if (this.redis) await this.redis.loginFail(`${this.prefix}:${key}`, this.windowMs);
      else {
        const slot = this.memory.get(key);
        // The window runs from the first failure: a later one must not extend it.
        if (slot) slot.count++;
        else this.memory.set(key, { count: 1 });
      }
    }
  }

  async clear(key: string): Promise<void> {
    if (this.redis) await this.redis.del(`${this.prefix}:${key}`);
    else this.memory.delete(key);
  }

  /** Every key's count and time left, in one round trip. */
  private async read(keys: string[]): Promise<{ count: number; ttlMs: number }[]> {
    if (this.redis) {
      const reply = await this.redis.loginRead(keys.length, ...keys.map((k) => `${this.prefix}:${k}`), this.windowMs);
      return keys.map((_, i) => ({ count: Number(reply[2 * i]), ttlMs: Number(reply[2 * i + 1]) }));
    }
    return keys.map((key) => {
      const slot = this.memory.get(key);
      return slot ? { count: slot.count, ttlMs: this.memory.getRemainingTTL(key) } : { count: 0, ttlMs: 0 };
    });
  }
}
