import { Inject, Injectable } from '@nestjs/common';
import {
  defaultPaperTemplate,
  isLevel,
  PaperTemplateSchema,
  validateKnowledgeMap,
  validateTemplate,
  type KnowledgeMap,
  type Level,
  type PaperTemplate,
} from '@jianding/itembank';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { badRequest, conflict, notFound, unprocessable } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/principal';
import { BankEntity, OccupationEntity } from './bank.entities';
import { BanksRepository } from './banks.repository';
import { PoliciesService } from './policies.service';

/** A bank as this module's services hand it to others. */
export type Bank = BankEntity;

export interface ResolvedBank {
  occupation: OccupationEntity;
  bank: BankEntity;
}

export interface BankView {
  id: string;
  occupation: { code: string; name: string; special: boolean };
  level: string;
  policyId: string | null;
  /** The policy that applies: the bank's own or the deployment default. */
  effectivePolicyId: string;
  knowledgeMapVersion: number;
  hasKnowledgeMap: boolean;
  /** The bank's own template, or null for the level's default. */
  template: PaperTemplate | null;
  effectiveTemplate: PaperTemplate;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface OccupationView {
  id: string;
  code: string;
  name: string;
  special: boolean;
  createdAt: string | null;
}

export const occupationView = (o: OccupationEntity): OccupationView => ({
  id: o.id,
  code: o.code,
  name: o.name,
  special: !!o.special,
  createdAt: iso(o.createdAt),
});

/** Parses a stored JSON column; the column is written only by this module, so a parse failure is a bug worth a 500. */
export const parseJson = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

/**
 * Occupations and banks (occupation × level): a bank comes into being the first time something is stored in it
 * (a knowledge map, an item, an import), so nobody has to create 6 empty banks per occupation by hand.
 */
@Injectable()
export class BanksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly repo: BanksRepository,
    private readonly audit: AuditService,
    private readonly policies: PoliciesService,
  ) {}

  async createOccupation(
    actor: Actor,
    dto: { code: string; name: string; special?: boolean },
  ): Promise<OccupationView> {
    return this.db.transaction(async (tx) => {
      if (await this.repo.findOccupationByCode(dto.code, tx))
        throw conflict('OCCUPATION_EXISTS', `Occupation ${dto.code} already exists`);
      const occupation = Object.assign(new OccupationEntity(), {
        id: randomUUID(),
        code: dto.code,
        name: dto.name.trim(),
        special: !!dto.special,
        createdAt: Date.now(),
      });
      await this.repo.insertOccupation(tx, occupation);
      await this.audit.append(tx, {
        actor,
        action: 'occupation.create',
        entity: 'occupation',
        entityId: occupation.id,
        data: { code: occupation.code, name: occupation.name, special: occupation.special },
      });
      return occupationView(occupation);
    });
  }

  async listOccupations(): Promise<{ items: OccupationView[]; total: number }> {
    const rows = await this.repo.listOccupations();
    return { items: rows.map(occupationView), total: rows.length };
  }

  async listBanks(occupationCode?: string): Promise<{ items: BankView[]; total: number }> {
    let occupationId: string | undefined;
    if (occupationCode) {
      const occupation = await this.repo.findOccupationByCode(occupationCode);
      if (!occupation) return { items: [], total: 0 };
      occupationId = occupation.id;
    }
    const rows = await this.repo.listBanks(occupationId);
    return { items: rows.map((r) => this.view(r)), total: rows.length };
  }

  /** The occupation and level of a path, checked: unknown occupation 404, a level that does not exist for it 400. */
  async occupationAndLevel(
    occupationCode: string,
    level: string,
    tx?: EntityManager,
  ): Promise<{ occupation: OccupationEntity; level: Level }> {
    const occupation = await this.repo.findOccupationByCode(occupationCode, tx);
    if (!occupation) throw notFound('OCCUPATION_NOT_FOUND', `No occupation has the code ${occupationCode}`);
    if (!isLevel(level)) throw badRequest('LEVEL_INVALID', `Level "${level}" is not one of 5, 4, 3, 2, 1, S`);
    if (occupation.special && level !== 'S')
      throw badRequest('LEVEL_INVALID', `${occupation.code} is a special-ability project: its only level is S`);
    if (!occupation.special && level === 'S')
      throw badRequest(
        'LEVEL_INVALID',
        `Level S is only for special-ability projects; ${occupation.code} has levels 5 to 1`,
      );
    return { occupation, level };
  }

  /** An existing bank, or 404 BANK_NOT_FOUND. */
  async find(occupationCode: string, level: string): Promise<ResolvedBank> {
    const { occupation } = await this.occupationAndLevel(occupationCode, level);
    const bank = await this.repo.findBank(occupation.id, level);
    if (!bank) throw notFound('BANK_NOT_FOUND', `Occupation ${occupationCode} has no bank at level ${level} yet`);
    return { occupation, bank };
  }

  async findById(bankId: string): Promise<BankEntity> {
    const bank = await this.repo.findBankById(bankId);
    if (!bank) throw notFound('BANK_NOT_FOUND', 'No bank has this id');
    return bank;
  }

  /**
   * The bank of an occupation × level, created if it does not exist yet. Runs in its own short transaction so the
   * caller's (possibly long) transaction never races another request on the unique (occupation, level) index.
   */
  async ensure(occupationCode: string, level: string): Promise<ResolvedBank> {
    const { occupation } = await this.occupationAndLevel(occupationCode, level);
    const existing = await this.repo.findBank(occupation.id, level);
    if (existing) return { occupation, bank: existing };
    try {
      const bank = await this.db.transaction(async (tx) => {
        const again = await this.repo.findBank(occupation.id, level, tx);
        if (again) return again;
        const now = Date.now();
        const created = Object.assign(new BankEntity(), {
          id: randomUUID(),
          occupationId: occupation.id,
          level,
          policyId: null,
          knowledgeMap: null,
          knowledgeMapVersion: 0,
          template: null,
          createdAt: now,
          updatedAt: now,
        });
        await this.repo.insertBank(tx, created);
        return created;
      });
      return { occupation, bank };
    } catch (err) {
      // Another request created it between our read and our insert.
      const bank = await this.repo.findBank(occupation.id, level);
      if (bank) return { occupation, bank };
      throw err;
    }
  }

  async getKnowledgeMap(occupationCode: string, level: string) {
    const { occupation, bank } = await this.find(occupationCode, level);
    const map = parseJson<KnowledgeMap>(bank.knowledgeMap);
    if (!map)
      throw notFound('KNOWLEDGE_MAP_MISSING', `The bank ${occupation.code} level ${level} has no knowledge map yet`);
    return {
      occupation: occupation.code,
      level: bank.level,
      version: bank.knowledgeMapVersion,
      updatedAt: iso(bank.updatedAt),
      knowledgeMap: map,
    };
  }

  async putKnowledgeMap(actor: Actor, occupationCode: string, level: string, map: KnowledgeMap) {
    const issues = validateKnowledgeMap(map);
    if (issues.length) throw unprocessable('KNOWLEDGE_MAP_INVALID', 'The knowledge map is not valid', issues);
    const { bank: created } = await this.ensure(occupationCode, level);
    return this.db.transaction(async (tx) => {
      const bank = (await this.repo.lockBank(tx, created.id))!;
      const version = bank.knowledgeMapVersion + 1;
      const now = Date.now();
      await this.repo.updateBank(tx, bank.id, {
        knowledgeMap: JSON.stringify(map),
        knowledgeMapVersion: version,
        updatedAt: now,
      });
      await this.audit.append(tx, {
        actor,
        action: 'bank.knowledge-map',
        entity: 'bank',
        entityId: bank.id,
        data: { occupation: occupationCode, level, version },
      });
      return { occupation: occupationCode, level, version, updatedAt: iso(now), knowledgeMap: map };
    });
  }

  async putSettings(
    actor: Actor,
    occupationCode: string,
    level: string,
    dto: { policyId?: string | null; template?: unknown },
  ): Promise<BankView> {
    const patch: Partial<BankEntity> = {};
    if (dto.policyId !== undefined) {
      if (dto.policyId !== null) await this.policies.resolve(dto.policyId);
      patch.policyId = dto.policyId;
    }
    if (dto.template !== undefined) {
      if (dto.template === null) patch.template = null;
      else patch.template = JSON.stringify(checkTemplate(dto.template));
    }
    const { bank: created } = await this.ensure(occupationCode, level);
    return this.db.transaction(async (tx) => {
      const bank = (await this.repo.lockBank(tx, created.id))!;
      const now = Date.now();
      Object.assign(patch, { updatedAt: now });
      await this.repo.updateBank(tx, bank.id, patch);
      await this.audit.append(tx, {
        actor,
        action: 'bank.settings',
        entity: 'bank',
        entityId: bank.id,
        data: { occupation: occupationCode, level, policyId: dto.policyId, template: dto.template },
      });
      const occupation = (await this.repo.findOccupationById(bank.occupationId, tx))!;
      return this.view({ bank: { ...bank, ...patch } as BankEntity, occupation });
    });
  }

  /** The bank row locked for the rest of the caller's transaction (imports and item writes into one bank queue up). */
  lock(tx: EntityManager, bankId: string): Promise<BankEntity | null> {
    return this.repo.lockBank(tx, bankId);
  }

  /** The bank's template, or the level's default. */
  templateOf(bank: BankEntity): PaperTemplate {
    return parseJson<PaperTemplate>(bank.template) ?? defaultPaperTemplate(bank.level as Level);
  }

  effectivePolicyId(bank: BankEntity): string {
    return bank.policyId ?? this.config.defaultPolicy;
  }

  /** The deployment's policy (`POLICY`), for banks that name none. */
  get defaultPolicyId(): string {
    return this.config.defaultPolicy;
  }

  view({ bank, occupation }: ResolvedBank): BankView {
    return {
      id: bank.id,
      occupation: { code: occupation.code, name: occupation.name, special: !!occupation.special },
      level: bank.level,
      policyId: bank.policyId,
      effectivePolicyId: this.effectivePolicyId(bank),
      knowledgeMapVersion: bank.knowledgeMapVersion,
      hasKnowledgeMap: !!bank.knowledgeMap,
      template: parseJson<PaperTemplate>(bank.template),
      effectiveTemplate: this.templateOf(bank),
      createdAt: iso(bank.createdAt),
      updatedAt: iso(bank.updatedAt),
    };
  }
}

/** Shape (zod schema) then rules (100 points, positive counts) of a template from a request. */
function checkTemplate(input: unknown): PaperTemplate {
  const shape = PaperTemplateSchema.safeParse(input);
  if (!shape.success) {
    throw unprocessable(
      'TEMPLATE_INVALID',
      'The paper template is not valid',
      shape.error.issues.map((i) => ({
        code: 'TEMPLATE_SECTION_INVALID',
        field: i.path.join('.') || '(root)',
        message: i.message,
      })),
    );
  }
  const template = shape.data as PaperTemplate;
  const issues = validateTemplate(template);
  if (issues.length) throw unprocessable('TEMPLATE_INVALID', 'The paper template is not valid', issues);
  return template;
}
