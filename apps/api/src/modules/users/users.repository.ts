import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
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

  async usernames(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    if (wanted.length === 0) return new Map();
    const rows = await this.db.manager.find(UserEntity, {
      select: { id: true, username: true },
      where: { id: In(wanted) },
    });
    return new Map(rows.map((u) => [u.id, u.username]));
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
