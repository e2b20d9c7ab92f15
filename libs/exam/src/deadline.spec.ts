import {
  attemptDeadline,
  deadlineJobDelay,
  deadlineJobDue,
  extendedSeconds,
  remainingSeconds,
  savesClosed,
  savesCloseAt,
  sessionEnd,
  timeIsUp,
} from './deadline';

const END = Date.UTC(2026, 5, 1, 10, 0, 0);
const GRACE = 30_000;

describe(attemptDeadline.name, () => {
  it('is the session end without an extension and moves by every extra second', () => {
    expect(attemptDeadline({ endsAt: END, extraSeconds: 0 })).toBe(END);
    expect(attemptDeadline({ endsAt: END, extraSeconds: 600 })).toBe(END + 600_000);
  });

  it('adds extensions on top of each other', () => {
    expect(extendedSeconds(extendedSeconds(0, 10), 5)).toBe(900);
  });

  it('ends a session its duration after its start', () => {
    expect(sessionEnd(END - 90 * 60_000, 90)).toBe(END);
  });
});

describe(savesClosed.name, () => {
  it('takes saves through the grace period and refuses one millisecond after it', () => {
    expect(savesCloseAt(END, GRACE)).toBe(END + GRACE);
    expect(savesClosed(END, GRACE, END + 1)).toBe(false);
    expect(savesClosed(END, GRACE, END + GRACE)).toBe(false);
    expect(savesClosed(END, GRACE, END + GRACE + 1)).toBe(true);
  });
});

describe(timeIsUp.name, () => {
  it('is up at the deadline itself, before the save grace has passed', () => {
    expect(timeIsUp(END, END - 1)).toBe(false);
    expect(timeIsUp(END, END)).toBe(true);
  });
});

describe(deadlineJobDue.name, () => {
  it('runs the job once the grace has passed and says how long to wait before that', () => {
    expect(deadlineJobDue(END, GRACE, END + GRACE - 1)).toBe(false);
    expect(deadlineJobDue(END, GRACE, END + GRACE)).toBe(true);
    expect(deadlineJobDelay(END, GRACE, END - 60_000)).toBe(60_000 + GRACE);
    expect(deadlineJobDelay(END, GRACE, END + GRACE + 5)).toBe(0);
  });
});

describe(remainingSeconds.name, () => {
  it('counts whole seconds down and stops at zero', () => {
    expect(remainingSeconds(END, END - 1_999)).toBe(1);
    expect(remainingSeconds(END, END + 5_000)).toBe(0);
  });
});
