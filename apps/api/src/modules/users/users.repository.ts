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

  /** What the guard needs to judge an institution's standing; one indexed row. */
  async institutionStanding(id: string): Promise<{ status: string; validFrom: number; validUntil: number } | null> {
    const rows: { status: string; valid_from: string | number; valid_until: string | number }[] =
      await this.db.manager.query('SELECT status, valid_from, valid_until FROM institutions WHERE id = ?', [id]);
    return rows[0]
      ? { status: rows[0].status, validFrom: Number(rows[0].valid_from), validUntil: Number(rows[0].valid_until) }
      : null;
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
