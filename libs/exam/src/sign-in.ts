import { attemptClock, attemptDeadline, type PauseState } from './deadline';

/** What the sign-in rules need of a session. */
export interface SessionWindow {
  startsAt: number;
  endsAt: number;
}

/** What sign-in needs of a candidate's attempt, if they have one: its extensions and pauses. */
export interface SignInAttempt extends PauseState {
  extraSeconds: number;
}

/**
 * Sign-in is open from the session's start until the attempt's deadline on the attempt's own clock: past the session's
 * end only a proctor's extension or pause keeps it open for that candidate (a paused candidate whose computer failed
 * signs in again on another one). `attempt` is undefined for a candidate who has none yet.
 */
export function signInOpen(session: SessionWindow, attempt: SignInAttempt | undefined, now: number): boolean {
  const deadline = attemptDeadline({
    endsAt: session.endsAt,
    extraSeconds: attempt?.extraSeconds ?? 0,
    pausedMs: attempt?.pausedMs ?? 0,
  });
  return session.startsAt <= now && attemptClock({ pausedAt: attempt?.pausedAt ?? null }, now) < deadline;
}

/**
 * Past the session's end only an extension or a pause can keep sign-in open, and only then is the candidate's attempt
 * worth reading.
 */
export function extensionMatters(session: SessionWindow, now: number): boolean {
  return now >= session.endsAt;
}

/** Of two sessions none of which is open, the one to name in the refusal: the one whose start is nearest to now. */
export function nearerSession<S extends SessionWindow>(a: S | undefined, b: S, now: number): S {
  return !a || Math.abs(b.startsAt - now) < Math.abs(a.startsAt - now) ? b : a;
}

/**
 * The paper a seat sits: a per-candidate draw gives each seat its own form (seat k takes form k); otherwise the
 * parallel forms go round the room (`papers[seat % n]`). Undefined when there is no such paper.
 */
export function paperForSeat<P extends { form: number }>(
  papers: readonly P[],
  seat: number,
  perCandidate: boolean,
): P | undefined {
  if (perCandidate) return papers.find((p) => p.form === seat);
  return papers[seat % Math.max(papers.length, 1)];
}

/** A per-candidate draw has one paper per seat: a roster may not outgrow it. */
export function rosterFitsPapers(rosterSize: number, paperCount: number, perCandidate: boolean): boolean {
  return !perCandidate || rosterSize <= paperCount;
}
