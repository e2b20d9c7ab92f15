// Shapes of the candidate-facing exam API (/api/v1/exam/*). Nothing here carries a correct answer.

export type ItemType = 'judge' | 'single' | 'multiple';

/** judge → true/false; single → "B"; multiple → ["A","D"] (sorted letters as shown); null clears. */
export type AnswerValue = boolean | string | string[] | null;

export interface ExamOption {
  key: string;
  text: string;
}

export interface ExamItem {
  /** 1-based position in this candidate's paper. */
  position: number;
  type: ItemType;
  stem: string;
  /** Empty for judge items. */
  options: ExamOption[];
  points: number;
}

export interface SavedAnswer {
  position: number;
  answer: AnswerValue;
  seq: number;
}

export interface AttemptDto {
  attemptId: string;
  candidate: { name: string; ticketNo: string };
  session: { id: string; name: string; occupationName: string; level: string; endsAt: string };
  status: 'in_progress' | 'submitted';
  serverTime: string;
  remainingSeconds: number;
  currentPosition: number;
  /** Highest seq the server has stored for this attempt. */
  lastSeq: number;
  items: ExamItem[];
  answers: SavedAnswer[];
  policy: { showResult: boolean };
  result?: ExamResult;
}

export interface ExamResult {
  score: number;
  passed: boolean;
}

export interface AnswerAck {
  seq: number;
  savedAt: string;
}

export interface SubmitResponse {
  submitted: true;
  score?: number;
  passed?: boolean;
}

export const INTEGRITY_EVENT_TYPES = [
  'blur',
  'focus',
  'visibility_hidden',
  'visibility_visible',
  'fullscreen_exit',
  'fullscreen_enter',
  'copy',
  'cut',
  'paste',
  'contextmenu',
  'print',
  'devtools_shortcut',
  'reload',
  'network_offline',
  'network_online',
] as const;

export type IntegrityEventType = (typeof INTEGRITY_EVENT_TYPES)[number];

export type EventDetail = Record<string, string | number | boolean | null>;

export interface IntegrityEventBody {
  type: IntegrityEventType;
  /** ISO client time. */
  at: string;
  detail?: EventDetail;
}

/** Stable error codes the client reacts to. */
export const ErrorCode = {
  CredentialsInvalid: 'CANDIDATE_CREDENTIALS_INVALID',
  SessionNotOpen: 'SESSION_NOT_OPEN',
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  SessionReplaced: 'SESSION_REPLACED',
  DeadlinePassed: 'DEADLINE_PASSED',
  AttemptSubmitted: 'ATTEMPT_SUBMITTED',
  TokenInvalid: 'TOKEN_INVALID',
  Unauthenticated: 'UNAUTHENTICATED',
  Network: 'NETWORK_ERROR',
  Timeout: 'TIMEOUT',
} as const;
