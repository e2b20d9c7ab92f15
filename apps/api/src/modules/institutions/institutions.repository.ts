import { Injectable } from '@nestjs/common';
import { EntityManager, FindOptionsWhere } from 'typeorm';
import { Db } from '../../database/db.service';
import { InstitutionEntity, InstitutionStatus } from './institution.entity';

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

  list(
    filter: { id?: string; status?: InstitutionStatus },
    page: number,
    pageSize: number,
  ): Promise<[InstitutionEntity[], number]> {
    const where: FindOptionsWhere<InstitutionEntity> = {};
    if (filter.id) where.id = filter.id;
    if (filter.status) where.status = filter.status;
    return this.db.manager.findAndCount(InstitutionEntity, {
      where,
      order: { code: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }
}
