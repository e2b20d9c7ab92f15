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
    const c = loadConfig({ DATABASE_URL: 'mysql://root@localhost:3306/jd', REDIS_URL: 'redis://localhost:6379', RUN_JOBS: 'false' });
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

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.kind).toBe('sqlite');
  });
});
