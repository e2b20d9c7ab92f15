import type { FailureAction } from './types';

/**
 * Sort a failed send by what the server said (duck-typed on `status` and `code`, as thrown by ApiError):
 * - `DEADLINE_PASSED` (409/403): stop sending, the attempt is over;
 * - `ATTEMPT_SUBMITTED` (409): stop sending, the attempt was already submitted;
 * - `ATTEMPT_PAUSED` (409): a proctor paused the attempt: keep the entry and retry (it goes through on resume);
 * - 401 `SESSION_REPLACED`: stop, the candidate signed in elsewhere; any other 401: stop, sign in again;
 * - no response, 5xx, 408, 429: keep the entry and retry with backoff;
 * - any other 4xx with a code: the server refused this entry for good, drop it;
 * - a 4xx without a code is not the API speaking (a proxy, a captive portal): retry.
 */
export function classifyFailure(err: unknown): FailureAction {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const status = typeof e.status === 'number' ? e.status : 0;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code === 'DEADLINE_PASSED') return { action: 'stop', reason: 'deadline' };
  if (code === 'ATTEMPT_SUBMITTED') return { action: 'stop', reason: 'submitted' };
  if (code === 'ATTEMPT_PAUSED') return { action: 'retry', offline: false, paused: true };
  if (status === 401) return { action: 'stop', reason: code === 'SESSION_REPLACED' ? 'replaced' : 'unauthorized' };
  if (status === 0) return { action: 'retry', offline: true };
  if (status >= 500 || status === 408 || status === 429) return { action: 'retry', offline: false };
  if (status >= 400 && code) return { action: 'drop', code, message: typeof e.message === 'string' ? e.message : code };
  return { action: 'retry', offline: false };
}
