import { Injectable } from '@nestjs/common';
import { Between, EntityManager, FindOptionsWhere, LessThan, MoreThan, MoreThanOrEqual } from 'typeorm';
import { Db } from '../../database/db.service';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity';

export const HEAD_ID = 1;
/** Rows per multi-row INSERT: 11 columns each, far under SQLite's and MySQL's placeholder limits. */
const ENTRIES_PER_INSERT = 500;
const ENTRY_COLUMNS = [
  'id',
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'action',
  'entity',
  'entity_id',
  'data',
  'prev_hash',
  'hash',
] as const;

/** What the centre's log browser narrows by; `from` is inclusive, `to` exclusive (epoch ms). */
export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: number;
  to?: number;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** Reads the chain tip with a row lock (MySQL) so concurrent appends queue up behind each other. */
  async lockHead(tx: EntityManager): Promise<AuditHeadEntity | null> {
    return tx.findOne(AuditHeadEntity, {
      where: { id: HEAD_ID },
      lock: this.db.kind === 'mysql' ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  /** Creates the tip row if no one has yet; a concurrent first append waits on the other's row and then finds it. */
  async insertHead(tx: EntityManager, head: AuditHeadEntity): Promise<void> {
    await tx.createQueryBuilder().insert().into(AuditHeadEntity).values(head).orIgnore().execute();
  }

  /** The entries (multi-row INSERTs of {@link ENTRIES_PER_INSERT}) and the new tip. */
  async saveEntries(tx: EntityManager, entries: AuditEntryEntity[], head: AuditHeadEntity): Promise<void> {
    if (entries.length === 1) await tx.insert(AuditEntryEntity, entries[0]);
    else
      for (let i = 0; i < entries.length; i += ENTRIES_PER_INSERT) {
        // Plain multi-row SQL: TypeORM's insert builder spends more on its parameters than the database on the rows.
        const rows = entries.slice(i, i + ENTRIES_PER_INSERT);
        const tuple = `(${ENTRY_COLUMNS.map(() => '?').join(',')})`;
        await tx.query(
          `INSERT INTO \`audit_entries\` (${ENTRY_COLUMNS.map((c) => `\`${c}\``).join(',')}) VALUES ${rows.map(() => tuple).join(',')}`,
          rows.flatMap((e) => [
            e.id,
            e.seq,
            e.at,
            e.actorId,
            e.actorName,
            e.action,
            e.entity,
            e.entityId,
            e.data,
            e.prevHash,
            e.hash,
          ]),
        );
      }
    await tx.update(AuditHeadEntity, { id: HEAD_ID }, { seq: head.seq, hash: head.hash });
  }

  readHead(): Promise<AuditHeadEntity | null> {
    return this.db.manager.findOneBy(AuditHeadEntity, { id: HEAD_ID });
  }

  /** Keyset pages in chain order; verify walks the whole chain without holding it in memory. */
  pageAfter(seq: number, size: number): Promise<AuditEntryEntity[]> {
    return this.db.manager.find(AuditEntryEntity, { where: { seq: MoreThan(seq) }, order: { seq: 'ASC' }, take: size });
  }

  async list(filter: AuditFilter, page: number, pageSize: number): Promise<[AuditEntryEntity[], number]> {
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    if (filter.entity) where.entity = filter.entity;
    if (filter.entityId) where.entityId = filter.entityId;
    if (filter.actorId) where.actorId = filter.actorId;
    if (filter.action) where.action = filter.action;
    if (filter.from !== undefined && filter.to !== undefined) where.at = Between(filter.from, filter.to - 1);
    else if (filter.from !== undefined) where.at = MoreThanOrEqual(filter.from);
    else if (filter.to !== undefined) where.at = LessThan(filter.to);
    return this.db.manager.findAndCount(AuditEntryEntity, {
      where,
      order: { seq: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }
}
