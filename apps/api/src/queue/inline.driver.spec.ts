import { InlineDriver } from './inline.driver';
import { JobName } from './jobs';

describe(InlineDriver.name, () => {
  afterEach(() => jest.useRealTimers());

  it('retries a failing job with backoff and marks only the last attempt final', async () => {
    jest.useFakeTimers();
    const driver = new InlineDriver();
    const seen: { attempt: number; final: boolean }[] = [];
    await driver.process(async (job) => {
      seen.push({ attempt: job.attempt, final: job.final });
      if (job.attempt < 3) throw new Error('flaky');
      return 'ok';
    });
    await driver.add({ runId: 'r1', name: JobName.AuditVerify, data: {} });
    await jest.advanceTimersByTimeAsync(10_000);
    expect(seen).toEqual([
      { attempt: 1, final: false },
      { attempt: 2, final: false },
      { attempt: 3, final: true },
    ]);
    await driver.close();
  });

  it('runs a schedule on its interval and stops when closed', async () => {
    jest.useFakeTimers();
    const driver = new InlineDriver();
    let runs = 0;
    await driver.process(async () => void runs++);
    await driver.schedule([{ name: JobName.AuditVerify, everyMs: 1000, data: { reason: 'schedule' } }]);
    await jest.advanceTimersByTimeAsync(3500);
    expect(runs).toBe(3);
    await driver.close();
    await jest.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
  });

  it('names the runs it does not hold, so the reconciler can add them again, and adds a held run only once', async () => {
    jest.useFakeTimers();
    const driver = new InlineDriver();
    const ran: string[] = [];
    await driver.process(async (job) => void ran.push(job.runId!));
    await driver.add({ runId: 'later', name: JobName.SessionDeadline, data: {}, delayMs: 60_000 });
    await driver.add({ runId: 'later', name: JobName.SessionDeadline, data: {}, delayMs: 60_000 });
    expect(await driver.missing(['later', 'lost'])).toEqual(['lost']);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(ran).toEqual(['later']);
    expect(await driver.missing(['later'])).toEqual(['later']);
    await driver.close();
  });

  it('keeps one timer per schedule however often it is asked to schedule', async () => {
    jest.useFakeTimers();
    const driver = new InlineDriver();
    let runs = 0;
    await driver.process(async () => void runs++);
    for (let i = 0; i < 3; i++)
      await driver.schedule([{ name: JobName.AuditVerify, everyMs: 1000, data: { reason: 'schedule' } }]);
    await jest.advanceTimersByTimeAsync(2500);
    expect(runs).toBe(2);
    await driver.close();
  });
});
