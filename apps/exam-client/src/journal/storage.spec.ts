/**
 * @jest-environment node
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { AnswerJournal } from './journal';
import { IndexedDbJournalStorage } from './indexeddb-storage';
import { LocalStorageJournalStorage } from './local-storage';
import { answerId, eventId } from './reconcile';
import type { AnswerEntry, JournalStorage } from './types';
import { ScriptedTransport, networkError, settle } from '../test/journal-fakes';

function answer(attemptId: string, seq: number, position = 1): AnswerEntry {
  return {
    kind: 'answer',
    attemptId,
    id: answerId(seq),
    seq,
    position,
    answer: 'A',
    clientTime: '2025-01-01T00:00:00.000Z',
  };
}

class MapStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
}

const storages: [string, () => Promise<JournalStorage>][] = [
  ['IndexedDbJournalStorage', () => IndexedDbJournalStorage.open(new IDBFactory(), { keyRange: IDBKeyRange })],
  ['LocalStorageJournalStorage', async () => new LocalStorageJournalStorage(new MapStorage())],
];

describe.each(storages)('%s', (_name, make) => {
  it('keeps entries per attempt and removes them one by one or all at once', async () => {
    const storage = await make();
    await storage.put(answer('a1', 2));
    await storage.put(answer('a1', 1));
    await storage.put({
      kind: 'event',
      attemptId: 'a1',
      id: eventId(1),
      ord: 1,
      type: 'blur',
      at: '2025-01-01T00:00:00.000Z',
    });
    await storage.put(answer('a2', 1));

    expect((await storage.load('a1')).map((e) => e.id).sort()).toEqual([answerId(1), answerId(2), eventId(1)].sort());

    await storage.remove('a1', answerId(1));
    expect((await storage.load('a1')).map((e) => e.id).sort()).toEqual([answerId(2), eventId(1)].sort());

    await storage.clear('a1');
    expect(await storage.load('a1')).toEqual([]);
    expect(await storage.load('a2')).toEqual([answer('a2', 1)]);
  });

  it('overwrites an entry written twice under the same seq', async () => {
    const storage = await make();
    await storage.put(answer('a1', 3, 1));
    await storage.put({ ...answer('a1', 3, 1), answer: 'B' });
    expect(await storage.load('a1')).toEqual([{ ...answer('a1', 3, 1), answer: 'B' }]);
  });
});

describe('journal over IndexedDB', () => {
  it('survives a reload: a second journal over the same database replays what the first could not send', async () => {
    const factory = new IDBFactory();
    const first = await AnswerJournal.open({
      attemptId: 'a1',
      storage: await IndexedDbJournalStorage.open(factory, { keyRange: IDBKeyRange }),
      transport: new ScriptedTransport().failNext(networkError, 100),
      server: { lastSeq: 3, answers: [] },
      timers: { set: () => 0, clear: () => undefined },
    });
    first.journal.recordAnswer(1, true);
    await first.journal.recordAnswer(2, ['A', 'B']).persisted;
    first.journal.dispose();

    const transport = new ScriptedTransport();
    const second = await AnswerJournal.open({
      attemptId: 'a1',
      storage: await IndexedDbJournalStorage.open(factory, { keyRange: IDBKeyRange }),
      transport,
      server: { lastSeq: 3, answers: [] },
    });
    await settle(10);

    expect(transport.answers.map((a) => [a.seq, a.answer])).toEqual([
      [4, true],
      [5, ['A', 'B']],
    ]);
    expect(second.journal.peekNextSeq()).toBe(6);
    expect(await (await IndexedDbJournalStorage.open(factory, { keyRange: IDBKeyRange })).load('a1')).toEqual([]);
  });
});
