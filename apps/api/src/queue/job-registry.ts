import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler, JobName, JobOf } from './jobs';

/** Processors register their handler at module init; the queue refuses to start if a job has none or two. */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>[]>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as JobHandler<JobName>);
    this.handlers.set(name, list);
  }

  assertComplete(): void {
    const problems = Object.values(JobName).flatMap((name) => {
      const count = this.handlers.get(name)?.length ?? 0;
      return count === 1 ? [] : [`${name} has ${count} handlers`];
    });
    if (problems.length) throw new Error(`Job catalogue is inconsistent: ${problems.join('; ')}`);
  }

  run<N extends JobName>(name: N, data: JobOf<N>, ctx: JobContext): Promise<unknown> {
    const handler = this.handlers.get(name)?.[0];
    if (!handler) throw new Error(`No handler for job ${name}`);
    return handler(data, ctx);
  }
}
