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
  add(job: QueuedJob): Promise<void>;
  process(processor: Processor, concurrency: number): Promise<void>;
  schedule(schedules: Schedule[]): Promise<void>;
  status(): Promise<QueueStatus>;
  close(): Promise<void>;
}
