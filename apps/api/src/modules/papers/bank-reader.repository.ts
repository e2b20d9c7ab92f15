import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Db } from '../../database/db.service';
import { BankEntity, OccupationEntity, PolicyEntity } from '../banks/bank.entities';
import { ItemEntity, ItemVersionEntity, PracticalSetEntity } from '../items/item.entities';
import { PaperEntity, PaperRequestEntity, PaperSnapshotItemEntity } from './paper.entities';

export interface BankRow {
  bank: BankEntity;
  occupationCode: string;
  occupationName: string;
}

/** One approved item version as the draw sees it (content parsed by the caller). */
export interface ApprovedVersionRow {
  itemId: string;
  versionId: string;
  type: string;
  knowledgePoint: string;
  difficulty: number;
  content: string;
  usageCount: number;
  practicalSetId: string | null;
}

/**
 * Read-only access to the item bank's tables (occupations, banks, policies, items, item versions, practical
 * sets) for paper assembly. The bank module owns and writes them; this module only reads what a draw needs.
 */
@Injectable()
export class BankReaderRepository {
  constructor(private readonly db: Db) {}

  async findBank(occupationCode: string, level: string, tx: EntityManager = this.db.manager): Promise<BankRow | null> {
    const occupation = await tx.findOneBy(OccupationEntity, { code: occupationCode });
    if (!occupation) return null;
    const bank = await tx.findOneBy(BankEntity, { occupationId: occupation.id, level });
    return bank ? { bank, occupationCode: occupation.code, occupationName: occupation.name } : null;
  }

  async findBankById(bankId: string, tx: EntityManager = this.db.manager): Promise<BankRow | null> {
    const bank = await tx.findOneBy(BankEntity, { id: bankId });
    if (!bank) return null;
    const occupation = await tx.findOneBy(OccupationEntity, { id: bank.occupationId });
    return { bank, occupationCode: occupation?.code ?? '', occupationName: occupation?.name ?? '' };
  }

  async findBanksByIds(ids: string[]): Promise<BankRow[]> {
    if (ids.length === 0) return [];
    const banks = await this.db.manager
      .createQueryBuilder(BankEntity, 'b')
      .where('b.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    const occIds = [...new Set(banks.map((b) => b.occupationId))];
    const occs = occIds.length
      ? await this.db.manager
          .createQueryBuilder(OccupationEntity, 'o')
          .where('o.id IN (:...occIds)', { occIds })
          .getMany()
      : [];
    const byId = new Map(occs.map((o) => [o.id, o]));
    return banks.map((bank) => ({
      bank,
      occupationCode: byId.get(bank.occupationId)?.code ?? '',
      occupationName: byId.get(bank.occupationId)?.name ?? '',
    }));
  }

  /** Admin-defined policies (the presets live in code). */
  customPolicies(tx: EntityManager = this.db.manager): Promise<PolicyEntity[]> {
    return tx.find(PolicyEntity);
  }

  /** The versions papers draw from: each item's approved version, with the item's current usage count. */
  approvedVersions(bankId: string, tx: EntityManager = this.db.manager): Promise<ApprovedVersionRow[]> {
    return this.versionRows(
      tx
        .createQueryBuilder(ItemEntity, 'i')
        .innerJoin(ItemVersionEntity, 'v', 'v.id = i.approved_version_id')
        .where('i.bank_id = :bankId', { bankId }),
      'i.usage_count',
    );
  }

  /** The bank as a request's draw saw it: the snapshotted versions with the usage counts recorded at approval. */
  snapshotVersions(requestId: string, tx: EntityManager = this.db.manager): Promise<ApprovedVersionRow[]> {
    return this.versionRows(
      tx
        .createQueryBuilder(PaperSnapshotItemEntity, 's')
        .innerJoin(ItemVersionEntity, 'v', 'v.id = s.version_id')
        .innerJoin(ItemEntity, 'i', 'i.id = v.item_id')
        .where('s.request_id = :requestId', { requestId }),
      's.usage_count',
    );
  }

  private async versionRows(qb: SelectQueryBuilder<ObjectLiteral>, usageColumn: string): Promise<ApprovedVersionRow[]> {
    const raw = await qb
      .select('v.item_id', 'itemId')
      .addSelect('v.id', 'versionId')
      .addSelect('v.type', 'type')
      .addSelect('v.knowledge_point', 'knowledgePoint')
      .addSelect('v.difficulty', 'difficulty')
      .addSelect('v.content', 'content')
      .addSelect('i.practical_set_id', 'practicalSetId')
      .addSelect(usageColumn, 'usageCount')
      .getRawMany<Record<string, unknown>>();
    return raw.map((r) => ({
      itemId: String(r.itemId),
      versionId: String(r.versionId),
      type: String(r.type),
      knowledgePoint: String(r.knowledgePoint),
      difficulty: Number(r.difficulty),
      content: String(r.content),
      usageCount: Number(r.usageCount),
      practicalSetId: r.practicalSetId === null || r.practicalSetId === undefined ? null : String(r.practicalSetId),
    }));
  }

  practicalSets(bankId: string, tx: EntityManager = this.db.manager): Promise<PracticalSetEntity[]> {
    return tx.find(PracticalSetEntity, { where: { bankId }, order: { code: 'ASC' } });
  }

  /** Item versions by id (a paper's positions), content included. */
  async versionsByIds(ids: string[]): Promise<ItemVersionEntity[]> {
    if (ids.length === 0) return [];
    return this.db.manager
      .createQueryBuilder(ItemVersionEntity, 'v')
      .where('v.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
  }

  /** Theory papers drawn from the bank so far: the exposure rate's denominator. */
  async papersDrawn(bankId: string, tx: EntityManager = this.db.manager): Promise<number> {
    const row = await tx
      .createQueryBuilder(PaperEntity, 'p')
      .innerJoin(PaperRequestEntity, 'r', 'r.id = p.request_id')
      .where('r.bank_id = :bankId', { bankId })
      .andWhere("p.kind = 'theory'")
      .select('COUNT(*)', 'n')
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }
}
