import { JobName, Schedule } from './jobs';

export interface QueuedJob {
  runId: string;
  name: JobName;
  data: unknown;
  /** Run no earlier than this many ms from now (deadline jobs). */
  delayMs?: number;
}

export type Processor = (job: {
  runId?: string;
  name: JobName;
  data: unknown;
  attempt: number;
  final: boolean;
}) => Promise<unknown>;

export interface QueueStatus {
  driver: 'bullmq' | 'inline';
  ok: boolean;
  counts?: Record<string, number>;
  error?: string;
}

/** The seam between the processors and where jobs wait: Redis (BullMQ) in production, the process itself otherwise. */
export interface QueueDriver {
  /** Idempotent: a run the driver already holds (waiting, delayed, active or kept as finished) is left as it is. */
  add(job: QueuedJob): Promise<void>;
  process(processor: Processor, concurrency: number): Promise<void>;
  /** Creates the repeating jobs that are missing or whose interval changed; cheap enough to call every few seconds. */
  schedule(schedules: Schedule[]): Promise<void>;
  /** The runs among `runIds` the driver does not hold at all: lost with Redis's data, or with a process. */
  missing(runIds: string[]): Promise<string[]>;
  status(): Promise<QueueStatus>;
  close(): Promise<void>;
}
