import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { JobRunEntity } from '../modules/jobs/job-run.entity';
import { JobsRepository } from '../modules/jobs/jobs.repository';
import { BullMqDriver } from './bullmq.driver';
import { InlineDriver } from './inline.driver';
import { JobRegistry } from './job-registry';
import { JobName, JobOf, Schedule } from './jobs';
import { QueueDriver, QueueStatus } from './queue-driver';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
/** A recorded run, as enqueuing returns it; hand it to {@link QueueService.dispatch} after the transaction commits. */
export type JobRun = JobRunEntity;
const TRANSIENT = '$transient';
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
    await this.driver.schedule(this.schedules());
    await this.redispatchStale();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
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
    const { run, created } = await this.runs.upsertQueued(
      { key: `${name}:${opts.key}`, name, payload, createdBy: opts.createdBy ?? null, now: Date.now() },
      tx,
    );
    if (created && !tx) await this.driver.add({ runId: run.id, name, data, delayMs: opts.delayMs });
    return run;
  }

  /** Hands a run created inside a transaction to the driver once that transaction has committed (`delayMs` as enqueued). */
  async dispatch(run: JobRunEntity, opts: { delayMs?: number } = {}): Promise<void> {
    const payload = JSON.parse(run.payload) as Record<string, unknown>;
    if (payload[TRANSIENT]) {
      await this.runs.update(run.id, {
        status: 'failed',
        error: 'The process stopped before this job ran; its input was not kept. Submit it again.',
        updatedAt: Date.now(),
      });
      return;
    }
    await this.driver.add({ runId: run.id, name: run.name as JobName, data: payload, delayMs: opts.delayMs });
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
          key: `${job.name}:${job.runId ?? Date.now()}`,
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

  private async redispatchStale(): Promise<void> {
    const stale = await this.runs.findStale(['queued', 'running'], Date.now() - 60_000);
    for (const run of stale) await this.dispatch(run);
    if (stale.length) this.logger.log(`Dispatched ${stale.length} runs left by an earlier process`);
  }
}
