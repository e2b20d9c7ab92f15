/**
 * The proctor's live view sorts every candidate of a session into one state, so the monitor can count them and a
 * proctor can filter: who has not arrived, who is answering, who has gone quiet, who is paused, who has submitted.
 */

export const MONITOR_STATES = ['not_started', 'answering', 'idle', 'paused', 'submitted'] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

/**
 * No save and no move between questions for this long, while the attempt runs: the candidate may be stuck, away, or
 * on a dead computer, and the proctor should look. Candidates read a long item for a minute or two without a click.
 */
export const IDLE_AFTER_MS = 3 * 60_000;

/** What the state needs of a candidate's attempt (none before the first sign-in). */
export interface MonitoredAttempt {
  status: string;
  pausedAt: number | null;
  /** The last time the server heard from the candidate: sign-in, a move, a load. */
  lastSeenAt: number;
  /** The last answer saved, if any. */
  lastSaveAt: number | null;
}

export function monitorState(attempt: MonitoredAttempt | undefined, now: number): MonitorState {
  if (!attempt) return 'not_started';
  if (attempt.status === 'submitted') return 'submitted';
  if (attempt.pausedAt !== null) return 'paused';
  const lastHeard = Math.max(attempt.lastSeenAt, attempt.lastSaveAt ?? 0);
  return now - lastHeard >= IDLE_AFTER_MS ? 'idle' : 'answering';
}

/** How many candidates are in each state. */
export function countStates(states: readonly MonitorState[]): Record<MonitorState, number> {
  const counts = Object.fromEntries(MONITOR_STATES.map((s) => [s, 0])) as Record<MonitorState, number>;
  for (const s of states) counts[s]++;
  return counts;
}

/** What an irregularity (违纪/异常) recorded by a proctor is about. */
export const IRREGULARITY_CATEGORIES = ['candidate', 'environment', 'staff', 'technical'] as const;
export type IrregularityCategory = (typeof IRREGULARITY_CATEGORIES)[number];
