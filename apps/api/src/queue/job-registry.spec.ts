import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { JobHandler } from './job-handler.decorator';
import { DiscoveredJobRegistry, JobRegistry } from './job-registry';
import { JobContext, JobName, JobOf } from './jobs';

const ctx: JobContext = { runId: 'r', runKey: 'audit.verify:r', attempt: 1, progress: async () => undefined };

/** One provider handling every job, as the application's processors together do. */
@Injectable()
class AllJobs {
  readonly seen: string[] = [];
  @JobHandler(JobName.AuditVerify) async audit(data: JobOf<JobName.AuditVerify>) {
    this.seen.push(`audit:${data.reason}`);
    return 'audited';
  }
  @JobHandler(JobName.ItemImport) async items() {}
  @JobHandler(JobName.PaperAssemble) async assemble() {}
  @JobHandler(JobName.PaperAssembleChunk) async chunk() {}
  @JobHandler(JobName.RetentionPurge) async purge() {}
  @JobHandler(JobName.AttemptDeadline) async attempt() {}
  @JobHandler(JobName.SessionDeadline) async session() {}
  /** Not a handler: no decorator. */
  async other() {
    return 'not a job';
  }
}

@Injectable()
class SecondAuditHandler {
  @JobHandler(JobName.AuditVerify) async verify() {}
}

async function registryOf(
  ...providers: (new (...args: never[]) => unknown)[]
): Promise<{ registry: JobRegistry; get<T>(t: new (...args: never[]) => T): T; close(): Promise<void> }> {
  @Module({ imports: [DiscoveryModule], providers: [DiscoveredJobRegistry, ...providers] })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
  return { registry: app.get(DiscoveredJobRegistry), get: (t) => app.get(t), close: () => app.close() };
}

describe(JobRegistry.name, () => {
  const handler = async () => 'done';

  it('refuses to start when a job has no handler', () => {
    expect(() => new JobRegistry().assertComplete()).toThrow(/audit.verify has 0 handlers/);
  });

  it('refuses to start when a job has two handlers', () => {
    const r = new JobRegistry();
    r.register(JobName.AuditVerify, handler);
    r.register(JobName.AuditVerify, handler);
    expect(() => r.assertComplete()).toThrow(/audit.verify has 2 handlers/);
  });

  it('runs the one registered handler', async () => {
    const r = new JobRegistry();
    for (const name of Object.values(JobName)) r.register(name, handler);
    expect(() => r.assertComplete()).not.toThrow();
    await expect(r.run(JobName.AuditVerify, { reason: 'manual' }, ctx)).resolves.toBe('done');
  });
});

describe(DiscoveredJobRegistry.name, () => {
  it('finds the methods marked @JobHandler and runs them on their provider', async () => {
    const app = await registryOf(AllJobs);
    try {
      expect(() => app.registry.assertComplete()).not.toThrow();
      await expect(app.registry.run(JobName.AuditVerify, { reason: 'schedule' }, ctx)).resolves.toBe('audited');
      expect(app.get(AllJobs).seen).toEqual(['audit:schedule']);
    } finally {
      await app.close();
    }
  });

  it('refuses to start when two providers handle the same job', async () => {
    const app = await registryOf(AllJobs, SecondAuditHandler);
    try {
      expect(() => app.registry.assertComplete()).toThrow(/audit.verify has 2 handlers/);
    } finally {
      await app.close();
    }
  });

  it('refuses to start when a job has no provider', async () => {
    const app = await registryOf(SecondAuditHandler);
    try {
      expect(() => app.registry.assertComplete()).toThrow(/items.import has 0 handlers/);
    } finally {
      await app.close();
    }
  });
});
