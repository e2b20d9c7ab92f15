import { SetMetadata } from '@nestjs/common';
import type { JobContext, JobName, JobOf } from './jobs';

export const JOB_HANDLER = 'jianding:job-handler';

/**
 * Marks a provider's method as the handler of a job: `@JobHandler(JobName.X) run(data: JobOf<JobName.X>, ctx)`. The
 * registry finds every such method at start-up; the method's parameters must fit the job's payload.
 */
export function JobHandler<N extends JobName>(name: N) {
  return <T extends (data: JobOf<N>, ctx: JobContext) => Promise<unknown>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    SetMetadata(JOB_HANDLER, name)(target, key, descriptor);
  };
}
