import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

/** 场次: an institution's room and time for one paper request, with its roster. */
@Entity('exam_sessions')
@Index('ix_exam_sessions_institution', ['institutionId', 'startsAt'])
export class ExamSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId!: string;

  @Column({ name: 'paper_request_id', type: 'varchar', length: 36 })
  paperRequestId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** 考场: where the candidates sit, printed on the admission slips. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  room!: string | null;

  @Column({ name: 'starts_at', ...msColumn })
  startsAt!: number;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes!: number;

  /** The last moment anyone may still be writing: startsAt + duration (+ per-attempt extensions on the attempt). */
  @Column({ name: 'ends_at', ...msColumn })
  endsAt!: number;

  @Column({ name: 'show_result', type: 'boolean', default: true })
  showResult!: boolean;

  /** Safe Exam Browser config key; when set, candidate requests must carry a matching hash header. */
  @Column({ name: 'seb_config_key', type: 'varchar', length: 128, nullable: true })
  sebConfigKey!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}

/** A candidate on a session's roster. The ID number is kept only as a salted hash. */
@Entity('candidates')
@Index('uq_candidates_session_ticket', ['sessionId', 'ticketNo'], { unique: true })
@Index('ix_candidates_ticket', ['ticketNo'])
export class CandidateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ name: 'ticket_no', type: 'varchar', length: 32 })
  ticketNo!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'id_number_hash', type: 'varchar', length: 128 })
  idNumberHash!: string;

  /** Last four characters, for the proctor to tell people apart. */
  @Column({ name: 'id_number_tail', type: 'varchar', length: 4 })
  idNumberTail!: string;

  /** Roster order; selects the per-candidate paper and option order. */
  @Column({ type: 'integer' })
  seat!: number;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}

export type AttemptStatus = 'in_progress' | 'submitted';

/** One candidate in one session: their paper, answers, time and score. */
@Entity('attempts')
@Index('ix_attempts_session', ['sessionId'])
export class AttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_attempts_candidate', { unique: true })
  @Column({ name: 'candidate_id', type: 'varchar', length: 36 })
  candidateId!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @Column({ name: 'paper_id', type: 'varchar', length: 36 })
  paperId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: AttemptStatus;

  /** The one live device; a newer sign-in replaces it and the old token stops working. */
  @Column({ name: 'device_id', type: 'varchar', length: 36 })
  deviceId!: string;

  @Column({ name: 'extra_seconds', type: 'integer', default: 0 })
  extraSeconds!: number;

  /** When a proctor's running pause began; null when the attempt is not paused. */
  @Column({ name: 'paused_at', ...msColumn, nullable: true })
  pausedAt!: number | null;

  /** Milliseconds spent in pauses that have ended: the deadline moves by this much. */
  @Column({ name: 'paused_ms', ...msColumn, default: 0 })
  pausedMs!: number;

  @Column({ name: 'current_position', type: 'integer', default: 1 })
  currentPosition!: number;

  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq!: number;

  @Column({ name: 'started_at', ...msColumn })
  startedAt!: number;

  @Column({ name: 'last_seen_at', ...msColumn })
  lastSeenAt!: number;

  @Column({ name: 'submitted_at', ...msColumn, nullable: true })
  submittedAt!: number | null;

  /** How it ended: `candidate`, `deadline` or `proctor`. */
  @Column({ name: 'submitted_by', type: 'varchar', length: 16, nullable: true })
  submittedBy!: string | null;

  /** The current score record; corrections add records, never edit them. */
  @Column({ name: 'score_record_id', type: 'varchar', length: 36, nullable: true })
  scoreRecordId!: string | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}

/** The latest answer per position, what resume and scoring read. */
@Entity('attempt_answers')
export class AttemptAnswerEntity {
  @PrimaryColumn({ name: 'attempt_id', type: 'varchar', length: 36 })
  attemptId!: string;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  /** JSON in the candidate's letters: true/false, "B", ["A","D"] or null. */
  @Column({ type: 'varchar', length: 64 })
  answer!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'saved_at', ...msColumn })
  savedAt!: number;
}

/** 作答记录: every change, appended and never updated, kept for the policy's retention period. */
@Entity('answer_log')
@Index('uq_answer_log_attempt_seq', ['attemptId', 'seq'], { unique: true })
@Index('ix_answer_log_purge', ['purgeAfter'])
export class AnswerLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'attempt_id', type: 'varchar', length: 36 })
  attemptId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 64 })
  answer!: string;

  @Column({ name: 'client_time', type: 'varchar', length: 40, nullable: true })
  clientTime!: string | null;

  @Column({ name: 'server_time', ...msColumn })
  serverTime!: number;

  @Column({ name: 'purge_after', ...msColumn })
  purgeAfter!: number;
}

/** Integrity events from the locked-down client (blur, fullscreen exit, paste …) and proctor actions. */
@Entity('integrity_events')
@Index('ix_integrity_events_attempt', ['attemptId', 'serverTime'])
export class IntegrityEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'attempt_id', type: 'varchar', length: 36 })
  attemptId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'client_time', type: 'varchar', length: 40, nullable: true })
  clientTime!: string | null;

  @Column({ name: 'server_time', ...msColumn })
  serverTime!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail!: string | null;
}

/** A score, never edited: a correction is a new record with a reason, and the attempt points at the newest. */
@Entity('score_records')
@Index('ix_score_records_attempt', ['attemptId', 'createdAt'])
export class ScoreRecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'attempt_id', type: 'varchar', length: 36 })
  attemptId!: string;

  /** `auto` on submit, `correction` afterwards. */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** Points on the 100-point scale, as a decimal string to keep half points exact. */
  @Column({ type: 'varchar', length: 16 })
  score!: string;

  @Column({ type: 'boolean' })
  passed!: boolean;

  /** Per-position credit JSON, for item statistics. */
  @Column({ type: 'text' })
  detail!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;
}

/**
 * 成绩更正申请: requested with a reason by the owning institution or the centre, decided by the centre. Approval
 * writes a new score record (`recordId`); the original record and this request both stay.
 */
@Entity('score_corrections')
@Index('ix_score_corrections_attempt', ['attemptId', 'requestedAt'])
@Index('ix_score_corrections_session', ['sessionId', 'status'])
export class ScoreCorrectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'attempt_id', type: 'varchar', length: 36 })
  attemptId!: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  /** `requested`, `approved` or `rejected`. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** The score in force when requested, and the one asked for (decimal strings, like score records). */
  @Column({ name: 'previous_score', type: 'varchar', length: 16 })
  previousScore!: string;

  @Column({ type: 'varchar', length: 16 })
  score!: string;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ name: 'requested_by', type: 'varchar', length: 36 })
  requestedBy!: string;

  @Column({ name: 'requested_at', ...msColumn })
  requestedAt!: number;

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', ...msColumn, nullable: true })
  decidedAt!: number | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 1000, nullable: true })
  decisionReason!: string | null;

  /** The score record an approval wrote. */
  @Column({ name: 'record_id', type: 'varchar', length: 36, nullable: true })
  recordId!: string | null;
}

/** A user assigned to proctor a session: a proctor sees and acts on only the sessions they are assigned to. */
@Entity('session_proctors')
@Index('ix_session_proctors_user', ['userId'])
export class SessionProctorEntity {
  @PrimaryColumn({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'assigned_by', type: 'varchar', length: 36 })
  assignedBy!: string;

  @Column({ name: 'assigned_at', ...msColumn })
  assignedAt!: number;
}
