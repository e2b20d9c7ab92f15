import { bootApp, TestContext } from '../support/app';
import { createSession, seedDemoWorld, signIn } from '../support/exam-factories';
import { OwnRedis } from '../support/redis-server';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * The API's answers while a dependency is away: health says so within a second, and a lost database connection is a
 * retryable 503 with its own code. The app talks to a Redis of this test's own and to MariaDB through a relay this
 * test can cut, so the shared servers are never touched.
 */
describe('Outages', () => {
  let redis: OwnRedis;
  let proxy: TcpProxy;
  let ctx: TestContext;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    const db = new URL(process.env.DATABASE_URL!);
    proxy = await TcpProxy.start({ host: db.hostname, port: Number(db.port || 3306) });
    db.host = `127.0.0.1:${proxy.port}`;
    ctx = await bootApp({ DATABASE_URL: db.toString(), REDIS_URL: redis.url, DB_POOL_SIZE: '4' });
  });
  afterAll(async () => {
    await proxy.restore();
    await redis.up();
    await ctx.close();
    await proxy.cut();
    await redis.down();
  });

  async function timedHealth(): Promise<{
    status: number;
    body: { database: { status: string }; queue: { status: string } };
    ms: number;
  }> {
    const started = Date.now();
    const res = await ctx.http.get('/api/health');
    return { status: res.status, body: res.body, ms: Date.now() - started };
  }

  it('answers health with 503 within a second while Redis is down, and 200 once it is back', async () => {
    expect((await timedHealth()).status).toBe(200);
    await redis.down();
    try {
      for (let i = 0; i < 3; i++) {
        const res = await timedHealth();
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ database: { status: 'up' }, queue: { status: 'down' } });
        expect(res.ms).toBeLessThan(1000);
      }
    } finally {
      await redis.up();
    }
    let back = await timedHealth();
    for (let i = 0; i < 50 && back.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = await timedHealth();
    }
    expect(back.status).toBe(200);
  });

  it('answers health with 503 within a second while the database is unreachable', async () => {
    await proxy.cut();
    try {
      const res = await timedHealth();
      expect(res.status).toBe(503);
      expect(res.body.database.status).toBe('down');
      expect(res.ms).toBeLessThan(1000);
    } finally {
      await proxy.restore();
    }
  });

  it('answers a save with 503 DATABASE_UNAVAILABLE while the database is unreachable, and stores it once it is back', async () => {
    const world = await seedDemoWorld(ctx);
    const s = await createSession(ctx, world, { candidates: undefined });
    const candidate = await signIn(ctx, s.candidates[0]);
    await candidate.get('/exam/attempt').expect(200);
    await proxy.cut();
    try {
      const res = await candidate
        .put('/exam/attempt/answers/1')
        .send({ answer: true, seq: 1, clientTime: new Date().toISOString() });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
      const staff = await s.staff.get(`/exam-sessions/${s.id}`);
      expect(staff.status).toBe(503);
      expect(staff.body.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      await proxy.restore();
    }
    // What the exam client does with a 5xx: the same save again.
    const again = await candidate
      .put('/exam/attempt/answers/1')
      .send({ answer: true, seq: 1, clientTime: new Date().toISOString() });
    expect(again.status).toBe(200);
    expect(again.body.seq).toBe(1);
  });
});
