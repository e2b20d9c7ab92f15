import { JobsRepository } from '../../apps/api/src/modules/jobs/jobs.repository';
import { JobName } from '../../apps/api/src/queue/jobs';
import { QueueService } from '../../apps/api/src/queue/queue.service';
import { bootApp, TestContext, unique } from '../support/app';
import { waitForJob } from '../support/items-factories';

/** `job_runs` is the queue's outbox: a run the driver never got (or lost) is handed to it again by the reconciler. */
describe('Queue reconciliation', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // A long period: the test calls the reconciler itself, so the timer's round cannot be what made it pass.
    ctx = await bootApp({ RECONCILE_SECONDS: '3600' });
  });
  afterAll(() => ctx.close());

  it('runs a queued run the driver does not hold, once, and leaves runs it holds alone', async () => {
    const admin = await ctx.admin();
    const queue = ctx.app.get(QueueService);
    const runs = ctx.app.get(JobsRepository);
    // What a lost hand-off leaves behind: the committed row, and nothing in the queue.
    const { run } = await runs.upsertQueued({
      key: `${JobName.AuditVerify}:${unique('lost-')}`,
      name: JobName.AuditVerify,
      payload: { reason: 'manual' },
      createdBy: admin.user.id,
      now: Date.now() - 60_000,
    });
    expect((await admin.get(`/jobs/${run.id}`)).body.status).toBe('queued');
    await new Promise((r) => setTimeout(r, 500));
    expect((await admin.get(`/jobs/${run.id}`)).body.status).toBe('queued');

    expect(await queue.reconcile()).toBeGreaterThanOrEqual(1);
    const done = await waitForJob(admin, run.id);
    expect(done).toMatchObject({ status: 'completed', result: { ok: true } });
    expect((await admin.get(`/jobs/${run.id}`)).body.attempts).toBe(1);
    await queue.reconcile();
    expect((await admin.get(`/jobs/${run.id}`)).body).toMatchObject({ status: 'completed', attempts: 1 });
  });

  it('marks a lost import failed: its file lived only in the queue', async () => {
    const admin = await ctx.admin();
    const queue = ctx.app.get(QueueService);
    const runs = ctx.app.get(JobsRepository);
    const { run } = await runs.upsertQueued({
      key: `${JobName.ItemImport}:${unique('lost-')}`,
      name: JobName.ItemImport,
      payload: { bankId: 'b', format: 'xlsx', $transient: true },
      createdBy: admin.user.id,
      now: Date.now() - 60_000,
    });
    await queue.reconcile();
    const body = (await admin.get(`/jobs/${run.id}`)).body;
    expect(body.status).toBe('failed');
    expect(body.error).toMatch(/Submit it again/);
  });
});
