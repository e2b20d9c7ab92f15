import { Queue } from 'bullmq';
import { ChildProcess } from 'child_process';
import { AttemptEntity } from '../../apps/api/src/modules/exam/exam.entities';
import { JobRunEntity } from '../../apps/api/src/modules/jobs/job-run.entity';
import { PaperEntity } from '../../apps/api/src/modules/papers/paper.entities';
import { JobName } from '../../apps/api/src/queue/jobs';
import { bootApp, Session, TestContext } from '../support/app';
import { createSession, roster, seedDemoWorld, signIn } from '../support/exam-factories';
import { inDays, seedBank, SeededBank, SeededInstitution, seedInstitution } from '../support/papers-factories';
import { OwnRedis } from '../support/redis-server';
import { startWorker, stopWorker } from '../support/worker-process';
import { buildOnce, report, waitFor } from './harness';

/** More than one chunk of 500 per-candidate papers, so chunk jobs wait in the queue while another is drawn. */
const CANDIDATES = 1100;
const RECOVERY_BOUND_MS = 30_000;

/**
 * Redis restarted empty (no persistence) while work waits in it. The processes keep running; their reconcilers
 * find the runs `job_runs` has and BullMQ lost, and add them again under their own ids and planned times.
 */
describe('Fault: Redis comes back empty', () => {
  let redis: OwnRedis;
  let ctx: TestContext;
  let worker: ChildProcess | undefined;
  let centre: Session;

  beforeAll(async () => {
    buildOnce();
    redis = await OwnRedis.start();
    ctx = await bootApp({ REDIS_URL: redis.url, RUN_JOBS: 'false' });
    centre = await ctx.newUser(['centre']);
  });
  afterEach(async () => {
    if (worker) await stopWorker(worker);
    worker = undefined;
  });
  afterAll(async () => {
    await ctx?.close();
    await redis?.down();
  });

  describe('during a per-candidate assembly', () => {
    let bank: SeededBank;
    let inst: SeededInstitution;
    beforeAll(async () => {
      bank = await seedBank(ctx);
      inst = await seedInstitution(ctx, centre, [{ occupation: bank.occupation, levels: [bank.level] }]);
    });

    it('reaches ready with exactly the papers asked for, within 30 s of the restart, without restarting a process', async () => {
      // One job at a time: while one chunk is drawn the others wait in Redis, which is what a restart loses.
      worker = await startWorker({ REDIS_URL: redis.url, WORKER_CONCURRENCY: '1' });
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

      const chunkRuns = () =>
        ctx.db.manager
          .createQueryBuilder(JobRunEntity, 'r')
          .where('r.name = :name AND r.key LIKE :key', { name: JobName.PaperAssembleChunk, key: `%:${id}:%` })
          .getMany();
      await waitFor(
        'chunk jobs queued and the first being drawn',
        async () => (await chunkRuns()).length === 3 && (await centre.get(`/paper-requests/${id}`)).body.progress > 0,
        120_000,
        50,
      );
      const waiting = (await chunkRuns()).filter((r) => r.status === 'queued').length;
      const progressAtRestart = (await centre.get(`/paper-requests/${id}`)).body.progress as number;

      const before = await redis.runId();
      const restartedAt = Date.now();
      await redis.restart();
      // No persistence: a new server is an empty one.
      const emptyRestart = (await redis.runId()) !== before;

      const done = await waitFor(
        'the request to be ready',
        async () => ((await centre.get(`/paper-requests/${id}`)).body.status === 'ready' ? Date.now() : undefined),
        120_000,
        200,
      );
      const rows = await ctx.db.manager.find(PaperEntity, {
        select: { form: true, kind: true },
        where: { requestId: id },
      });
      const forms = new Set(rows.map((r) => r.form));
      report('redis-loss during assembly', {
        'candidates asked': CANDIDATES,
        'chunk jobs waiting at restart': waiting,
        'progress at restart': `${progressAtRestart}%`,
        'Redis restarted empty': String(emptyRestart),
        'restart to ready (s)': ((done - restartedAt) / 1000).toFixed(1),
        papers: rows.length,
        duplicates: rows.length - forms.size,
      });
      expect(waiting).toBeGreaterThan(0);
      expect(emptyRestart).toBe(true);
      expect(rows).toHaveLength(CANDIDATES);
      expect(forms.size).toBe(CANDIDATES);
      expect(Math.max(...forms)).toBe(CANDIDATES - 1);
      expect(done - restartedAt).toBeLessThan(RECOVERY_BOUND_MS);
    });
  });

  describe('during a session', () => {
    it('submits every open attempt at the deadline and restores the scheduled jobs', async () => {
      worker = await startWorker({
        REDIS_URL: redis.url,
        AUDIT_VERIFY_EVERY_MINUTES: '60',
        RETENTION_PURGE_EVERY_MINUTES: '1440',
      });
      const world = await seedDemoWorld(ctx);
      // A one-minute session that began 45 s ago: it ends in 15 s, and its deadline job waits in Redis until then.
      const s = await createSession(ctx, world, {
        candidates: roster(6),
        startsAt: Date.now() - 45_000,
        durationMinutes: 1,
      });
      const endsAt = Date.parse(s.body.endsAt as string);
      const grace = Number(process.env.EXAM_SAVE_GRACE_SECONDS) * 1000;
      for (const c of s.candidates) {
        const cand = await signIn(ctx, c);
        await cand
          .put('/exam/attempt/answers/1')
          .send({ answer: true, seq: 1, clientTime: new Date().toISOString() })
          .expect(200);
      }
      const queue = new Queue('jobs', { connection: { url: redis.url }, prefix: process.env.QUEUE_PREFIX });
      try {
        await waitFor(
          'the deadline job to wait in Redis',
          async () => (await queue.getJobCounts('delayed')).delayed > 0,
          10_000,
        );
        const before = await redis.runId();
        const restartedAt = Date.now();
        await redis.restart();
        const emptyRestart = (await redis.runId()) !== before;

        const schedulersBack = await waitFor(
          'both scheduled jobs back',
          async () => ((await queue.getJobSchedulers()).length === 2 ? Date.now() : undefined),
          RECOVERY_BOUND_MS,
          250,
        );
        const allSubmitted = await waitFor(
          'every attempt submitted',
          async () => {
            const attempts = await ctx.db.manager.findBy(AttemptEntity, { sessionId: s.id });
            return attempts.every((a) => a.status === 'submitted') ? Date.now() : undefined;
          },
          endsAt + grace - Date.now() + RECOVERY_BOUND_MS,
          250,
        );
        const attempts = await ctx.db.manager.findBy(AttemptEntity, { sessionId: s.id });
        const byDeadline = attempts.filter((a) => a.submittedBy === 'deadline');
        const lateness = Math.max(...attempts.map((a) => (a.submittedAt ?? 0) - (endsAt + grace)));
        report('redis-loss during a session', {
          attempts: attempts.length,
          'deadline submissions after Redis loss': byDeadline.length,
          'restart before deadline (s)': ((endsAt + grace - restartedAt) / 1000).toFixed(1),
          'latest submission after deadline (s)': (lateness / 1000).toFixed(1),
          'Redis restarted empty': String(emptyRestart),
          'restart to schedules back (s)': ((schedulersBack - restartedAt) / 1000).toFixed(1),
        });
        expect(emptyRestart).toBe(true);
        expect(byDeadline).toHaveLength(s.candidates.length);
        expect(Math.min(...attempts.map((a) => a.submittedAt ?? 0))).toBeGreaterThanOrEqual(endsAt + grace);
        expect(allSubmitted).toBeGreaterThan(0);
        expect(lateness).toBeLessThan(RECOVERY_BOUND_MS);
      } finally {
        await queue.close();
      }
    });
  });
});
