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
}

/** The moment the attempt's time is up. */
export function attemptDeadline(a: DeadlineInputs): number {
  return a.endsAt + a.extraSeconds * 1000;
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
