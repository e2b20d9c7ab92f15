import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager, LessThan } from 'typeorm';
import { Db } from '../../database/db.service';
import { JobRunEntity, JobStatus } from './job-run.entity';

@Injectable()
export class JobsRepository {
  constructor(private readonly db: Db) {}

  findById(id: string): Promise<JobRunEntity | null> {
    return this.db.manager.findOneBy(JobRunEntity, { id });
  }

  /** Insert-or-get by key, so enqueuing the same logical job twice yields one run. */
  async upsertQueued(input: { key: string; name: string; payload: unknown; createdBy: string | null; now: number }, tx?: EntityManager): Promise<{ run: JobRunEntity; created: boolean }> {
    const work = async (m: EntityManager) => {
      const existing = await m.findOneBy(JobRunEntity, { key: input.key });
      if (existing) return { run: existing, created: false };
      const run = m.create(JobRunEntity, {
        id: randomUUID(),
        key: input.key,
        name: input.name,
        status: 'queued',
        progress: 0,
        payload: JSON.stringify(input.payload),
        result: null,
        error: null,
        attempts: 0,
        createdBy: input.createdBy,
        createdAt: input.now,
        updatedAt: input.now,
      });
      await m.insert(JobRunEntity, run);
      return { run, created: true };
    };
    return tx ? work(tx) : this.db.transaction(work);
  }

  async update(id: string, patch: Partial<Pick<JobRunEntity, 'status' | 'progress' | 'result' | 'error' | 'attempts'>> & { updatedAt: number }): Promise<void> {
    await this.db.transaction((tx) => tx.update(JobRunEntity, { id }, patch));
  }

  /** Runs left behind by a process that stopped before dispatching or finishing them. */
  findStale(statuses: JobStatus[], olderThan: number): Promise<JobRunEntity[]> {
    return this.db.manager.find(JobRunEntity, {
      where: statuses.map((status) => ({ status, updatedAt: LessThan(olderThan) })),
      order: { createdAt: 'ASC' },
      take: 500,
    });
  }
}
