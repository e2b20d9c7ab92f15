import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import type { InstitutionFilter } from './dto/institution.dto';
import { InstitutionEntity } from './institution.entity';

/** A LIKE pattern matching `text` literally (escape character `!`, which both MariaDB and SQLite accept). */
export const likeLiteral = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);

@Injectable()
export class InstitutionsRepository {
  constructor(private readonly db: Db) {}

  findById(id: string, tx: EntityManager = this.db.manager, lock = false): Promise<InstitutionEntity | null> {
    return tx.findOne(InstitutionEntity, {
      where: { id },
      lock: lock && this.db.kind === 'mysql' ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  findByCode(code: string, tx: EntityManager = this.db.manager): Promise<InstitutionEntity | null> {
    return tx.findOneBy(InstitutionEntity, { code });
  }

  findByIds(ids: string[]): Promise<InstitutionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.manager.createQueryBuilder(InstitutionEntity, 'i').where('i.id IN (:...ids)', { ids }).getMany();
  }

  async insert(tx: EntityManager, row: InstitutionEntity): Promise<void> {
    await tx.insert(InstitutionEntity, row);
  }

  async update(tx: EntityManager, id: string, patch: Partial<InstitutionEntity>): Promise<void> {
    await tx.update(InstitutionEntity, { id }, patch);
  }

  /** Newest code order; the occupation is matched inside the scope's JSON (written without spaces by the service). */
  list(filter: InstitutionFilter, page: number, pageSize: number): Promise<[InstitutionEntity[], number]> {
    const qb = this.db.manager.createQueryBuilder(InstitutionEntity, 'i');
    if (filter.id) qb.andWhere('i.id = :id', { id: filter.id });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.occupation)
      qb.andWhere("i.scope LIKE :occupation ESCAPE '!'", {
        occupation: `%${likeLiteral(JSON.stringify({ occupation: filter.occupation }).slice(1, -1))}%`,
      });
    if (filter.q)
      qb.andWhere("(i.code LIKE :q ESCAPE '!' OR i.name LIKE :q ESCAPE '!')", { q: `%${likeLiteral(filter.q)}%` });
    if (filter.expiring)
      qb.andWhere('i.validUntil >= :now AND i.validUntil <= :before', {
        now: filter.expiring.now,
        before: filter.expiring.before,
      });
    return qb
      .orderBy('i.code', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
