import { mayBeReplay, planSaves, savedSeqKey, saveRefusal, SaveTarget } from './saves';

const NOW = 1_000_000;
const GRACE = 30_000;
const open: SaveTarget = { status: 'in_progress', deviceId: 'dev-1', lastSeq: 4, deadline: NOW, paused: false };

describe(saveRefusal.name, () => {
  it('takes a save from the live device of an open attempt within the grace', () => {
    expect(saveRefusal(open, 'dev-1', GRACE, NOW + GRACE)).toBeNull();
  });

  it('refuses another device, a missing attempt, a submitted attempt and a save after the grace', () => {
    expect(saveRefusal(open, 'dev-2', GRACE, NOW)).toBe('SESSION_REPLACED');
    expect(saveRefusal(undefined, 'dev-1', GRACE, NOW)).toBe('SESSION_REPLACED');
    expect(saveRefusal({ ...open, status: 'submitted' }, 'dev-1', GRACE, NOW)).toBe('ATTEMPT_SUBMITTED');
    expect(saveRefusal(open, 'dev-1', GRACE, NOW + GRACE + 1)).toBe('DEADLINE_PASSED');
    expect(saveRefusal({ ...open, paused: true }, 'dev-1', GRACE, NOW)).toBe('ATTEMPT_PAUSED');
  });

  it('names the replaced device before the submit and the submit before the deadline', () => {
    expect(saveRefusal({ ...open, status: 'submitted' }, 'dev-2', GRACE, NOW + GRACE + 1)).toBe('SESSION_REPLACED');
    expect(saveRefusal({ ...open, status: 'submitted' }, 'dev-1', GRACE, NOW + GRACE + 1)).toBe('ATTEMPT_SUBMITTED');
  });
});

describe(mayBeReplay.name, () => {
  it('looks up only sequence numbers at or below the last stored one', () => {
    expect(mayBeReplay(4, open)).toBe(true);
    expect(mayBeReplay(5, open)).toBe(false);
    expect(mayBeReplay(5, undefined)).toBe(true);
  });
});

describe(planSaves.name, () => {
  const attempts = new Map([
    ['a', open],
    ['b', { ...open, deviceId: 'dev-b', lastSeq: 0 }],
  ]);

  it('answers a stored sequence number with its stored time, even after the attempt was submitted', () => {
    const stored = new Map([[savedSeqKey('a', 3), { serverTime: 42 }]]);
    const submitted = new Map([['a', { ...open, status: 'submitted' }]]);
    const { outcomes, lastSeq } = planSaves(
      [{ attemptId: 'a', deviceId: 'dev-1', seq: 3 }],
      submitted,
      stored,
      GRACE,
      NOW,
    );
    expect(outcomes).toEqual([{ kind: 'replay', seq: 3, savedAt: 42 }]);
    expect(lastSeq.size).toBe(0);
  });

  it('writes the same sequence number once per batch and moves last_seq to the highest written', () => {
    const saves = [
      { attemptId: 'a', deviceId: 'dev-1', seq: 7 },
      { attemptId: 'a', deviceId: 'dev-1', seq: 7 },
      { attemptId: 'a', deviceId: 'dev-1', seq: 6 },
      { attemptId: 'b', deviceId: 'dev-b', seq: 1 },
    ];
    const { outcomes, lastSeq } = planSaves(saves, attempts, new Map(), GRACE, NOW);
    expect(outcomes.map((o) => o.kind)).toEqual(['write', 'replay', 'write', 'write']);
    expect(outcomes[1]).toEqual({ kind: 'replay', seq: 7, savedAt: NOW });
    expect(lastSeq).toEqual(
      new Map([
        ['a', 7],
        ['b', 1],
      ]),
    );
  });

  it('keeps last_seq when only older sequence numbers arrive', () => {
    const { lastSeq } = planSaves([{ attemptId: 'a', deviceId: 'dev-1', seq: 2 }], attempts, new Map(), GRACE, NOW);
    expect(lastSeq.get('a')).toBe(4);
  });

  it('refuses what saveRefusal refuses and writes nothing for it', () => {
    const saves = [
      { attemptId: 'a', deviceId: 'dev-x', seq: 9 },
      { attemptId: 'a', deviceId: 'dev-x', seq: 9 },
      { attemptId: 'missing', deviceId: 'dev-1', seq: 1 },
    ];
    const { outcomes, lastSeq } = planSaves(saves, attempts, new Map(), GRACE, NOW);
    expect(outcomes).toEqual([
      { kind: 'refused', code: 'SESSION_REPLACED' },
      { kind: 'refused', code: 'SESSION_REPLACED' },
      { kind: 'refused', code: 'SESSION_REPLACED' },
    ]);
    expect(lastSeq.size).toBe(0);
    expect(
      planSaves([{ attemptId: 'a', deviceId: 'dev-1', seq: 9 }], attempts, new Map(), GRACE, NOW + GRACE + 1).outcomes,
    ).toEqual([{ kind: 'refused', code: 'DEADLINE_PASSED' }]);
  });
});
