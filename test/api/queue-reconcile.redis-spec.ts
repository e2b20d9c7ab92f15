import { Queue } from 'bullmq';
import { randomUUID } from 'crypto';
import { JobsRepository } from '../../apps/api/src/modules/jobs/jobs.repository';
import { JobName } from '../../apps/api/src/queue/jobs';
import { QueueService } from '../../apps/api/src/queue/queue.service';
import { bootApp, TestContext, unique } from '../support/app';

/** On BullMQ: a delayed job Redis lost comes back under the same id, still delayed to its planned time. */
describe('Queue reconciliation on BullMQ', () => {
  let ctx: TestContext;
  let bull: Queue;
  beforeAll(async () => {
    ctx = await bootApp({ RECONCILE_SECONDS: '3600' });
    bull = new Queue('jobs', { connection: { url: ctx.config.redis!.url }, prefix: ctx.config.redis!.prefix });
  });
  afterAll(async () => {
    await bull.close();
    await ctx.close();
  });

  it('re-adds a lost deadline job at its planned time, not at once', async () => {
    const queue = ctx.app.get(QueueService);
    const runs = ctx.app.get(JobsRepository);
    const now = Date.now();
    // A deadline run whose job Redis lost: the committed row, its planned time, nothing in BullMQ.
    const { run } = await runs.upsertQueued({
      key: `${JobName.SessionDeadline}:${unique('deadline-')}`,
      name: JobName.SessionDeadline,
      payload: { sessionId: randomUUID() },
      createdBy: null,
      now: now - 60_000,
      runAt: now + 60_000,
    });
    expect(await bull.getJobState(run.id)).toBe('unknown');

    await queue.reconcile();
    const job = await bull.getJob(run.id);
    expect(await bull.getJobState(run.id)).toBe('delayed');
    expect(Math.abs(job!.timestamp + job!.delay - (now + 60_000))).toBeLessThan(1000);
    await queue.reconcile();
    expect((await bull.getJobCounts('delayed')).delayed).toBeGreaterThanOrEqual(1);
    expect((await bull.getJob(run.id))!.timestamp).toBe(job!.timestamp);
    await bull.remove(run.id);
  });
});
