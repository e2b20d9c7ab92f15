import { AnswerJournal, JournalStoppedError } from './journal';
import { backoffDelay } from './backoff';
import { classifyFailure } from './classify';
import { FallbackJournalStorage } from './fallback-storage';
import { MemoryJournalStorage } from './memory-storage';
import { answerId } from './reconcile';
import type { AnswerEntry, JournalNotice, JournalStorage } from './types';
import { ManualTimers, ScriptedTransport, networkError, serverError, settle } from '../test/journal-fakes';

const fixedNow = () => new Date('2025-05-10T01:02:03.000Z');

function openJournal(
  storage: JournalStorage,
  transport: ScriptedTransport,
  timers = new ManualTimers(),
  server: { lastSeq: number; answers: { position: number; answer: AnswerEntry['answer']; seq: number }[] } = {
    lastSeq: 0,
    answers: [],
  },
) {
  return AnswerJournal.open({
    attemptId: 'att-1',
    storage,
    transport,
    server,
    timers,
    random: () => 0.5,
    now: fixedNow,
  });
}

function storedAnswer(seq: number, position: number, answer: AnswerEntry['answer'], attemptId = 'att-1'): AnswerEntry {
  return {
    kind: 'answer',
    attemptId,
    id: answerId(seq),
    seq,
    position,
    answer,
    clientTime: '2025-05-10T00:00:00.000Z',
  };
}

