import { extensionMatters, nearerSession, paperForSeat, rosterFitsPapers, signInOpen } from './sign-in';

const session = { startsAt: 10_000, endsAt: 20_000 };

describe(signInOpen.name, () => {
  it('opens at the start and closes at the end', () => {
    expect(signInOpen(session, undefined, 9_999)).toBe(false);
    expect(signInOpen(session, undefined, 10_000)).toBe(true);
    expect(signInOpen(session, undefined, 19_999)).toBe(true);
    expect(signInOpen(session, undefined, 20_000)).toBe(false);
  });

  it('stays open past the end for a candidate a proctor gave more time, until that deadline', () => {
    expect(extensionMatters(session, 19_999)).toBe(false);
    expect(extensionMatters(session, 20_000)).toBe(true);
    const extended = { extraSeconds: 5, pausedMs: 0, pausedAt: null };
    expect(signInOpen(session, extended, 24_999)).toBe(true);
    expect(signInOpen(session, extended, 25_000)).toBe(false);
  });

  it('stays open for a paused candidate however late it is, and after the resume by the time they stood still', () => {
    const paused = { extraSeconds: 0, pausedMs: 0, pausedAt: 15_000 };
    expect(signInOpen(session, paused, 90_000)).toBe(true);
    const resumed = { extraSeconds: 0, pausedMs: 3_000, pausedAt: null };
    expect(signInOpen(session, resumed, 22_999)).toBe(true);
    expect(signInOpen(session, resumed, 23_000)).toBe(false);
  });
});

describe(nearerSession.name, () => {
  it('names the session whose start is nearest to now', () => {
    const past = { startsAt: 0, endsAt: 1 };
    const soon = { startsAt: 130, endsAt: 200 };
    expect(nearerSession(undefined, past, 100)).toBe(past);
    expect(nearerSession(past, soon, 100)).toBe(soon);
    expect(nearerSession(soon, past, 100)).toBe(soon);
  });
});

describe(paperForSeat.name, () => {
  const papers = [
    { id: 'p0', form: 0 },
    { id: 'p1', form: 1 },
    { id: 'p2', form: 2 },
  ];

  it('deals the parallel forms round the room', () => {
    expect([0, 1, 2, 3, 4].map((seat) => paperForSeat(papers, seat, false)?.id)).toEqual([
      'p0',
      'p1',
      'p2',
      'p0',
      'p1',
    ]);
  });

  it('gives each seat its own form in a per-candidate draw, and nothing for a seat beyond the draw', () => {
    expect(paperForSeat(papers, 2, true)?.id).toBe('p2');
    expect(paperForSeat(papers, 3, true)).toBeUndefined();
    expect(paperForSeat([], 0, false)).toBeUndefined();
  });

  it('limits a per-candidate roster to the papers drawn', () => {
    expect(rosterFitsPapers(3, 3, true)).toBe(true);
    expect(rosterFitsPapers(4, 3, true)).toBe(false);
    expect(rosterFitsPapers(400, 3, false)).toBe(true);
  });
});
