import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException } from '../common/app.exception';
import { withTimeout } from '../common/timeout';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobRunEntity } from '../modules/jobs/job-run.entity';
import { JobsRepository } from '../modules/jobs/jobs.repository';
import { BullMqDriver } from './bullmq.driver';
import { InlineDriver } from './inline.driver';
import { JobRegistry } from './job-registry';
import { JobName, JobOf, Schedule } from './jobs';
import { QueueDriver, QueuedJob, QueueStatus } from './queue-driver';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
/** A recorded run, as enqueuing returns it; hand it to {@link QueueService.dispatch} after the transaction commits. */
export type JobRun = JobRunEntity;
const TRANSIENT = '$transient';
/** Rows written this recently may still be on their way to the driver (enqueue writes the row, then adds the job). */
const SETTLE_MS = 3000;
/** Outstanding runs checked against the driver per round trip. */
const RECONCILE_PAGE = 500;
/** How long a request waits for Redis to take a job before leaving it to the reconciler (the run row is committed). */
const HAND_OFF_TIMEOUT_MS = 2000;
/** Scheduled runs get a row when they start (`<job>:schedule:<queue job id>`); the schedule itself is the outbox. */
const SCHEDULED_KEY = ':schedule:';
export type ProcessRole = 'api' | 'worker' | 'cli';

/**
 * Enqueues jobs and, where this process works the queue, runs them through the registered handlers. Every run has a
 * row in `job_runs`, whatever the driver: that is what `GET /jobs/{id}` reads and what makes a redelivered job a no-op.
 */
