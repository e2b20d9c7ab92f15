/**
 * The job catalogue: every job name with its payload. Payloads carry ids, never whole records, because a job may run
 * on another machine minutes later and must re-read the current state.
 */
export enum JobName {
  AuditVerify = 'audit.verify',
  ItemImport = 'items.import',
  PaperAssemble = 'papers.assemble',
  /** One slice of a large per-candidate request: candidates `from` (inclusive) to `to` (exclusive). */
  PaperAssembleChunk = 'papers.assemble-chunk',
  RetentionPurge = 'exam.retention-purge',
  AttemptDeadline = 'exam.attempt-deadline',
  SessionDeadline = 'exam.session-deadline',
}

export interface JobPayloads {
  [JobName.AuditVerify]: { reason: 'schedule' | 'manual' };
  /** The file travels in the queue payload (BullMQ keeps it in Redis); the run row keeps only the metadata. */
  [JobName.ItemImport]: {
    bankId: string;
    format: 'xlsx' | 'csv' | 'json';
    fileBase64: string;
    actorId: string;
    actorName: string;
    fileName?: string;
    status?: 'draft' | 'in_review';
  };
  [JobName.PaperAssemble]: { requestId: string };
  [JobName.PaperAssembleChunk]: { requestId: string; from: number; to: number };
  [JobName.RetentionPurge]: { reason: 'schedule' | 'manual' };
  /** Delayed to an extended attempt's own deadline: submits it if the browser never did. */
  [JobName.AttemptDeadline]: { attemptId: string };
  /** Delayed to the session's end: submits every attempt of the session that is due and still open. */
  [JobName.SessionDeadline]: { sessionId: string };
}

export type JobOf<N extends JobName> = JobPayloads[N];

export interface JobContext {
  runId: string;
  /** The run's identity as enqueued (`<job>:<key>`): a delayed job reads from it what it was queued for. */
  runKey: string;
  attempt: number;
  /** 0–100; stored on the run row so `GET /jobs/{id}` shows it whatever the driver. */
  progress(percent: number): Promise<void>;
}

/** The work behind a job; providers declare theirs with `@JobHandler(name)`. */
export type JobHandlerFn<N extends JobName> = (data: JobOf<N>, ctx: JobContext) => Promise<unknown>;

/** Retries live here, not at call sites. */
export const JOB_ATTEMPTS = 3;
export const JOB_BACKOFF_MS = 1000;

export interface Schedule {
  name: JobName;
  everyMs: number;
  data: JobOf<JobName>;
}
