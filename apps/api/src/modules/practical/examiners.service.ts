import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AppException, badRequest, conflict, notFound } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Page } from '../../common/paging';
import { Db, isDuplicateKey } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { InstitutionLookup } from '../users/users.service';
import type { Actor } from '../auth/principal';
import { UsersService } from '../users/users.service';
import {
  CreateExaminerDto,
  ExaminerAccountView,
  ExaminerQuery,
  ExaminerView,
  UpdateExaminerDto,
} from './dto/practical.dto';
import { ExaminerEntity } from './practical.entities';
import { PracticalRepository } from './practical.repository';

export function examinerView(e: ExaminerEntity): ExaminerView {
  return {
    id: e.id,
    userId: e.userId,
    name: e.name,
    certificateNo: e.certificateNo,
    occupations: JSON.parse(e.occupations) as string[],
    level: e.level,
    institutionId: e.institutionId,
    active: !!e.active,
    createdAt: iso(e.createdAt)!,
    updatedAt: iso(e.updatedAt)!,
  };
}

/** The centre's examiner register (考评员): only registered, active examiners can sit on a panel and score. */
@Injectable()
export class ExaminersService {
  constructor(
    private readonly db: Db,
    private readonly repo: PracticalRepository,
    private readonly users: UsersService,
    private readonly institutions: InstitutionLookup,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateExaminerDto): Promise<ExaminerView> {
    await this.checkUser(dto.userId);
    if (dto.institutionId) await this.checkInstitution(dto.institutionId);
    const now = Date.now();
    const row = Object.assign(new ExaminerEntity(), {
      id: randomUUID(),
      userId: dto.userId,
      name: dto.name.trim(),
      certificateNo: dto.certificateNo,
      occupations: JSON.stringify([...dto.occupations].sort()),
      level: dto.level,
      institutionId: dto.institutionId ?? null,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.db.transaction(async (tx) => {
        await this.repo.insertExaminer(tx, row);
        await this.audit.append(tx, {
          actor,
          action: 'examiner.register',
          entity: 'examiner',
          entityId: row.id,
          data: {
            userId: row.userId,
            certificateNo: row.certificateNo,
            occupations: dto.occupations,
            level: row.level,
          },
        });
      });
    } catch (err) {
      if (isDuplicateKey(err))
        throw conflict('EXAMINER_EXISTS', 'This user or certificate number is already in the examiner register');
      throw err;
    }
    return examinerView(row);
  }

  async update(actor: Actor, id: string, dto: UpdateExaminerDto): Promise<ExaminerView> {
    if (dto.institutionId) await this.checkInstitution(dto.institutionId);
    const updated = await this.db.transaction(async (tx) => {
      const e = await this.repo.findExaminer(id, tx);
      if (!e) throw notFound('EXAMINER_NOT_FOUND', 'No examiner in the register has this id');
      const patch: Partial<ExaminerEntity> = { updatedAt: Date.now() };
      if (dto.name !== undefined) patch.name = dto.name.trim();
      if (dto.occupations !== undefined) patch.occupations = JSON.stringify([...dto.occupations].sort());
      if (dto.level !== undefined) patch.level = dto.level;
      if (dto.institutionId !== undefined) patch.institutionId = dto.institutionId;
      if (dto.active !== undefined) patch.active = dto.active;
      await this.repo.updateExaminer(tx, id, patch);
      await this.audit.append(tx, {
        actor,
        action: 'examiner.update',
        entity: 'examiner',
        entityId: id,
        data: { ...dto },
      });
      return Object.assign(e, patch);
    });
    return examinerView(updated);
  }

  async list(q: ExaminerQuery): Promise<Page<ExaminerView>> {
    const [rows, total] = await this.repo.listExaminers(q, q.page, q.pageSize);
    return { items: rows.map(examinerView), total, page: q.page, pageSize: q.pageSize };
  }

  /** Accounts that can be registered: active users holding the examiner role who are not in the register yet. */
  async accounts(q?: string): Promise<ExaminerAccountView[]> {
    const users = await this.users.activeWithRole('examiner', q);
    const registered = await this.repo.registeredUserIds(users.map((u) => u.id));
    return users
      .filter((u) => !registered.has(u.id))
      .map((u) => ({ userId: u.id, username: u.username, displayName: u.displayName }));
  }

  async get(id: string): Promise<ExaminerView> {
    const e = await this.repo.findExaminer(id);
    if (!e) throw notFound('EXAMINER_NOT_FOUND', 'No examiner in the register has this id');
    return examinerView(e);
  }

  private async checkUser(userId: string): Promise<void> {
    const user = await this.users.get(userId).catch((err: unknown) => {
      if (err instanceof AppException && err.code === 'USER_NOT_FOUND') return null;
      throw err;
    });
    if (!user || !user.roles.includes('examiner') || !user.active)
      throw badRequest('EXAMINER_USER_INVALID', 'The user must exist, be active and hold the examiner role');
  }

  private async checkInstitution(id: string): Promise<void> {
    if (!(await this.institutions.exists(id))) throw badRequest('INSTITUTION_NOT_FOUND', 'No institution has this id');
  }
}
