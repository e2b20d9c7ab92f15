import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  findById(id: string, tx: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return tx.findOneBy(UserEntity, { id });
  }

  findByUsername(username: string, tx: EntityManager = this.db.manager): Promise<UserEntity | null> {
    return tx.findOneBy(UserEntity, { username });
  }

  async insert(tx: EntityManager, user: UserEntity): Promise<void> {
    await tx.insert(UserEntity, user);
  }

  async update(tx: EntityManager, id: string, patch: Partial<UserEntity>): Promise<void> {
    await tx.update(UserEntity, { id }, patch);
  }

  list(page: number, pageSize: number): Promise<[UserEntity[], number]> {
    return this.db.manager.findAndCount(UserEntity, {
      order: { username: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  count(): Promise<number> {
    return this.db.manager.count(UserEntity);
  }
}
