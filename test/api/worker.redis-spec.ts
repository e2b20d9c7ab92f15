import { Queue } from 'bullmq';
import { ChildProcess } from 'child_process';
import { JobName } from '../../apps/api/src/queue/jobs';
import { QueueService } from '../../apps/api/src/queue/queue.service';
import { bootApp, TestContext, unique } from '../support/app';
import { startWorker, stopWorker } from '../support/worker-process';

/** `npm run worker` on another process: the API only enqueues, the worker runs the job and records its result. */
describe('Queue worker process', () => {
  let ctx: TestContext;
  let worker: ChildProcess;

  beforeAll(async () => {
    ctx = await bootApp({ RUN_JOBS: 'false' });
    worker = await startWorker({ AUDIT_VERIFY_EVERY_MINUTES: '60' });
  });
  afterAll(async () => {
    await stopWorker(worker);
    await ctx.close();
  });

  it('runs the audit-chain verification enqueued by the API process', async () => {
    const admin = await ctx.admin();
    const queue = ctx.app.get(QueueService);
    expect(queue.driverName).toBe('bullmq');
    const run = await queue.enqueue(
      JobName.AuditVerify,
      { reason: 'manual' },
      { key: unique('worker-'), createdBy: admin.user.id },
    );
    let body: { status: string; attempts: number; result: { ok: boolean; entries: number } | null } = {
      status: 'queued',
      attempts: 0,
      result: null,
    };
    for (let i = 0; i < 150 && !['completed', 'failed'].includes(body.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      body = (await admin.get(`/jobs/${run.id}`)).body;
    }
    expect(body).toMatchObject({ status: 'completed', attempts: 1, result: { ok: true } });
    expect(body.result!.entries).toBeGreaterThan(0);
  });

  it('registers the scheduled chain verification with BullMQ', async () => {
    const queue = new Queue('jobs', { connection: { url: ctx.config.redis!.url }, prefix: ctx.config.redis!.prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => ({ key: s.key, name: s.name, every: Number(s.every) }))).toContainEqual({
        key: 'schedule:audit.verify',
        name: 'audit.verify',
        every: 3_600_000,
      });
    } finally {
      await queue.close();
    }
  });

  it('reports the BullMQ queue as up in /api/health', async () => {
    const res = await ctx.http.get('/api/health');
    expect(res.body.queue).toMatchObject({ driver: 'bullmq', status: 'up' });
  });
});
