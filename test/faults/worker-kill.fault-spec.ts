import { ChildProcess } from 'child_process';
import { JobRunEntity } from '../../apps/api/src/modules/jobs/job-run.entity';
import { PaperEntity } from '../../apps/api/src/modules/papers/paper.entities';
import { JobName } from '../../apps/api/src/queue/jobs';
import { bootApp, Session, TestContext } from '../support/app';
import { inDays, seedBank, seedInstitution } from '../support/papers-factories';
import { OwnRedis } from '../support/redis-server';
import { startWorker, stopWorker } from '../support/worker-process';
import { buildOnce, report, waitFor } from './harness';

const CANDIDATES = 1100;

/**
 * kill -9 of one of two workers while both draw chunks of a per-candidate request: the other worker takes the dead
 * one's chunk once its lock lapses, and the request ends with exactly the papers asked for, none twice.
 */
describe('Fault: a worker killed mid-draw', () => {
  let redis: OwnRedis;
  let ctx: TestContext;
  let centre: Session;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    buildOnce();
    redis = await OwnRedis.start();
    ctx = await bootApp({ REDIS_URL: redis.url, RUN_JOBS: 'false' });
    centre = await ctx.newUser(['centre']);
  });
  afterAll(async () => {
    for (const w of workers) await stopWorker(w);
    await ctx?.close();
    await redis?.down();
  });

  it('ends ready with exactly the requested papers', async () => {
    const bank = await seedBank(ctx);
    const inst = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
    for (let i = 0; i < 2; i++) workers.push(await startWorker({ REDIS_URL: redis.url, WORKER_CONCURRENCY: '1' }));
    const created = await inst.user.post('/paper-requests').send({
      occupation: bank.occupation,
      level: bank.level,
      examDate: inDays(20),
      perCandidate: true,
      candidates: CANDIDATES,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await centre.post(`/paper-requests/${id}/approve`).send({}).expect(200);

    const running = () =>
      ctx.db.manager
        .createQueryBuilder(JobRunEntity, 'r')
        .where('r.name = :name AND r.key LIKE :key AND r.status = :status', {
          name: JobName.PaperAssembleChunk,
          key: `%:${id}:%`,
          status: 'running',
        })
        .getCount();
    // Both workers are drawing a chunk each: whichever dies, it dies mid-draw.
    await waitFor('two chunks drawn at once', async () => (await running()) === 2, 120_000, 50);
    const progressAtKill = (await centre.get(`/paper-requests/${id}`)).body.progress as number;
    const killedAt = Date.now();
    await stopWorker(workers[0], 'SIGKILL');

    const done = await waitFor(
      'the request to be ready',
      async () => ((await centre.get(`/paper-requests/${id}`)).body.status === 'ready' ? Date.now() : undefined),
      150_000,
      200,
    );
    const rows = await ctx.db.manager.find(PaperEntity, { select: { form: true }, where: { requestId: id } });
    const forms = new Set(rows.map((r) => r.form));
    report('worker-kill mid-draw', {
      'candidates asked': CANDIDATES,
      'progress at kill': `${progressAtKill}%`,
      'kill to ready (s)': ((done - killedAt) / 1000).toFixed(1),
      papers: rows.length,
      duplicates: rows.length - forms.size,
    });
    expect(rows).toHaveLength(CANDIDATES);
    expect(forms.size).toBe(CANDIDATES);
    expect(Math.max(...forms)).toBe(CANDIDATES - 1);
  });
});
