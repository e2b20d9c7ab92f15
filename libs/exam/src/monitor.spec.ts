import { countStates, IDLE_AFTER_MS, monitorState } from './monitor';

const NOW = Date.UTC(2026, 5, 1, 9, 30);
const running = { status: 'in_progress', pausedAt: null, lastSeenAt: NOW - 10_000, lastSaveAt: NOW - 5_000 };

describe(monitorState.name, () => {
  it('has not started without an attempt, and is submitted or paused before anything else', () => {
    expect(monitorState(undefined, NOW)).toBe('not_started');
    expect(monitorState({ ...running, status: 'submitted', pausedAt: NOW - 1 }, NOW)).toBe('submitted');
    expect(monitorState({ ...running, pausedAt: NOW - 60 * 60_000 }, NOW)).toBe('paused');
  });

  it('is idle once neither a save nor a move has been heard for the idle time', () => {
    expect(monitorState(running, NOW)).toBe('answering');
    const quiet = { ...running, lastSeenAt: NOW - IDLE_AFTER_MS, lastSaveAt: null };
    expect(monitorState(quiet, NOW)).toBe('idle');
    expect(monitorState({ ...quiet, lastSaveAt: NOW - IDLE_AFTER_MS + 1 }, NOW)).toBe('answering');
  });
});

describe(countStates.name, () => {
  it('counts every state, the missing ones as zero', () => {
    expect(countStates(['answering', 'idle', 'answering'])).toEqual({
      not_started: 0,
      answering: 2,
      idle: 1,
      paused: 0,
      submitted: 0,
    });
  });
});
