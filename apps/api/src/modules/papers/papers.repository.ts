import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere, In } from 'typeorm';
import { Db } from '../../database/db.service';
import { PaperEntity, PaperRequestEntity, PaperRequestStatus, PaperSnapshotItemEntity } from './paper.entities';

/** Rows per multi-row INSERT: papers are ~10–20 KiB of JSON each, so a statement stays a few MiB. */
const PAPER_ROWS_PER_INSERT = 100;
const SNAPSHOT_ROWS_PER_INSERT = 500;

export type PaperMeta = Omit<PaperEntity, 'body'>;

/** The only file of the papers module that touches TypeORM for its own tables (requests, snapshots, papers). */
@Injectable()
export class PapersRepository {
  constructor(private readonly db: Db) {}

  // ── requests ──────────────────────────────────────────────────────────────────────────────────────────

  findRequest(id: string, tx: EntityManager = this.db.manager, lock = false): Promise<PaperRequestEntity | null> {
    return tx.findOne(PaperRequestEntity, {
      where: { id },
      lock: lock && this.db.kind === 'mysql' ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  findRequests(ids: string[]): Promise<PaperRequestEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.manager.findBy(PaperRequestEntity, { id: In([...new Set(ids)]) });
  }

  async insertRequest(tx: EntityManager, row: PaperRequestEntity): Promise<void> {
    await tx.insert(PaperRequestEntity, row);
  }

  async updateRequest(tx: EntityManager, id: string, patch: Partial<PaperRequestEntity>): Promise<void> {
    await tx.update(PaperRequestEntity, { id }, patch);
  }

  listRequests(
    filter: { institutionId?: string; status?: PaperRequestStatus },
    page: number,
    pageSize: number,
  ): Promise<[PaperRequestEntity[], number]> {
    const where: FindOptionsWhere<PaperRequestEntity> = {};
    if (filter.institutionId) where.institutionId = filter.institutionId;
    if (filter.status) where.status = filter.status;
    return this.db.manager.findAndCount(PaperRequestEntity, {
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  // ── snapshots ─────────────────────────────────────────────────────────────────────────────────────────

  async insertSnapshot(
    tx: EntityManager,
    requestId: string,
    rows: { versionId: string; usageCount: number }[],
  ): Promise<void> {
    for (let k = 0; k < rows.length; k += SNAPSHOT_ROWS_PER_INSERT) {
      const slice = rows
        .slice(k, k + SNAPSHOT_ROWS_PER_INSERT)
        .map((r) => ({ requestId, versionId: r.versionId, usageCount: r.usageCount }));
      await tx.createQueryBuilder().insert().into(PaperSnapshotItemEntity).values(slice).updateEntity(false).execute();
    }
  }

  // ── papers ────────────────────────────────────────────────────────────────────────────────────────────

  findPaper(id: string): Promise<PaperEntity | null> {
    return this.db.manager.findOneBy(PaperEntity, { id });
  }

  /** The request's theory papers without their bodies, in form order. */
  theoryPapers(
    requestId: string,
    tx: EntityManager = this.db.manager,
  ): Promise<Pick<PaperEntity, 'id' | 'form' | 'status'>[]> {
    return tx.find(PaperEntity, {
      select: { id: true, form: true, status: true },
      where: { requestId, kind: 'theory' },
      order: { form: 'ASC' },
    });
  }

  /** Indexes (form or candidate) of the request's papers of one kind already stored in [from, to). */
  async existingForms(
    tx: EntityManager,
    requestId: string,
    kind: string,
    from = 0,
    to = Number.MAX_SAFE_INTEGER,
  ): Promise<Set<number>> {
    const rows = await tx
      .createQueryBuilder(PaperEntity, 'p')
      .select('p.form', 'form')
      .where('p.request_id = :requestId AND p.kind = :kind AND p.form >= :from AND p.form < :to', {
        requestId,
        kind,
        from,
        to,
      })
      .getRawMany<{ form: number | string }>();
    return new Set(rows.map((r) => Number(r.form)));
  }

  async countPapers(tx: EntityManager, requestId: string, kind?: string): Promise<number> {
    const qb = tx.createQueryBuilder(PaperEntity, 'p').where('p.request_id = :requestId', { requestId });
    if (kind) qb.andWhere('p.kind = :kind', { kind });
    return qb.getCount();
  }

  /** Chunked multi-row inserts inside the caller's transaction; the unique (request, kind, form) index refuses a second copy. */
  async insertPapers(tx: EntityManager, rows: PaperEntity[]): Promise<void> {
    for (let k = 0; k < rows.length; k += PAPER_ROWS_PER_INSERT) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(PaperEntity)
        .values(rows.slice(k, k + PAPER_ROWS_PER_INSERT))
        .updateEntity(false)
        .execute();
    }
  }

  async paperIds(requestId: string): Promise<{ id: string; kind: string; form: number; label: string }[]> {
    const rows = await this.db.manager.find(PaperEntity, {
      select: { id: true, kind: true, form: true, label: true },
      where: { requestId },
      order: { kind: 'DESC', form: 'ASC' },
    });
    return rows.map((r) => ({ id: r.id, kind: r.kind, form: r.form, label: r.label }));
  }

  async releasePaper(tx: EntityManager, id: string, at: number): Promise<boolean> {
    const res = await tx.update(PaperEntity, { id, status: 'sealed' }, { status: 'released', releasedAt: at });
    return (res.affected ?? 0) > 0;
  }

  /** Papers without their bodies, for the centre's audit list. */
  listPapers(
    filter: { requestId?: string; institutionId?: string },
    page: number,
    pageSize: number,
  ): Promise<[PaperMeta[], number]> {
    const qb = this.db.manager
      .createQueryBuilder(PaperEntity, 'p')
      .select([
        'p.id',
        'p.requestId',
        'p.kind',
        'p.form',
        'p.label',
        'p.seed',
        'p.assemblerVersion',
        'p.snapshotHash',
        'p.contentHash',
        'p.status',
        'p.releasedAt',
        'p.createdAt',
      ])
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.requestId', 'ASC')
      .addOrderBy('p.kind', 'DESC')
      .addOrderBy('p.form', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    if (filter.requestId) qb.andWhere('p.request_id = :requestId', { requestId: filter.requestId });
    if (filter.institutionId)
      qb.andWhere('p.request_id IN (SELECT r.id FROM paper_requests r WHERE r.institution_id = :institutionId)', {
        institutionId: filter.institutionId,
      });
    return qb.getManyAndCount();
  }
}
