/**
 * The server's clock on an attempt. An attempt's deadline is its session's end plus whatever a proctor added; saves
 * are still taken for a grace period after it (a save sent in the last second is in flight), and the deadline jobs
 * run when that grace has passed. Every time here is epoch milliseconds.
 */

/** What an attempt's deadline depends on. */
export interface DeadlineInputs {
  /** The session's end. */
  endsAt: number;
  /** Extra time proctors gave this attempt, in seconds (0 when none). */
  extraSeconds: number;
  /** Time the attempt spent in pauses that have ended, in milliseconds (0 or absent when never paused). */
  pausedMs?: number;
}

/**
 * The moment the attempt's time is up: the session's end, plus extensions, plus every ended pause. While a pause runs
 * the attempt's clock stands still ({@link attemptClock}), so this moment is measured on that clock.
 */
export function attemptDeadline(a: DeadlineInputs): number {
  return a.endsAt + a.extraSeconds * 1000 + (a.pausedMs ?? 0);
}

/** What the pause rules need of an attempt. */
export interface PauseState {
  /** When the running pause began, or null when the attempt is not paused. */
  pausedAt: number | null;
  pausedMs: number;
}

/**
 * The attempt's own clock: the server's time, except that it stands still at the start of a running pause. The
 * countdown and every "is the time up" question read it, so a paused candidate loses no time and is never submitted
 * by a deadline job while paused.
 */
export function attemptClock(a: Pick<PauseState, 'pausedAt'>, now: number): number {
  return a.pausedAt ?? now;
}

/** Why a pause or a resume is refused. */
export type PauseRefusal = 'ATTEMPT_SUBMITTED' | 'ATTEMPT_PAUSED' | 'ATTEMPT_NOT_PAUSED' | 'DEADLINE_PASSED';

/**
 * A proctor pauses an attempt that is in progress, not already paused, and whose time is not up; the pause starts
 * now. The answer is the new pause state, or the refusal.
 */
export function pauseAttempt(
  a: PauseState & DeadlineInputs & { status: string },
  now: number,
): PauseState | { refused: PauseRefusal } {
  if (a.status !== 'in_progress') return { refused: 'ATTEMPT_SUBMITTED' };
  if (a.pausedAt !== null) return { refused: 'ATTEMPT_PAUSED' };
  if (timeIsUp(attemptDeadline(a), now)) return { refused: 'DEADLINE_PASSED' };
  return { pausedAt: now, pausedMs: a.pausedMs };
}

/**
 * Resuming ends the running pause: its length joins the ended pauses, which moves the deadline by exactly the time
 * the attempt stood still (never by less than nothing, should the server's clock have stepped back).
 */
export function resumeAttempt(a: PauseState & { status: string }, now: number): PauseState | { refused: PauseRefusal } {
  if (a.status !== 'in_progress') return { refused: 'ATTEMPT_SUBMITTED' };
  if (a.pausedAt === null) return { refused: 'ATTEMPT_NOT_PAUSED' };
  return { pausedAt: null, pausedMs: a.pausedMs + Math.max(0, now - a.pausedAt) };
}

/**
 * An attempt a proctor ended by mistake opens again with the time it had left when it was ended: the time between the
 * end and the reopening counts as a pause. Only a proctor's end can be undone; a candidate's submission and the
 * deadline's are final.
 */
export function reopenAttempt(
  a: Pick<PauseState, 'pausedMs'> & { status: string; submittedBy: string | null; submittedAt: number | null },
  now: number,
): PauseState | { refused: 'ATTEMPT_NOT_ENDED' } {
  if (a.status !== 'submitted' || a.submittedBy !== 'proctor' || a.submittedAt === null)
    return { refused: 'ATTEMPT_NOT_ENDED' };
  return { pausedAt: null, pausedMs: a.pausedMs + Math.max(0, now - a.submittedAt) };
}

/**
 * Whether a deadline job finds the attempt due: not while it is paused (the resume queues a job for the moved
 * deadline), otherwise once its saves have closed.
 */
export function attemptDue(a: DeadlineInputs & Pick<PauseState, 'pausedAt'>, graceMs: number, now: number): boolean {
  return a.pausedAt === null && deadlineJobDue(attemptDeadline(a), graceMs, now);
}

/** The moment after which no save is taken: the deadline plus the save grace. Deadline jobs run at this moment. */
export function savesCloseAt(deadline: number, graceMs: number): number {
  return deadline + graceMs;
}

/** Whether saves are refused now: strictly after {@link savesCloseAt}. */
export function savesClosed(deadline: number, graceMs: number, now: number): boolean {
  return now > savesCloseAt(deadline, graceMs);
}

/** Whether the time is up, so the attempt may be submitted on the candidate's behalf. */
export function timeIsUp(deadline: number, now: number): boolean {
  return now >= deadline;
}

/** Whether a deadline job for `deadline` is due now, or ran early and must wait longer. */
export function deadlineJobDue(deadline: number, graceMs: number, now: number): boolean {
  return now >= savesCloseAt(deadline, graceMs);
}

/** How long to delay a deadline job queued now (0 when it is already due). */
export function deadlineJobDelay(deadline: number, graceMs: number, now: number): number {
  return Math.max(0, savesCloseAt(deadline, graceMs) - now);
}

/** Whole seconds left on the countdown (0 once the deadline has passed). */
export function remainingSeconds(deadline: number, now: number): number {
  return Math.max(0, Math.floor((deadline - now) / 1000));
}

/** A proctor's extension adds to the extra time already given. */
export function extendedSeconds(extraSeconds: number, minutes: number): number {
  return extraSeconds + minutes * 60;
}

/** The session's end from its start and length. */
export function sessionEnd(startsAt: number, durationMinutes: number): number {
  return startsAt + durationMinutes * 60_000;
}
