import type { ExamApi } from '../api/exam-api';
import { ApiError } from '@jianding/api-client';
import { ExamController, outcomeFrom, type ExamOutcome } from '../exam/exam-controller';
import type { MarksStore } from '../exam/marks-store';
import type { PositionStore } from '../exam/position-store';
import { isMessageKey, type MessageKey, type Params } from '../i18n/dictionary';
import type { JournalStorage } from '../journal/types';
import type { StartedStore } from './started-store';

export interface AppDeps {
  api: ExamApi;
  tokens: { get(): string | null; set(token: string): void; clear(): void };
  /** Opened once and shared: IndexedDB with a localStorage fallback in the browser, memory in tests. */
  storage: () => Promise<JournalStorage>;
  marks: MarksStore;
  positions: PositionStore;
  started: StartedStore;
  /** Resolves to a release function, or null when another tab holds the attempt. */
  tabLock: (name: string) => Promise<(() => void) | null>;
  monotonic?: () => number;
}

/** A message for the sign-in page, translated when shown so the language toggle applies to it. */
export interface Notice {
  key: MessageKey;
  params?: Params;
}

export type OpenedExam =
  | { kind: 'exam'; controller: ExamController; release: () => void; started: boolean }
  | { kind: 'done'; outcome: ExamOutcome; candidateName: string }
  | { kind: 'other-tab' };

/**
 * Load the attempt for the stored token and build the controller: the journal replays whatever this
 * browser still holds for the attempt, and the exam reopens on the server's current position with
 * the server's remaining time. Throws the ApiError of GET /exam/attempt.
 */
export async function openExam(deps: AppDeps): Promise<OpenedExam> {
  const monotonic = deps.monotonic ?? (() => performance.now());
  const fetchedAt = monotonic();
  const attempt = await deps.api.getAttempt();
  if (attempt.status === 'submitted')
    return { kind: 'done', outcome: outcomeFrom(attempt), candidateName: attempt.candidate.name };

  const release = await deps.tabLock(`jianding.exam.attempt.${attempt.attemptId}`);
  if (!release) return { kind: 'other-tab' };
  try {
    const controller = await ExamController.create({
      api: deps.api,
      storage: await deps.storage(),
      attempt,
      fetchedAt,
      monotonic,
      marks: deps.marks,
      positions: deps.positions,
    });
    controller.start();
    return { kind: 'exam', controller, release, started: deps.started.has(attempt.attemptId) };
  } catch (err) {
    release();
    throw err;
  }
}

export type FailureView = { kind: 'unreachable' } | { kind: 'replaced' } | { kind: 'signin'; notice: Notice | null };

/**
 * Where a failed GET /exam/attempt leads. No answer or a server error: keep the token and retry
 * (the journal waits in storage). A 401: the token is gone; sign in again, or explain that another
 * device took over. Any other refusal: sign in again with the server's reason.
 */
export function viewForOpenError(err: unknown, tokens: AppDeps['tokens']): FailureView {
  if (
    !(err instanceof ApiError) ||
    err.isNetwork ||
    err.status >= 500 ||
    err.status === 408 ||
    err.status === 429 ||
    !err.code
  ) {
    return { kind: 'unreachable' };
  }
  tokens.clear();
  if (err.status === 401)
    return err.code === 'SESSION_REPLACED'
      ? { kind: 'replaced' }
      : { kind: 'signin', notice: { key: 'signin.expired' } };
  return { kind: 'signin', notice: signInNotice(err) };
}

export function signInNotice(err: ApiError): Notice {
  const key = `signin.error.${err.code ?? ''}`;
  return isMessageKey(key) ? { key } : { key: 'signin.error.unknown', params: { message: err.message } };
}
