import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Db } from '../../database/db.service';
import type { StaffRole } from './roles';
import { UserEntity } from './user.entity';

export interface UserFilter {
  role?: StaffRole;
  institutionId?: string;
  active?: boolean;
  q?: string;
}

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

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return ids.length ? this.db.manager.findBy(UserEntity, { id: In([...new Set(ids)]) }) : Promise.resolve([]);
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

  /** Roles are a comma-separated column: a role matches alone, first, last or in the middle. */
  list(filter: UserFilter, page: number, pageSize: number): Promise<[UserEntity[], number]> {
    const qb = this.db.manager.createQueryBuilder(UserEntity, 'u');
    if (filter.role)
      qb.andWhere('(u.roles = :role OR u.roles LIKE :first OR u.roles LIKE :last OR u.roles LIKE :middle)', {
        role: filter.role,
        first: `${filter.role},%`,
        last: `%,${filter.role}`,
        middle: `%,${filter.role},%`,
      });
    if (filter.institutionId) qb.andWhere('u.institutionId = :inst', { inst: filter.institutionId });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active ? 1 : 0 });
    if (filter.q) {
      const q = `%${filter.q.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      qb.andWhere("(u.username LIKE :q ESCAPE '!' OR u.displayName LIKE :q ESCAPE '!')", { q });
    }
    return qb
      .orderBy('u.username', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  count(): Promise<number> {
    return this.db.manager.count(UserEntity);
  }
}