@Injectable()
export class QueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly driver: QueueDriver;
  private readonly processes: boolean;
  private reconcileTimer?: NodeJS.Timeout;
  private reconciling?: Promise<unknown>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) role: ProcessRole,
    private readonly registry: JobRegistry,
    private readonly runs: JobsRepository,
  ) {
    this.driver = config.redis ? new BullMqDriver(config.redis.url, config.redis.prefix) : new InlineDriver();
    this.processes = role === 'worker' || (role === 'api' && config.runJobs);
  }

  get driverName(): 'bullmq' | 'inline' {
    return this.config.redis ? 'bullmq' : 'inline';
  }

  async onApplicationBootstrap(): Promise<void> {
    this.registry.assertComplete();
    if (!this.processes) return;
    await this.driver.process((job) => this.execute(job), this.config.workerConcurrency);
    await this.reconcile();
    this.reconcileTimer = setInterval(() => {
      // One round at a time per process; several processes reconciling at once only add the same job ids twice.
      this.reconciling ??= this.reconcile()
        .catch((err: Error) => this.logger.warn(`reconciliation failed: ${err.message}`))
        .finally(() => (this.reconciling = undefined));
    }, this.config.reconcileSeconds * 1000);
    this.reconcileTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.reconcileTimer);
    await this.reconciling;
    await this.driver.close();
  }

  /**
   * `job_runs` is the outbox: every run that is queued or running there must be held by the driver. This puts back
   * what the driver lost (Redis restarted empty, an in-process queue died with its process) under the same run id,
   * at the run's planned time, and restores the repeating schedules. Safe to run in every process at once: adding a
   * job id the driver holds is a no-op, and handlers skip work already done. Returns how many runs it re-queued.
   */
  async reconcile(): Promise<number> {
    await this.driver.schedule(this.schedules());
    let requeued = 0;
    const settledBefore = Date.now() - SETTLE_MS;
    for (let skip = 0; ; skip += RECONCILE_PAGE) {
      const page = await this.runs.findOutstanding(settledBefore, { skip, take: RECONCILE_PAGE });
      const candidates = page.filter((r) => !r.key.includes(SCHEDULED_KEY));
      const lost = new Set(await this.driver.missing(candidates.map((r) => r.id)));
      for (const run of candidates) {
        if (!lost.has(run.id)) continue;
        await this.dispatch(run);
        requeued++;
      }
      if (page.length < RECONCILE_PAGE) break;
    }
    if (requeued) this.logger.log(`Re-queued ${requeued} runs the queue did not hold`);
    return requeued;
  }

  /**
   * Records the run and hands it to the driver. `key` is the job's identity: the same key never makes a second run.
   * Pass `tx` to create the run row inside the caller's transaction, then call `dispatch` after it commits.
   */
  async enqueue<N extends JobName>(
    name: N,
    data: JobOf<N>,
    opts: {
      key: string;
      createdBy?: string | null;
      /** What the run row keeps instead of a large payload (an uploaded file). */
      record?: Record<string, unknown>;
      delayMs?: number;
    },
    tx?: EntityManager,
  ): Promise<JobRunEntity> {
    const payload = opts.record ? { ...opts.record, [TRANSIENT]: true } : data;
    const now = Date.now();
    const runAt = opts.delayMs && opts.delayMs > 0 ? now + opts.delayMs : null;
    const { run, created } = await this.runs.upsertQueued(
      { key: `${name}:${opts.key}`, name, payload, createdBy: opts.createdBy ?? null, now, runAt },
      tx,
    );
    if (!created || tx) return run;
    // A large payload lives only in the queue: its hand-off must succeed (the reconciler fails the run if it did not).
    // Any other run is safe in its row.
    if (opts.record) {
      await withTimeout(
        this.driver.add({ runId: run.id, name, data, delayMs: opts.delayMs }),
        HAND_OFF_TIMEOUT_MS,
        'The queue',
      ).catch((err: Error) => {
        throw new AppException(
          'QUEUE_UNAVAILABLE',
          HttpStatus.SERVICE_UNAVAILABLE,
          `The job queue did not take the file (${err.message}); send it again`,
        );
      });
    } else await this.handOff({ runId: run.id, name, data, delayMs: opts.delayMs });
    return run;
  }

  /** Hands a run created inside a transaction to the driver once that transaction has committed, at its planned time. */
  async dispatch(run: JobRunEntity): Promise<void> {
    const payload = JSON.parse(run.payload) as Record<string, unknown>;
    if (payload[TRANSIENT]) {
      await this.runs.update(run.id, {
        status: 'failed',
        error: 'The process stopped before this job ran; its input was not kept. Submit it again.',
        updatedAt: Date.now(),
      });
      return;
    }
    await this.handOff({
      runId: run.id,
      name: run.name as JobName,
      data: payload,
      delayMs: run.runAt === null ? undefined : Math.max(0, run.runAt - Date.now()),
    });
  }

  /**
   * While Redis is away its client queues commands until it is back; a request must not wait for that. The run row is
   * committed, so a hand-off that does not finish in time is logged and left to the reconciler.
   */
  private async handOff(job: QueuedJob): Promise<void> {
    try {
      await withTimeout(this.driver.add(job), HAND_OFF_TIMEOUT_MS, 'The queue');
    } catch (err) {
      this.logger.warn(
        `${job.name} ${job.runId} not handed to the queue (${(err as Error).message}); the reconciler will`,
      );
    }
  }

  status(): Promise<QueueStatus> {
    return this.driver.status();
  }

  private schedules(): Schedule[] {
    const { auditVerifyMinutes, retentionPurgeMinutes } = this.config.schedules;
    const list: Schedule[] = [];
    if (auditVerifyMinutes > 0)
      list.push({ name: JobName.AuditVerify, everyMs: auditVerifyMinutes * 60_000, data: { reason: 'schedule' } });
    if (retentionPurgeMinutes > 0)
      list.push({
        name: JobName.RetentionPurge,
        everyMs: retentionPurgeMinutes * 60_000,
        data: { reason: 'schedule' },
      });
    return list;
  }

  private async execute(job: {
    runId?: string;
    name: JobName;
    data: unknown;
    attempt: number;
    final: boolean;
  }): Promise<unknown> {
    const run = job.runId ? await this.runs.findById(job.runId) : null;
    const row =
      run ??
      (
        await this.runs.upsertQueued({
          key: `${job.name}${SCHEDULED_KEY}${job.runId ?? Date.now()}`,
          name: job.name,
          payload: job.data,
          createdBy: null,
          now: Date.now(),
        })
      ).run;
    // At-least-once delivery: a run that already finished is not done twice.
    if (row.status === 'completed') return row.result ? JSON.parse(row.result) : null;
    await this.runs.update(row.id, { status: 'running', attempts: job.attempt, updatedAt: Date.now() });
    let lastProgress = -1;
    try {
      const result = await this.registry.run(job.name, job.data as JobOf<JobName>, {
        runId: row.id,
        runKey: row.key,
        attempt: job.attempt,
        progress: async (percent) => {
          const p = Math.max(0, Math.min(100, Math.floor(percent)));
          if (p === lastProgress) return;
          lastProgress = p;
          await this.runs.update(row.id, { progress: p, updatedAt: Date.now() });
        },
      });
      await this.runs.update(row.id, {
        status: 'completed',
        progress: 100,
        result: JSON.stringify(result ?? null),
        error: null,
        updatedAt: Date.now(),
      });
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.runs.update(row.id, {
        status: job.final ? 'failed' : 'queued',
        error: message,
        updatedAt: Date.now(),
      });
      throw err;
    }
  }
}
