import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager, In, LessThan } from 'typeorm';
import { Db } from '../../database/db.service';
import { JobRunEntity, JobStatus } from './job-run.entity';

@Injectable()
export class JobsRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<JobRunEntity | null> {
    return this.db.manager.findOneBy(JobRunEntity, { id });
  }

  /**
   * Insert-or-get by key, so enqueuing the same logical job twice yields one run. Plain SQL: every candidate's first
   * sign-in enqueues its deadline job through here.
   */
  async upsertQueued(
    input: {
      key: string;
      name: string;
      payload: unknown;
      createdBy: string | null;
      now: number;
      runAt?: number | null;
    },
    tx?: EntityManager,
  ): Promise<{ run: JobRunEntity; created: boolean }> {
    const work = async (m: EntityManager) => {
      const rows: Record<string, unknown>[] = await m.query(
        'SELECT id, `key`, name, status, progress, payload, result, error, attempts, run_at, created_by, created_at, updated_at FROM job_runs WHERE `key` = ?',
        [input.key],
      );
      if (rows[0]) return { run: toRun(rows[0]), created: false };
      const run = Object.assign(new JobRunEntity(), {
        id: randomUUID(),
        key: input.key,
        name: input.name,
        status: 'queued' as JobStatus,
        progress: 0,
        payload: JSON.stringify(input.payload),
        result: null,
        error: null,
        attempts: 0,
        runAt: input.runAt ?? null,
        createdBy: input.createdBy,
        createdAt: input.now,
        updatedAt: input.now,
      });
      await m.query(
        'INSERT INTO job_runs (id, `key`, name, status, progress, payload, result, error, attempts, run_at, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
        [
          run.id,
          run.key,
          run.name,
          run.status,
          run.progress,
          run.payload,
          run.result,
          run.error,
          run.attempts,
          run.runAt,
          run.createdBy,
          run.createdAt,
          run.updatedAt,
        ],
      );
      return { run, created: true };
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  async update(
    id: string,
    patch: Partial<Pick<JobRunEntity, 'status' | 'progress' | 'result' | 'error' | 'attempts'>> & { updatedAt: number },
  ): Promise<void> {
    await this.db.transaction((tx) => tx.update(JobRunEntity, { id }, patch));
  }

  /** Runs that should be waiting in the queue or running, untouched since `settledBefore`: what the reconciler checks. */
  findOutstanding(settledBefore: number, page: { skip: number; take: number }): Promise<JobRunEntity[]> {
    return this.db.manager.find(JobRunEntity, {
      where: { status: In(['queued', 'running'] satisfies JobStatus[]), updatedAt: LessThan(settledBefore) },
      order: { createdAt: 'ASC', id: 'ASC' },
      ...page,
    });
  }
}

const toRun = (r: Record<string, unknown>): JobRunEntity =>
  Object.assign(new JobRunEntity(), {
    id: String(r.id),
    key: String(r.key),
    name: String(r.name),
    status: r.status as JobStatus,
    progress: Number(r.progress),
    payload: String(r.payload),
    result: (r.result as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    attempts: Number(r.attempts),
    runAt: r.run_at === null || r.run_at === undefined ? null : Number(r.run_at),
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  });
