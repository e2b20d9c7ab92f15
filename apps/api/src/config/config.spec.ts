import { ConfigError, loadConfig } from './config';

describe(loadConfig.name, () => {
  it('defaults to the embedded SQLite file, the in-process queue and the demo in development', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'sqlite', path: 'data/jianding.sqlite' });
    expect(c.redis).toBeUndefined();
    expect(c.runJobs).toBe(true);
    expect(c.demo).toBe(true);
    expect(c.jwt.ephemeral).toBe(true);
  });

  it('uses MySQL and BullMQ when their URLs are set', () => {
    const c = loadConfig({
      DATABASE_URL: 'mysql://root@localhost:3306/jd',
      REDIS_URL: 'redis://localhost:6379',
      RUN_JOBS: 'false',
    });
    expect(c.database).toMatchObject({ kind: 'mysql', url: 'mysql://root@localhost:3306/jd' });
    expect(c.redis).toEqual({ url: 'redis://localhost:6379', prefix: 'jianding' });
    expect(c.runJobs).toBe(false);
    expect(c.demo).toBe(false);
  });

  it('stops with a message naming the bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL: must be a mysql:\/\/ URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
    expect(() => loadConfig({ ADMIN_USERNAME: 'root' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('runs several API processes only with a shared database, queue and token key', () => {
    expect(loadConfig({}).apiWorkers).toBe(1);
    const shared = {
      DATABASE_URL: 'mysql://root@localhost:3306/jd',
      REDIS_URL: 'redis://localhost:6379',
      JWT_SECRET: 'x'.repeat(32),
    };
    expect(loadConfig({ ...shared, API_WORKERS: '4' }).apiWorkers).toBe(4);
    for (const missing of Object.keys(shared)) {
      expect(() => loadConfig({ ...shared, [missing]: undefined, API_WORKERS: '2' })).toThrow(
        /API_WORKERS: above 1 needs DATABASE_URL, REDIS_URL and JWT_SECRET/,
      );
    }
    expect(() => loadConfig({ API_WORKERS: '0' })).toThrow(/API_WORKERS/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.kind).toBe('sqlite');
  });

  it('reads TRUST_PROXY as Fastify reads trustProxy: true, a hop count, or addresses and names', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback,10.0.0.0/8' }).trustProxy).toBe('loopback,10.0.0.0/8');
  });
});
