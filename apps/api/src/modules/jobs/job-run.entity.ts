import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../common/columns';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * What a client can ask about a queued job (`GET /jobs/{id}`), identical for the BullMQ and in-process drivers.
 * `key` is the deterministic id: enqueuing the same key again returns the same run instead of a second one.
 * The table is also the queue's outbox: a run that is queued or running here but missing from the driver (a Redis
 * that came back empty, a process that died) is handed to the driver again by the reconciler.
 */
@Entity('job_runs')
export class JobRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_job_runs_key', { unique: true })
  @Column({ type: 'varchar', length: 191 })
  key!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Index('ix_job_runs_status')
  @Column({ type: 'varchar', length: 16 })
  status!: JobStatus;

  @Column({ type: 'integer', default: 0 })
  progress!: number;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** The earliest time the job may run (a deadline job's planned time), null for at once: re-queuing keeps it. */
  @Column({ name: 'run_at', ...msColumn, nullable: true })
  runAt!: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', ...msColumn })
  createdAt!: number;

  @Column({ name: 'updated_at', ...msColumn })
  updatedAt!: number;
}