describe(AnswerJournal.name, () => {
  it('sends answers in seq order with one request in flight at a time', async () => {
    const transport = new ScriptedTransport();
    transport.hold();
    const { journal } = await openJournal(new MemoryJournalStorage(), transport);

    journal.recordAnswer(3, 'B');
    journal.recordAnswer(1, true);
    journal.recordAnswer(7, ['A', 'C']);
    await settle();
    expect(transport.answers.map((a) => a.seq)).toEqual([1]);

    transport.release();
    await settle();
    expect(transport.answers.map((a) => [a.seq, a.position, a.answer])).toEqual([
      [1, 3, 'B'],
      [2, 1, true],
      [3, 7, ['A', 'C']],
    ]);
    expect(transport.maxInFlight).toBe(1);
    expect(journal.getStatus().pendingAnswers).toBe(0);
  });

  it('writes an entry to storage before sending it and removes it only when acknowledged', async () => {
    const storage = new MemoryJournalStorage();
    const order: string[] = [];
    const spied: JournalStorage = {
      kind: 'spy',
      load: (id) => storage.load(id),
      put: async (e) => {
        await storage.put(e);
        order.push(`put ${e.id}`);
      },
      remove: async (a, id) => {
        order.push(`remove ${id}`);
        await storage.remove(a, id);
      },
      clear: (a) => storage.clear(a),
    };
    const transport = new ScriptedTransport();
    transport.hold();
    const { journal } = await openJournal(spied, transport);

    const { entry, persisted } = journal.recordAnswer(2, 'A');
    await persisted;
    await settle();
    order.push(`send ${transport.answers[0]?.id}`);
    expect(await storage.load('att-1')).toHaveLength(1); // in flight, not acknowledged: still stored

    transport.release();
    await settle();
    expect(order).toEqual([`put ${entry.id}`, `send ${entry.id}`, `remove ${entry.id}`]);
    expect(await storage.load('att-1')).toEqual([]);
  });

  it('replays unacknowledged answers in seq order after a reload', async () => {
    const storage = new MemoryJournalStorage();
    const offline = new ScriptedTransport().failNext(networkError, 100);
    const first = await openJournal(storage, offline);
    first.journal.recordAnswer(5, 'C');
    first.journal.recordAnswer(2, false);
    const last = first.journal.recordAnswer(5, 'D');
    await last.persisted;
    await settle();
    first.journal.dispose(); // the tab is gone

    const online = new ScriptedTransport();
    const second = await openJournal(storage, online);
    await settle();

    expect(online.answers.map((a) => [a.seq, a.position, a.answer])).toEqual([
      [1, 5, 'C'],
      [2, 2, false],
      [3, 5, 'D'],
    ]);
    expect(await storage.load('att-1')).toEqual([]);
    expect(second.journal.peekNextSeq()).toBe(4);
  });

  it('shows only the newest unacknowledged entry per position but sends all of them', async () => {
    const transport = new ScriptedTransport().failNext(networkError, 100);
    const timers = new ManualTimers();
    const { journal } = await openJournal(new MemoryJournalStorage(), transport, timers);
    journal.recordAnswer(4, 'A');
    journal.recordAnswer(4, 'B');
    await journal.recordAnswer(4, null).persisted;
    await settle();

    expect(journal.pendingDisplay().get(4)).toEqual({ answer: null, seq: 3 });
    expect(journal.pendingAnswers().map((a) => a.seq)).toEqual([1, 2, 3]);
  });

  it('sends an entry found twice in storage only once (dedupe by seq)', async () => {
    const idb = new MemoryJournalStorage();
    const ls = new MemoryJournalStorage();
    await idb.put(storedAnswer(7, 1, 'A'));
    await ls.put(storedAnswer(7, 1, 'A'));
    await ls.put(storedAnswer(8, 2, 'B'));
    const transport = new ScriptedTransport();

    await openJournal(new FallbackJournalStorage([idb, ls]), transport);
    await settle();

    expect(transport.answers.map((a) => a.seq)).toEqual([7, 8]);
    expect(idb.size + ls.size).toBe(0);
  });

  it('ignores entries of another attempt in the same storage', async () => {
    const storage = new MemoryJournalStorage();
    await storage.put(storedAnswer(1, 1, 'A', 'other-attempt'));
    const transport = new ScriptedTransport();
    await openJournal(storage, transport);
    await settle();
    expect(transport.answers).toEqual([]);
    expect(storage.size).toBe(1);
  });

  it('continues the seq from the server lastSeq when it is ahead of the local journal', async () => {
    const storage = new MemoryJournalStorage();
    await storage.put(storedAnswer(40, 1, 'A'));
    const transport = new ScriptedTransport();
    transport.hold();
    const { journal } = await openJournal(storage, transport, new ManualTimers(), { lastSeq: 39, answers: [] });
    expect(journal.peekNextSeq()).toBe(41); // local max 40 > server 39

    journal.observeServerLastSeq(57); // a re-sync reports more
    expect(journal.recordAnswer(2, 'B').entry.seq).toBe(58);

    const fresh = await openJournal(new MemoryJournalStorage(), new ScriptedTransport(), new ManualTimers(), {
      lastSeq: 12,
      answers: [],
    });
    expect(fresh.journal.recordAnswer(1, true).entry.seq).toBe(13);
  });

  it('drops stored entries the server already holds or has something newer for, keeping the rest', async () => {
    const storage = new MemoryJournalStorage();
    await storage.put(storedAnswer(10, 1, 'A')); // server has seq 10 for position 1: ack was lost
    await storage.put(storedAnswer(11, 2, 'B')); // server has seq 12 for position 2: superseded
    await storage.put(storedAnswer(13, 3, 'C')); // newer than anything on the server: replay
    const transport = new ScriptedTransport();

    const { journal, superseded } = await openJournal(storage, transport, new ManualTimers(), {
      lastSeq: 12,
      answers: [
        { position: 1, answer: 'A', seq: 10 },
        { position: 2, answer: 'D', seq: 12 },
      ],
    });
    await settle();

    expect(superseded).toEqual([]);
    expect(transport.answers.map((a) => a.seq)).toEqual([13]);
    expect(journal.peekNextSeq()).toBe(14);
  });

  it('reports an entry whose seq another device already used and does not resend it', async () => {
    const storage = new MemoryJournalStorage();
    await storage.put(storedAnswer(5, 9, 'A'));
    const transport = new ScriptedTransport();
    const { superseded } = await openJournal(storage, transport, new ManualTimers(), {
      lastSeq: 6,
      answers: [{ position: 1, answer: 'B', seq: 5 }],
    });
    await settle();
    expect(superseded.map((e) => e.seq)).toEqual([5]);
    expect(transport.answers).toEqual([]);
  });

  it('keeps an entry on a network error and retries with growing, capped backoff', async () => {
    const storage = new MemoryJournalStorage();
    const transport = new ScriptedTransport().failNext(networkError, 7);
    const timers = new ManualTimers();
    const { journal } = await openJournal(storage, transport, timers);

    await journal.recordAnswer(1, 'A').persisted;
    await settle();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      expect(journal.getStatus()).toMatchObject({ offline: true, pendingAnswers: 1, failures: i + 1 });
      delays.push(...timers.delays());
      timers.fireAll();
      await settle();
    }

    expect(delays).toEqual([225, 450, 900, 1800, 3600, 3750, 3750]); // random = 0.5: 3/4 of min(5000, 300·2^n)
    expect(delays.every((d) => d <= 5000)).toBe(true);
    expect(transport.answers).toHaveLength(8);
    expect(journal.getStatus()).toMatchObject({ offline: false, pendingAnswers: 0, failures: 0 });
    expect(await storage.load('att-1')).toEqual([]);
  });

  it('retries at once when told the browser is back online', async () => {
    const transport = new ScriptedTransport().failNext(serverError);
    const timers = new ManualTimers();
    const { journal } = await openJournal(new MemoryJournalStorage(), transport, timers);
    await journal.recordAnswer(1, 'A').persisted;
    await settle();
    expect(timers.pending.size).toBe(1);
    expect(journal.getStatus().offline).toBe(false); // a 5xx is not "offline"

    journal.setBrowserOnline(true);
    await settle();
    expect(timers.pending.size).toBe(0);
    expect(transport.answers).toHaveLength(2);
    expect(journal.getStatus().pendingAnswers).toBe(0);
  });

  it('drops an entry the server refuses with a 4xx code, tells the UI, and goes on with the next', async () => {
    const transport = new ScriptedTransport().failNext({ status: 422, code: 'ANSWER_INVALID', message: 'bad answer' });
    const notices: JournalNotice[] = [];
    const storage = new MemoryJournalStorage();
    const { journal } = await openJournal(storage, transport);
    journal.subscribe((n) => notices.push(n));
    journal.recordAnswer(1, 'Z');
    await journal.recordAnswer(2, 'A').persisted;
    await settle();

    expect(transport.answers.map((a) => a.seq)).toEqual([1, 2]);
    expect(notices.filter((n) => n.type === 'dropped')).toEqual([
      expect.objectContaining({ code: 'ANSWER_INVALID', entry: expect.objectContaining({ seq: 1 }) }),
    ]);
    expect(storage.size).toBe(0);
  });

  it('stops sending when the deadline has passed', async () => {
    const transport = new ScriptedTransport().failNext({ status: 409, code: 'DEADLINE_PASSED', message: 'too late' });
    const notices: JournalNotice[] = [];
    const { journal } = await openJournal(new MemoryJournalStorage(), transport);
    journal.subscribe((n) => notices.push(n));
    journal.recordAnswer(1, 'A');
    await journal.recordAnswer(2, 'B').persisted;
    await settle();

    expect(transport.answers.map((a) => a.seq)).toEqual([1]);
    expect(notices).toContainEqual({ type: 'stopped', reason: 'deadline' });
    expect(journal.getStatus().stopped).toBe('deadline');
    expect(() => journal.recordAnswer(3, 'C')).toThrow(JournalStoppedError);
  });

  it('sends integrity events after pending answers and replays them after a reload', async () => {
    const storage = new MemoryJournalStorage();
    const first = await openJournal(storage, new ScriptedTransport().failNext(networkError, 100));
    await first.journal.recordEvent('network_offline');
    await first.journal.recordEvent('blur', { reason: 'alt-tab' });
    await first.journal.recordAnswer(1, 'A').persisted;
    await settle();
    first.journal.dispose();

    const transport = new ScriptedTransport();
    const order: string[] = [];
    const wrapped = {
      putAnswer: (e: AnswerEntry) => (order.push(`answer ${e.seq}`), transport.putAnswer(e)),
      postEvent: (e: Parameters<ScriptedTransport['postEvent']>[0]) => (
        order.push(`event ${e.type}`),
        transport.postEvent(e)
      ),
    };
    await AnswerJournal.open({
      attemptId: 'att-1',
      storage,
      transport: wrapped,
      server: { lastSeq: 0, answers: [] },
      timers: new ManualTimers(),
    });
    await settle();

    expect(order).toEqual(['answer 1', 'event network_offline', 'event blur']);
    expect(transport.events[1]).toMatchObject({
      type: 'blur',
      detail: { reason: 'alt-tab' },
      at: fixedNow().toISOString(),
    });
    expect(storage.size).toBe(0);
  });

  it('keeps sending from memory when storage refuses writes', async () => {
    const broken: JournalStorage = {
      kind: 'broken',
      load: async () => [],
      put: async () => {
        throw new Error('QuotaExceededError');
      },
      remove: async () => undefined,
      clear: async () => undefined,
    };
    const transport = new ScriptedTransport();
    const { journal } = await openJournal(broken, transport);
    await journal.recordAnswer(1, 'A').persisted;
    await settle();
    expect(transport.answers).toHaveLength(1);
    expect(journal.getStatus().storageDegraded).toBe(true);
  });

  it('drains: resolves true once every answer is acknowledged, false on timeout', async () => {
    const transport = new ScriptedTransport().failNext(networkError, 100);
    const timers = new ManualTimers();
    const { journal } = await openJournal(new MemoryJournalStorage(), transport, timers);
    journal.recordAnswer(1, 'A');
    const drained = journal.drain({ timeoutMs: 1000 });
    await settle();
    timers.fireAll(); // fires both the retry and the drain timeout
    expect(await drained).toBe(false);
    await settle(); // the retry fails again and schedules the next one

    transport.script.length = 0;
    const again = journal.drain({ timeoutMs: 1000 });
    await settle();
    expect(await again).toBe(true);
  });
});

