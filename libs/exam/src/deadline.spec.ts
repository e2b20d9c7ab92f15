import {
  attemptClock,
  attemptDeadline,
  attemptDue,
  deadlineJobDelay,
  deadlineJobDue,
  extendedSeconds,
  pauseAttempt,
  remainingSeconds,
  reopenAttempt,
  resumeAttempt,
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

describe(pauseAttempt.name, () => {
  const running = { status: 'in_progress', endsAt: END, extraSeconds: 0, pausedMs: 0, pausedAt: null };

  it('starts a pause now, keeping the time already spent in earlier pauses', () => {
    expect(pauseAttempt({ ...running, pausedMs: 7_000 }, END - 60_000)).toEqual({
      pausedAt: END - 60_000,
      pausedMs: 7_000,
    });
  });

  it('refuses a paused, a submitted, or a timed-out attempt', () => {
    expect(pauseAttempt({ ...running, pausedAt: END - 1 }, END - 1)).toEqual({ refused: 'ATTEMPT_PAUSED' });
    expect(pauseAttempt({ ...running, status: 'submitted' }, END - 1)).toEqual({ refused: 'ATTEMPT_SUBMITTED' });
    expect(pauseAttempt(running, END)).toEqual({ refused: 'DEADLINE_PASSED' });
    // Earlier pauses moved the deadline: the same moment is still within time.
    expect(pauseAttempt({ ...running, pausedMs: 1_000 }, END)).toEqual({ pausedAt: END, pausedMs: 1_000 });
  });
});

describe(reopenAttempt.name, () => {
  const ended = { status: 'submitted', submittedBy: 'proctor', submittedAt: END - 20 * 60_000, pausedMs: 1_000 };

  it('gives back the time the attempt had left when a proctor ended it', () => {
    const reopened = reopenAttempt(ended, END - 5 * 60_000);
    expect(reopened).toEqual({ pausedAt: null, pausedMs: 1_000 + 15 * 60_000 });
    // The candidate had 20 minutes left at the end; 15 minutes later they still have 20.
    const deadline = attemptDeadline({ endsAt: END, extraSeconds: 0, ...(reopened as { pausedMs: number }) });
    expect(remainingSeconds(deadline, END - 5 * 60_000)).toBe(20 * 60 + 1);
  });

  it("refuses an attempt in progress, and a candidate's or the deadline's submission", () => {
    expect(reopenAttempt({ ...ended, status: 'in_progress', submittedBy: null, submittedAt: null }, END)).toEqual({
      refused: 'ATTEMPT_NOT_ENDED',
    });
    expect(reopenAttempt({ ...ended, submittedBy: 'candidate' }, END)).toEqual({ refused: 'ATTEMPT_NOT_ENDED' });
    expect(reopenAttempt({ ...ended, submittedBy: 'deadline' }, END)).toEqual({ refused: 'ATTEMPT_NOT_ENDED' });
  });
});

describe(resumeAttempt.name, () => {
  it('moves the deadline by exactly the time the attempt stood still', () => {
    const paused = { status: 'in_progress', endsAt: END, extraSeconds: 60, pausedMs: 2_000, pausedAt: END - 10_000 };
    const resumed = resumeAttempt(paused, END + 5_000);
    expect(resumed).toEqual({ pausedAt: null, pausedMs: 17_000 });
    expect(attemptDeadline({ ...paused, ...(resumed as { pausedMs: number }) })).toBe(END + 60_000 + 17_000);
  });

  it('keeps the countdown where it stood during the pause', () => {
    const paused = { endsAt: END, extraSeconds: 0, pausedMs: 0, pausedAt: END - 30_000 };
    const during = remainingSeconds(attemptDeadline(paused), attemptClock(paused, END + 120_000));
    const after = resumeAttempt({ ...paused, status: 'in_progress' }, END + 120_000) as { pausedMs: number };
    const onResume = remainingSeconds(attemptDeadline({ ...paused, ...after }), END + 120_000);
    expect(during).toBe(30);
    expect(onResume).toBe(30);
  });

  it('refuses an attempt that is not paused or is submitted, and never shortens the time for a clock stepped back', () => {
    const base = { status: 'in_progress', pausedMs: 0 };
    expect(resumeAttempt({ ...base, pausedAt: null }, END)).toEqual({ refused: 'ATTEMPT_NOT_PAUSED' });
    expect(resumeAttempt({ ...base, status: 'submitted', pausedAt: END }, END)).toEqual({
      refused: 'ATTEMPT_SUBMITTED',
    });
    expect(resumeAttempt({ ...base, pausedAt: END }, END - 5_000)).toEqual({ pausedAt: null, pausedMs: 0 });
  });
});

describe(attemptDue.name, () => {
  it('is never due while paused, and due after the grace once resumed', () => {
    const a = { endsAt: END, extraSeconds: 0, pausedMs: 0 };
    expect(attemptDue({ ...a, pausedAt: END - 1_000 }, GRACE, END + 10 * GRACE)).toBe(false);
    expect(attemptDue({ ...a, pausedMs: 5_000, pausedAt: null }, GRACE, END + GRACE)).toBe(false);
    expect(attemptDue({ ...a, pausedMs: 5_000, pausedAt: null }, GRACE, END + GRACE + 5_000)).toBe(true);
  });
});
