import { savesClosed } from './deadline';

/** Why a save was not taken. The stored answers are left as they were. */
export type SaveRefusal = 'SESSION_REPLACED' | 'ATTEMPT_SUBMITTED' | 'ATTEMPT_PAUSED' | 'DEADLINE_PASSED';

/** An attempt as a save batch locked it. */
export interface SaveTarget {
  status: string;
  deviceId: string;
  /** The highest sequence number stored for the attempt. */
  lastSeq: number;
  deadline: number;
  /** A proctor paused the attempt: it takes no answer until resumed. */
  paused: boolean;
}

/** One save asking to be written. */
export interface SaveRequest {
  attemptId: string;
  deviceId: string;
  seq: number;
}

/**
 * Whether a save may be written: the attempt exists and this is its live device, it is still in progress, it is not
 * paused, and its saves have not closed. Checked in that order, so a replaced device hears that first. A paused
 * attempt's deadline has not moved yet (the resume moves it), so the pause is asked before the deadline.
 */
export function saveRefusal(
  attempt: Omit<SaveTarget, 'lastSeq'> | undefined,
  deviceId: string,
  graceMs: number,
  now: number,
): SaveRefusal | null {
  if (!attempt || attempt.deviceId !== deviceId) return 'SESSION_REPLACED';
  if (attempt.status !== 'in_progress') return 'ATTEMPT_SUBMITTED';
  if (attempt.paused) return 'ATTEMPT_PAUSED';
  if (savesClosed(attempt.deadline, graceMs, now)) return 'DEADLINE_PASSED';
  return null;
}

/**
 * The client numbers its saves and resends until acknowledged: a sequence number at or below the attempt's last one
 * may have been stored already and is worth looking up; a higher one is new.
 */
export function mayBeReplay(seq: number, attempt: Pick<SaveTarget, 'lastSeq'> | undefined): boolean {
  return seq <= (attempt?.lastSeq ?? Infinity);
}

/** What happens to each save of a batch, in the batch's order. */
export type SaveOutcome<S> =
  | { kind: 'write'; save: S; savedAt: number }
  | { kind: 'replay'; seq: number; savedAt: number }
  | { kind: 'refused'; code: SaveRefusal };

/**
 * Decides a batch of saves against the attempts they target: a sequence number already stored is answered with its
 * stored time (after a submit too: it was taken then); the same sequence number twice in one batch is written once
 * and both hear the same; anything else is written unless {@link saveRefusal} says no. `lastSeq` is each attempt's
 * new highest sequence number, for the attempts that get a write.
 */
export function planSaves<S extends SaveRequest>(
  saves: readonly S[],
  attempts: ReadonlyMap<string, SaveTarget>,
  stored: ReadonlyMap<string, { serverTime: number }>,
  graceMs: number,
  now: number,
): { outcomes: SaveOutcome<S>[]; lastSeq: Map<string, number> } {
  const outcomes: SaveOutcome<S>[] = [];
  const lastSeq = new Map<string, number>();
  const inBatch = new Set<string>();
  for (const save of saves) {
    const key = savedSeqKey(save.attemptId, save.seq);
    const prior = stored.get(key);
    if (prior) {
      outcomes.push({ kind: 'replay', seq: save.seq, savedAt: prior.serverTime });
      continue;
    }
    if (inBatch.has(key)) {
      outcomes.push({ kind: 'replay', seq: save.seq, savedAt: now });
      continue;
    }
    const a = attempts.get(save.attemptId);
    const refusal = saveRefusal(a, save.deviceId, graceMs, now);
    if (refusal || !a) {
      outcomes.push({ kind: 'refused', code: refusal ?? 'SESSION_REPLACED' });
      continue;
    }
    inBatch.add(key);
    outcomes.push({ kind: 'write', save, savedAt: now });
    lastSeq.set(save.attemptId, Math.max(lastSeq.get(save.attemptId) ?? a.lastSeq, save.seq));
  }
  return { outcomes, lastSeq };
}

/** The key under which a stored (attempt, seq) pair is looked up. */
export const savedSeqKey = (attemptId: string, seq: number): string => `${attemptId}:${seq}`;
