import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobContext, JobHandlerFn, JobName, JobOf } from './jobs';

/** Holds one handler per job name; the queue refuses to start if a job has none or two. */
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandlerFn<JobName>[]>();

  register<N extends JobName>(name: N, handler: JobHandlerFn<N>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as JobHandlerFn<JobName>);
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

/** The registry of the application: filled at module init with every provider method marked `@JobHandler`. */
@Injectable()
export class DiscoveredJobRegistry extends JobRegistry implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    super();
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.isDependencyTreeStatic() || !instance || typeof instance !== 'object') continue;
      const target = instance as Record<string, unknown>;
      for (const method of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const fn = target[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (name)
          this.register(name, (data, ctx) =>
            (fn as (...args: unknown[]) => Promise<unknown>).call(instance, data, ctx),
          );
      }
    }
  }
}
