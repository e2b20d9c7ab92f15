import type { AnswerValue, SavedAnswerView } from '@jianding/api-client';
import type { AnswerEntry, JournalEntry } from './types';

export interface DisplayedAnswer {
  answer: AnswerValue;
  seq: number;
}

export type AnswerMap = ReadonlyMap<number, DisplayedAnswer>;

export function answerId(seq: number): string {
  return `a:${String(seq).padStart(10, '0')}`;
}

export function eventId(ord: number): string {
  return `e:${String(ord).padStart(12, '0')}`;
}

/** Entries in send order (answers by seq, events by ord), one per seq / ord. */
export function dedupeAndSort(entries: readonly JournalEntry[]): JournalEntry[] {
  const byId = new Map<string, JournalEntry>();
  for (const entry of entries) {
    const id = entry.kind === 'answer' ? answerId(entry.seq) : eventId(entry.ord);
    if (!byId.has(id)) byId.set(id, { ...entry, id });
  }
  return [...byId.values()].sort(compareEntries);
}

export function compareEntries(a: JournalEntry, b: JournalEntry): number {
  if (a.kind !== b.kind) return a.kind === 'answer' ? -1 : 1;
  if (a.kind === 'answer' && b.kind === 'answer') return a.seq - b.seq;
  if (a.kind === 'event' && b.kind === 'event') return a.ord - b.ord;
  return 0;
}

/**
 * Decide, on load, which unacknowledged answers still need sending.
 * - The server already holds the entry, or something newer for that position: drop it.
 * - Its seq is at or below the server's lastSeq but the server's answer for that position is older:
 *   the seq was used by another device after this one stopped; re-sending would be acknowledged
 *   as a duplicate of a different change, so drop it and report it.
 * - Otherwise keep it and replay it.
 */
export function reconcileWithServer(
  entries: readonly AnswerEntry[],
  serverAnswers: readonly SavedAnswerView[],
  serverLastSeq: number,
): { keep: AnswerEntry[]; alreadyStored: AnswerEntry[]; superseded: AnswerEntry[] } {
  const serverSeq = new Map<number, number>();
  for (const a of serverAnswers) serverSeq.set(a.position, Math.max(serverSeq.get(a.position) ?? 0, a.seq));
  const keep: AnswerEntry[] = [];
  const alreadyStored: AnswerEntry[] = [];
  const superseded: AnswerEntry[] = [];
  for (const entry of entries) {
    const onServer = serverSeq.get(entry.position) ?? 0;
    if (onServer >= entry.seq) alreadyStored.push(entry);
    else if (entry.seq <= serverLastSeq) superseded.push(entry);
    else keep.push(entry);
  }
  return { keep, alreadyStored, superseded };
}

/**
 * The answer to show per position: the newest by seq among the server's answers and the local,
 * unacknowledged ones. The server wins whenever its seq is newer than the local one.
 */
export function mergeAnswers(local: AnswerMap, server: readonly SavedAnswerView[]): Map<number, DisplayedAnswer> {
  const merged = new Map(local);
  for (const a of server) {
    const mine = merged.get(a.position);
    if (!mine || a.seq > mine.seq) merged.set(a.position, { answer: a.answer, seq: a.seq });
  }
  return merged;
}

/** The newest pending entry per position (what the candidate last chose), for display. */
export function latestPerPosition(entries: readonly AnswerEntry[]): Map<number, DisplayedAnswer> {
  const latest = new Map<number, DisplayedAnswer>();
  for (const e of entries) {
    const cur = latest.get(e.position);
    if (!cur || e.seq > cur.seq) latest.set(e.position, { answer: e.answer, seq: e.seq });
  }
  return latest;
}
