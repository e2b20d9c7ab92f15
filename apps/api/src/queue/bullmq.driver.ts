import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { JOB_ATTEMPTS, JOB_BACKOFF_MS, JobName, Schedule } from './jobs';
import { Processor, QueueDriver, QueuedJob, QueueStatus } from './queue-driver';

const QUEUE_NAME = 'jobs';

interface Envelope {
  runId?: string;
  data: unknown;
}

/** BullMQ on Redis: jobs survive restarts and any number of `npm run worker` processes share them. */
export class BullMqDriver implements QueueDriver {
  private readonly logger = new Logger('BullMQ');
  private readonly connection: IORedis;
  private readonly queue: Queue;
  private worker?: Worker;
  private workerConnection?: IORedis;
  private lastError?: string;

  constructor(
    private readonly url: string,
    private readonly prefix: string,
  ) {
    this.connection = new IORedis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix });
    this.queue.on('error', (err) => this.connectionError(err));
    this.connection.on('ready', () => (this.lastError = undefined));
  }

  /** While Redis is away the client reports every reconnect attempt; the log gets each distinct error once per outage. */
  private connectionError(err: Error): void {
    if (err.message === this.lastError) return;
    this.lastError = err.message;
    this.logger.warn(`Redis: ${err.message}`);
  }

  async add(job: QueuedJob): Promise<void> {
    const envelope: Envelope = { runId: job.runId, data: job.data };
    // The run id is the BullMQ job id: adding the same run twice is a no-op.
    await this.queue.add(job.name, envelope, {
      jobId: job.runId,
      delay: job.delayMs && job.delayMs > 0 ? job.delayMs : undefined,
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
  }

  async process(processor: Processor, concurrency: number): Promise<void> {
    this.workerConnection = new IORedis(this.url, { maxRetriesPerRequest: null });
    this.worker = new Worker(
      QUEUE_NAME,
      async (job: Job<Envelope>) => {
        const attempt = job.attemptsMade + 1;
        return processor({
          runId: job.data.runId ?? `${job.name}:${job.id}`,
          name: job.name as JobName,
          data: job.data.data,
          attempt,
          final: attempt >= (job.opts.attempts ?? 1),
        });
      },
      // A short lock (renewed every half period while the job runs) lets another worker take over a crashed worker's job in seconds.
      {
        connection: this.workerConnection,
        prefix: this.prefix,
        concurrency,
        lockDuration: 10_000,
        stalledInterval: 5_000,
      },
    );
    this.worker.on('failed', (job, err) => this.logger.warn(`${job?.name} ${job?.id} failed: ${err.message}`));
    this.worker.on('error', (err) => this.connectionError(err));
    await this.worker.waitUntilReady();
  }

  async schedule(schedules: Schedule[]): Promise<void> {
    for (const s of schedules) {
      const id = `schedule:${s.name}`;
      // Upserting an unchanged scheduler would move its next run; only a missing or changed one is written.
      if (Number((await this.queue.getJobScheduler(id))?.every) === s.everyMs) continue;
      await this.queue.upsertJobScheduler(id, { every: s.everyMs }, { name: s.name, data: { data: s.data } });
    }
  }

  async missing(runIds: string[]): Promise<string[]> {
    if (runIds.length === 0) return [];
    // A job is a hash under its id whatever its state; one pipelined EXISTS per run, one round trip for all.
    const pipeline = this.connection.pipeline();
    for (const id of runIds) pipeline.exists(this.queue.toKey(id));
    const replies = (await pipeline.exec()) ?? [];
    return runIds.filter((_, i) => {
      const [err, count] = replies[i] ?? [new Error('no reply'), null];
      if (err) throw err;
      return count === 0;
    });
  }

  async status(): Promise<QueueStatus> {
    // Commands wait for a reconnect (that is what a worker wants); a health check must not.
    if (this.connection.status !== 'ready')
      return { driver: 'bullmq', ok: false, error: `Redis connection is ${this.connection.status}` };
    try {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      return { driver: 'bullmq', ok: true, counts };
    } catch (err) {
      return { driver: 'bullmq', ok: false, error: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    await this.workerConnection?.quit().catch(() => undefined);
    await this.connection.quit().catch(() => undefined);
  }
}
