import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { badRequest, conflict, notFound } from '../../common/app.exception';
import { Page } from '../../common/paging';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { Actor, StaffPrincipal } from '../auth/principal';
import { InstitutionLookup } from '../users/users.service';
import { CreateInstitutionDto, InstitutionQuery, InstitutionView, UpdateInstitutionDto } from './dto/institution.dto';
import { InstitutionEntity, InstitutionStatus } from './institution.entity';
import { defaultValidUntil, ScopeEntry } from '@jianding/itembank';
import { InstitutionsRepository } from './institutions.repository';

/** Merges entries naming the same occupation, so a scope lists each occupation once with its levels. */
function normaliseScope(scope: ScopeEntry[]): ScopeEntry[] {
  const byOccupation = new Map<string, Set<string>>();
  for (const s of scope) {
    const levels = byOccupation.get(s.occupation) ?? new Set<string>();
    s.levels.forEach((l) => levels.add(l));
    byOccupation.set(s.occupation, levels);
  }
  return [...byOccupation].map(([occupation, levels]) => ({ occupation, levels: [...levels] }));
}

function checkValidity(from: number, until: number): void {
  if (!(until > from)) throw badRequest('VALIDITY_INVALID', 'validUntil must be after validFrom');
}

/** 评价机构 filing: who may assess which occupations and levels, until when, and whether they are suspended. */
@Injectable()
export class InstitutionsService {
  constructor(
    private readonly db: Db,
    private readonly repo: InstitutionsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateInstitutionDto): Promise<InstitutionView> {
    const now = Date.now();
    const validFrom = dto.validFrom ? Date.parse(dto.validFrom) : now;
    const validUntil = dto.validUntil ? Date.parse(dto.validUntil) : defaultValidUntil(validFrom);
    checkValidity(validFrom, validUntil);
    return this.db.transaction(async (tx) => {
      if (await this.repo.findByCode(dto.code, tx))
        throw conflict('INSTITUTION_CODE_TAKEN', `An institution with code ${dto.code} is already filed`);
      const row = Object.assign(new InstitutionEntity(), {
        id: randomUUID(),
        code: dto.code,
        name: dto.name,
        type: dto.type,
        scope: JSON.stringify(normaliseScope(dto.scope)),
        validFrom,
        validUntil,
        status: 'active' as InstitutionStatus,
        statusReason: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insert(tx, row);
      const view = InstitutionView.of(row);
      await this.audit.append(tx, {
        actor,
        action: 'institution.create',
        entity: 'institution',
        entityId: row.id,
        data: {
          code: view.code,
          name: view.name,
          type: view.type,
          scope: view.scope,
          validFrom: view.validFrom,
          validUntil: view.validUntil,
        },
      });
      return view;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateInstitutionDto): Promise<InstitutionView> {
    return this.db.transaction(async (tx) => {
      const row = await this.repo.findById(id, tx, true);
      if (!row) throw notFound('INSTITUTION_NOT_FOUND', 'No institution has this id');
      if (row.status === 'revoked')
        throw conflict('INSTITUTION_REVOKED', 'A revoked filing cannot be changed; file the institution again');
      const patch: Partial<InstitutionEntity> = { updatedAt: Date.now() };
      if (dto.name !== undefined) patch.name = dto.name;
      if (dto.type !== undefined) patch.type = dto.type;
      if (dto.scope !== undefined) patch.scope = JSON.stringify(normaliseScope(dto.scope));
      if (dto.validFrom !== undefined) patch.validFrom = Date.parse(dto.validFrom);
      if (dto.validUntil !== undefined) patch.validUntil = Date.parse(dto.validUntil);
      checkValidity(patch.validFrom ?? row.validFrom, patch.validUntil ?? row.validUntil);
      if (dto.status !== undefined && dto.status !== row.status) {
        if (dto.status !== 'active' && !dto.reason)
          throw badRequest('REASON_REQUIRED', `Give the reason for setting the institution ${dto.status}`);
        patch.status = dto.status;
        patch.statusReason = dto.reason ?? null;
      } else if (dto.reason !== undefined) {
        patch.statusReason = dto.reason;
      }
      await this.repo.update(tx, id, patch);
      const view = InstitutionView.of({ ...row, ...patch } as InstitutionEntity);
      const action = patch.status
        ? `institution.${patch.status === 'active' ? 'reinstate' : patch.status === 'suspended' ? 'suspend' : 'revoke'}`
        : 'institution.update';
      await this.audit.append(tx, {
        actor,
        action,
        entity: 'institution',
        entityId: id,
        data: {
          name: dto.name,
          type: dto.type,
          scope: dto.scope ? view.scope : undefined,
          validFrom: dto.validFrom ? view.validFrom : undefined,
          validUntil: dto.validUntil ? view.validUntil : undefined,
          status: patch.status,
          reason: dto.reason,
          previousStatus: patch.status ? row.status : undefined,
        },
      });
      return view;
    });
  }

  /** The centre sees every institution; an institution user only its own. */
  async list(p: StaffPrincipal, q: InstitutionQuery): Promise<Page<InstitutionView>> {
    const { page, pageSize } = q;
    const own = !p.roles.includes('centre') && !p.roles.includes('admin');
    if (own && !p.institutionId) return { items: [], total: 0, page, pageSize };
    const now = Date.now();
    const [rows, total] = await this.repo.list(
      {
        id: own ? p.institutionId! : undefined,
        status: q.status,
        occupation: q.occupation,
        q: q.q,
        expiring: q.expiringWithinDays ? { now, before: now + q.expiringWithinDays * 86_400_000 } : undefined,
      },
      page,
      pageSize,
    );
    return { items: rows.map(InstitutionView.of), total, page, pageSize };
  }

  async get(p: StaffPrincipal, id: string): Promise<InstitutionView> {
    const own = !p.roles.includes('centre') && !p.roles.includes('admin');
    const row = own && p.institutionId !== id ? null : await this.repo.findById(id);
    if (!row) throw notFound('INSTITUTION_NOT_FOUND', 'No institution has this id');
    return InstitutionView.of(row);
  }

  findEntity(id: string): Promise<InstitutionEntity | null> {
    return this.repo.findById(id);
  }

  findEntities(ids: string[]): Promise<InstitutionEntity[]> {
    return this.repo.findByIds([...new Set(ids)]);
  }
}

/** What UsersService asks before tying a user to an institution. */
@Injectable()
export class InstitutionLookupService extends InstitutionLookup {
  constructor(private readonly repo: InstitutionsRepository) {
    super();
  }

  async exists(id: string): Promise<boolean> {
    return (await this.repo.findById(id)) !== null;
  }

  async refs(ids: readonly string[]): Promise<Map<string, { id: string; code: string; name: string }>> {
    const rows = await this.repo.findByIds([...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, name: r.name }]));
  }
}
