import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { badRequest, conflict, forbidden, notFound } from '../../common/app.exception';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { Actor } from '../auth/principal';
import { Page } from '../../common/paging';
import { CreateUserDto, UpdateUserDto, UserInstitutionView, UserQuery, UserView } from './dto/user.dto';
import type { StaffRole } from './roles';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** Lets other modules (institutions) confirm an institution exists before a user is tied to it. */
export abstract class InstitutionLookup {
  abstract exists(id: string): Promise<boolean>;
  /** Code and name of each institution on file among `ids`. */
  abstract refs(ids: readonly string[]): Promise<Map<string, { id: string; code: string; name: string }>>;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateUserDto, institutions?: InstitutionLookup): Promise<UserView> {
    this.checkInstitutionLink(dto.roles, dto.institutionId);
    if (dto.institutionId && institutions && !(await institutions.exists(dto.institutionId))) {
      throw badRequest('INSTITUTION_NOT_FOUND', 'No institution has this id');
    }
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (tx) => {
      if (await this.users.findByUsername(dto.username, tx))
        throw conflict('USERNAME_TAKEN', `The user name ${dto.username} is taken`);
      const now = Date.now();
      const user = Object.assign(new UserEntity(), {
        id: randomUUID(),
        username: dto.username,
        displayName: dto.displayName ?? dto.username,
        passwordHash,
        roles: dto.roles,
        institutionId: dto.institutionId ?? null,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      await this.users.insert(tx, user);
      await this.audit.append(tx, {
        actor,
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        data: { username: user.username, roles: user.roles, institutionId: user.institutionId },
      });
      return UserView.of(user);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.db.transaction(async (tx) => {
      const user = await this.users.findById(id, tx);
      if (!user) throw notFound('USER_NOT_FOUND', 'No user has this id');
      if (dto.roles) this.checkInstitutionLink(dto.roles, user.institutionId ?? undefined);
      if (
        actor.id === id &&
        (dto.active === false || (dto.roles && !dto.roles.includes('admin') && user.roles.includes('admin')))
      ) {
        throw badRequest(
          'CANNOT_LOCK_SELF_OUT',
          'An admin cannot disable their own account or drop their own admin role',
        );
      }
      const patch: Partial<UserEntity> = { updatedAt: Date.now() };
      if (dto.roles) patch.roles = dto.roles;
      if (dto.active !== undefined) patch.active = dto.active;
      if (dto.displayName) patch.displayName = dto.displayName;
      if (passwordHash) patch.passwordHash = passwordHash;
      await this.users.update(tx, id, patch);
      await this.audit.append(tx, {
        actor,
        action: 'user.update',
        entity: 'user',
        entityId: id,
        data: { roles: dto.roles, active: dto.active, displayName: dto.displayName, passwordChanged: !!passwordHash },
      });
      return UserView.of({ ...user, ...patch } as UserEntity);
    });
  }

  /** A staff member's own password: the current one proves it is them, not someone at an unlocked screen. */
  async changeOwnPassword(
    actor: Actor & { id: string | null },
    currentPassword: string,
    newPassword: string,
  ): Promise<{ changed: true }> {
    const user = actor.id ? await this.users.findById(actor.id) : null;
    if (!user || !(await verifyPassword(user.passwordHash, currentPassword)))
      throw forbidden('PASSWORD_WRONG', 'The current password is not right');
    if (currentPassword === newPassword)
      throw badRequest('PASSWORD_UNCHANGED', 'The new password must differ from the current one');
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.update(tx, user.id, { passwordHash, updatedAt: Date.now() });
      await this.audit.append(tx, {
        actor,
        action: 'user.password_change',
        entity: 'user',
        entityId: user.id,
        data: {},
      });
    });
    return { changed: true };
  }

  async list(q: UserQuery, institutions?: InstitutionLookup): Promise<Page<UserView>> {
    const { page, pageSize } = q;
    const [rows, total] = await this.users.list(
      { role: q.role, institutionId: q.institutionId, active: q.active, q: q.q },
      page,
      pageSize,
    );
    const ids = rows.map((u) => u.institutionId).filter((id): id is string => !!id);
    const refs = institutions && ids.length ? await institutions.refs(ids) : new Map<string, UserInstitutionView>();
    return {
      items: rows.map((u) => ({
        ...UserView.of(u),
        institution: u.institutionId ? (refs.get(u.institutionId) ?? null) : null,
      })),
      total,
      page,
      pageSize,
    };
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('USER_NOT_FOUND', 'No user has this id');
    return UserView.of(user);
  }

  /** For the exam module: users by id, in no particular order (unknown ids are left out). */
  async views(ids: readonly string[]): Promise<UserView[]> {
    return (await this.users.findByIds(ids)).map((u) => UserView.of(u));
  }

  /**
   * For the exam module: the active proctors a session of this institution can be given, its own and the centre's (no
   * institution). A province's proctors number in the hundreds; the first 500 by username are offered.
   */
  async proctorsFor(institutionId: string): Promise<UserView[]> {
    return (await this.activeWithRole('proctor')).filter(
      (u) => u.institutionId === null || u.institutionId === institutionId,
    );
  }

  /** For other modules: active users holding a role, found by name or username (the first 500 by username). */
  async activeWithRole(role: StaffRole, q?: string): Promise<UserView[]> {
    const [rows] = await this.users.list({ role, active: true, q }, 1, 500);
    return rows.map((u) => UserView.of(u));
  }

  private checkInstitutionLink(roles: StaffRole[], institutionId?: string): void {
    if (roles.includes('institution') && !institutionId) {
      throw badRequest(
        'INSTITUTION_REQUIRED',
        'A user with the institution role must belong to an institution (institutionId)',
      );
    }
  }
}
