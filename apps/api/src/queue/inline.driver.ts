import { Logger } from '@nestjs/common';
import { JOB_ATTEMPTS, JOB_BACKOFF_MS, JobName, Schedule } from './jobs';
import { Processor, QueueDriver, QueuedJob, QueueStatus } from './queue-driver';

/**
 * Runs jobs in this process with the same retry policy as BullMQ, so `npm start` needs no Redis. Work is lost if the
 * process dies mid-job; the run row stays `queued`/`running` and the reconciler of the next start dispatches it again.
 */
export class InlineDriver implements QueueDriver {
  private readonly logger = new Logger('InlineQueue');
  private processor?: Processor;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly schedules = new Map<JobName, { everyMs: number; timer: NodeJS.Timeout }>();
  /** Runs added and not yet finished (waiting, delayed, running or between retries). */
  private readonly held = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  async add(job: QueuedJob): Promise<void> {
    if (this.held.has(job.runId)) return;
    this.held.add(job.runId);
    this.dispatch(job, 1, job.delayMs ?? 0);
  }

  async process(processor: Processor): Promise<void> {
    this.processor = processor;
  }

  async schedule(schedules: Schedule[]): Promise<void> {
    for (const s of schedules) {
      const current = this.schedules.get(s.name);
      if (current?.everyMs === s.everyMs) continue;
      if (current) clearInterval(current.timer);
      const timer = setInterval(() => {
        void this.track(this.runOnce({ name: s.name, data: s.data, attempt: 1, final: true }));
      }, s.everyMs);
      timer.unref();
      this.schedules.set(s.name, { everyMs: s.everyMs, timer });
    }
  }

  async missing(runIds: string[]): Promise<string[]> {
    return runIds.filter((id) => !this.held.has(id));
  }

  async status(): Promise<QueueStatus> {
    return { driver: 'inline', ok: !this.closed, counts: { active: this.inFlight.size } };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.schedules.values()) clearInterval(s.timer);
    this.schedules.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private dispatch(job: QueuedJob, attempt: number, delayMs = 0): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (this.closed) return;
        const final = attempt >= JOB_ATTEMPTS;
        void this.track(
          this.runOnce({ runId: job.runId, name: job.name, data: job.data, attempt, final }).then((ok) => {
            if (!ok && !final) this.dispatch(job, attempt + 1);
            else this.held.delete(job.runId);
          }),
        );
      },
      attempt === 1 ? delayMs : JOB_BACKOFF_MS * 2 ** (attempt - 2),
    );
    this.timers.add(timer);
  }

  private async runOnce(job: Parameters<Processor>[0]): Promise<boolean> {
    if (!this.processor || this.closed) return false;
    try {
      await this.processor(job);
      return true;
    } catch (err) {
      this.logger.warn(`${job.name} attempt ${job.attempt} failed: ${(err as Error).message}`);
      return false;
    }
  }

  private async track(p: Promise<unknown>): Promise<void> {
    const done = p.then(() => undefined);
    this.inFlight.add(done);
    await done.finally(() => this.inFlight.delete(done));
  }
}
