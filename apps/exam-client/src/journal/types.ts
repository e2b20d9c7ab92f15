import type { AnswerAckView, AnswerValue, EventDetail, IntegrityEventType } from '@jianding/api-client';

/** One answer change, written to storage before it is sent and removed only when the server acknowledges it. */
export interface AnswerEntry {
  kind: 'answer';
  attemptId: string;
  /** `a:` + zero-padded seq: the storage key, so one seq can only be stored once. */
  id: string;
  /** The attempt-wide, strictly increasing sequence number the server orders changes by. */
  seq: number;
  position: number;
  answer: AnswerValue;
  /** ISO client time of the change. */
  clientTime: string;
}

/** One integrity event, journalled like an answer so it survives being offline. */
export interface EventEntry {
  kind: 'event';
  attemptId: string;
  /** `e:` + zero-padded ord. */
  id: string;
  /** Local order of events (events have no server seq). */
  ord: number;
  type: IntegrityEventType;
  at: string;
  detail?: EventDetail;
}

export type JournalEntry = AnswerEntry | EventEntry;

/** Where the journal keeps entries. Implementations: IndexedDB, localStorage, memory, or a fallback chain. */
export interface JournalStorage {
  readonly kind: string;
  load(attemptId: string): Promise<JournalEntry[]>;
  put(entry: JournalEntry): Promise<void>;
  remove(attemptId: string, id: string): Promise<void>;
  clear(attemptId: string): Promise<void>;
}

/** How entries reach the server. Errors are thrown as-is and sorted by the journal's classifier. */
export interface JournalTransport {
  putAnswer(entry: AnswerEntry): Promise<AnswerAckView>;
  postEvent(entry: EventEntry): Promise<void>;
}

/** `submitted`: the attempt was submitted elsewhere (another tab, the proctor, the deadline job). */
export type StopReason = 'deadline' | 'submitted' | 'replaced' | 'unauthorized';

/** What to do after a failed send. */
export type FailureAction =
  | { action: 'retry'; offline: boolean; paused?: boolean }
  | { action: 'drop'; code: string; message: string }
  | { action: 'stop'; reason: StopReason };

export interface JournalStatus {
  pendingAnswers: number;
  pendingEvents: number;
  /** A request is on the wire. */
  sending: boolean;
  /** The last attempt failed without an HTTP response (or the browser reports offline). */
  offline: boolean;
  /** Consecutive failed sends; 0 when the last send succeeded. */
  failures: number;
  /** Sending stopped for good (deadline passed, replaced on another device, token no longer valid). */
  stopped: StopReason | null;
  /** The storage refused a write: the entry is kept in memory only. */
  storageDegraded: boolean;
  storageKind: string;
  lastSavedAt: string | null;
}

export type JournalNotice =
  | { type: 'status'; status: JournalStatus }
  | { type: 'acked'; entry: AnswerEntry; ack: AnswerAckView }
  | { type: 'dropped'; entry: JournalEntry; code: string; message: string }
  | { type: 'superseded'; entries: AnswerEntry[] }
  | { type: 'stopped'; reason: StopReason }
  /** The proctor paused the attempt: the entry is kept and sent again once it resumes. */
  | { type: 'paused' };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
