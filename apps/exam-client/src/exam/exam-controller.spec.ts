import type { AttemptItemView } from '@jianding/api-client';
import { MemoryJournalStorage } from '../journal/memory-storage';
import { FakeExamApi } from '../test/fake-exam-api';
import { settle } from '../test/journal-fakes';
import { ExamController } from './exam-controller';
import { createMemoryPositionStore } from './position-store';

const items: AttemptItemView[] = [1, 2, 3].map((position) => ({
  position,
  type: 'judge',
  stem: `J${position}`,
  options: [],
  points: 1,
}));

async function open(
  api: FakeExamApi,
  positions = createMemoryPositionStore(),
  storage = new MemoryJournalStorage(),
  extra: { pausedResyncMs?: number } = {},
) {
  const controller = await ExamController.create({
    api,
    storage,
    attempt: await api.getAttempt(),
    fetchedAt: performance.now(),
    positions,
    cursorDebounceMs: 0,
    ...extra,
  });
  controller.start();
  return controller;
}

describe(ExamController.name, () => {
  it('reopens on the question this browser showed last, and sends the server cursor there', async () => {
    const api = new FakeExamApi(items, new Map());
    const positions = createMemoryPositionStore();
    const first = await open(api, positions);
    api.offline = true;
    first.goTo(3); // the cursor PUT fails: the server still says 1
    await settle();
    first.dispose();
    expect(api.position).toBe(1);

    api.offline = false;
    const second = await open(api, positions);
    expect(second.getSnapshot().position).toBe(3);
    await settle();
    expect(api.position).toBe(3);
    second.dispose();
  });

  it('replays answers given offline after a reload, in seq order, and shows them at once', async () => {
    const api = new FakeExamApi(items, new Map());
    const storage = new MemoryJournalStorage();
    const first = await open(api, undefined, storage);
    api.offline = true;
    first.choose(1, true);
    first.choose(2, false);
    first.choose(1, false);
    await settle();
    first.dispose();

    api.offline = false;
    const second = await open(api, undefined, storage);
    expect(second.getSnapshot().answers.get(1)?.answer).toBe(false);
    await settle();
    expect(api.puts.map((p) => p.seq)).toEqual([1, 2, 3]);
    expect(api.answers.get(1)?.answer).toBe(false);
    expect(second.getSnapshot().journal.pendingAnswers).toBe(0);
    second.dispose();
  });
  it('keeps answers given during a pause, stops the countdown, and sends them when the proctor resumes', async () => {
    const api = new FakeExamApi(items, new Map());
    const controller = await open(api, undefined, undefined, { pausedResyncMs: 20 });
    api.paused = true;
    controller.choose(1, true);
    for (let i = 0; i < 50 && !controller.getSnapshot().paused; i++) await settle();
    expect(controller.getSnapshot().paused).toBe(true);
    expect(controller.getSnapshot().journal.pendingAnswers).toBe(1);
    expect(api.answers.size).toBe(0);
    // The countdown stands where the server froze it.
    const frozen = controller.remainingMs();
    await new Promise((r) => setTimeout(r, 60));
    expect(controller.remainingMs()).toBe(frozen);

    api.paused = false;
    for (let i = 0; i < 100 && controller.getSnapshot().journal.pendingAnswers > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(controller.getSnapshot().paused).toBe(false);
    expect(api.answers.get(1)?.answer).toBe(true);
    expect(controller.remainingMs()).toBeLessThan(frozen);
    controller.dispose();
  });
});