describe(backoffDelay.name, () => {
  it('grows exponentially and never exceeds the cap, whatever the jitter', () => {
    for (const r of [0, 0.3, 0.999]) {
      const delays = Array.from({ length: 12 }, (_, i) => backoffDelay(i + 1, () => r));
      expect(Math.max(...delays)).toBeLessThanOrEqual(5000);
      for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    }
    expect(backoffDelay(1, () => 0)).toBe(150);
    expect(backoffDelay(20, () => 1)).toBe(5000);
  });
});

describe(classifyFailure.name, () => {
  it.each([
    [
      { status: 0, code: 'NETWORK_ERROR' },
      { action: 'retry', offline: true },
    ],
    [{ status: 502 }, { action: 'retry', offline: false }],
    [
      { status: 429, code: 'TOO_MANY_ATTEMPTS' },
      { action: 'retry', offline: false },
    ],
    [{ status: 404 }, { action: 'retry', offline: false }],
    [
      { status: 409, code: 'DEADLINE_PASSED' },
      { action: 'stop', reason: 'deadline' },
    ],
    [
      { status: 403, code: 'DEADLINE_PASSED' },
      { action: 'stop', reason: 'deadline' },
    ],
    [
      { status: 409, code: 'ATTEMPT_SUBMITTED' },
      { action: 'stop', reason: 'submitted' },
    ],
    [
      { status: 409, code: 'ATTEMPT_PAUSED' },
      { action: 'retry', offline: false, paused: true },
    ],
    [
      { status: 401, code: 'SESSION_REPLACED' },
      { action: 'stop', reason: 'replaced' },
    ],
    [
      { status: 401, code: 'TOKEN_EXPIRED' },
      { action: 'stop', reason: 'unauthorized' },
    ],
    [
      { status: 400, code: 'ANSWER_INVALID', message: 'x' },
      { action: 'drop', code: 'ANSWER_INVALID', message: 'x' },
    ],
    [new TypeError('Failed to fetch'), { action: 'retry', offline: true }],
  ])('classifies %j', (err, expected) => {
    expect(classifyFailure(err)).toEqual(expected);
  });
});
