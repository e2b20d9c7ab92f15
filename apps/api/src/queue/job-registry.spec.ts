import { JobRegistry } from './job-registry';
import { JobName } from './jobs';

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
    await expect(
      r.run(JobName.AuditVerify, { reason: 'manual' }, { runId: 'r', attempt: 1, progress: async () => undefined }),
    ).resolves.toBe('done');
  });
});
