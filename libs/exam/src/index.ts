/**
 * @jianding/exam: the rules of exam delivery (SPEC §3 "Exam delivery") as pure functions. The API loads what a rule
 * needs, calls it with the time as an argument, and stores the result. Named exports only.
 */

// The clock of an attempt: deadline, save grace, deadline jobs, countdown, extensions, pauses
export {
  attemptClock,
  attemptDeadline,
  attemptDue,
  deadlineJobDelay,
  deadlineJobDue,
  extendedSeconds,
  pauseAttempt,
  remainingSeconds,
  reopenAttempt,
  resumeAttempt,
  savesClosed,
  savesCloseAt,
  sessionEnd,
  timeIsUp,
} from './deadline';
export type { DeadlineInputs, PauseRefusal, PauseState } from './deadline';

// Saves: which are taken, which are replays
export { mayBeReplay, planSaves, savedSeqKey, saveRefusal } from './saves';
export type { SaveOutcome, SaveRefusal, SaveRequest, SaveTarget } from './saves';

// Sign-in window and the paper a seat gets
export { extensionMatters, nearerSession, paperForSeat, rosterFitsPapers, signInOpen } from './sign-in';
export type { SessionWindow, SignInAttempt } from './sign-in';

// The proctor's live view: each candidate's state
export { countStates, IDLE_AFTER_MS, IRREGULARITY_CATEGORIES, MONITOR_STATES, monitorState } from './monitor';
export type { IrregularityCategory, MonitoredAttempt, MonitorState } from './monitor';

// Who may see which session and attempt
export {
  mayAccessSession,
  mayAssignProctors,
  mayEditRoster,
  mayProctorSession,
  mayReadResults,
  mayReadSession,
  proctorAssignmentIssue,
  sessionScope,
} from './access';
export type { PolicedSession, SessionAccess, SessionPrincipal, SessionScope } from './access';

// Answers, scoring and the pass rule
export { checkAnswer, INTEGRITY_EVENT_TYPES, optionLetter, toOriginalLetters } from './answers';
export type { AnswerValue, IntegrityEventType, ItemShape } from './answers';
export { creditFor, isPassing, scoreAttempt } from './scoring';
export type { ScoredPosition, ScoreResult } from './scoring';

// Score corrections: requested with a reason, decided by the centre
export {
  CORRECTION_REASON_MAX,
  CORRECTION_STATUSES,
  correctionDecisionRefusal,
  correctionRequestRefusal,
  isValidCorrectedScore,
  mayDecideCorrection,
  mayRequestCorrection,
} from './corrections';
export type { CorrectionRefusal, CorrectionStatus } from './corrections';

// Retention of the answer log
export { purgeAfter } from './retention';

// ID numbers and rosters
export { idCheckDigit, idNumberTail, isValidIdNumber, maskIdNumber, normaliseIdNumber } from './id-number';
export { nextSeat, parseCsv, rosterColumns, rosterFromTable, validateRoster } from './roster';
export type { RosterIssue, RosterRow } from './roster';

// Practical assessment: examiners, panels, score sheets, the panel's score, the overall result
export {
  DEFAULT_PRACTICAL_SCORING,
  EXAMINER_LEVELS,
  examinerUnfitReason,
  isValidDecision,
  needsReview,
  overallPassed,
  PANEL_MIN_SIZE,
  panelRefusal,
  practicalScore,
  sheetComplete,
  sheetCriteriaIssue,
  sheetTotal,
  taskScore,
} from './practical';
export type {
  CriterionScore,
  EarlierPanel,
  ExaminerLevel,
  PanelAggregate,
  PanelRefusal,
  PanelRefusalCode,
  PanelSession,
  PracticalScoring,
  RegisteredExaminer,
  RubricLine,
  TaskScore,
  TaskScoreStatus,
} from './practical';
