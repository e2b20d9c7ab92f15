import { attemptDeadline } from './deadline';

/** What the sign-in rules need of a session. */
export interface SessionWindow {
  startsAt: number;
  endsAt: number;
}

/**
 * Sign-in is open from the session's start until the attempt's deadline: past the session's end only a proctor's
 * extension keeps it open for that candidate. `extraSeconds` is 0 for a candidate who has no attempt yet.
 */
export function signInOpen(session: SessionWindow, extraSeconds: number, now: number): boolean {
  return session.startsAt <= now && now < attemptDeadline({ endsAt: session.endsAt, extraSeconds });
}

/** Past the session's end only an extension can keep sign-in open, and only then is the candidate's attempt worth reading. */
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
