import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { Db } from '../../database/db.service';
import { ItemEntity, ItemStatisticEntity, ItemVersionEntity } from '../items/item.entities';
import { BankEntity, OccupationEntity, PolicyEntity } from './bank.entities';

export interface BankRow {
  bank: BankEntity;
  occupation: OccupationEntity;
}

/** Approved counts of one bank by item type, and the practical sets with at least one approved task. */
export interface BankCountRow {
  type: string;
  approved: number;
  sets: number;
}

export interface PointCountRow {
  knowledgePoint: string;
  type: string;
  approved: number;
}

export interface UsageRow {
  itemId: string;
  ref: string | null;
  type: string;
  usageCount: number;
  lastUsedAt: number | null;
}

/** One session's statistics of one item in use. */
export interface StatisticsRow {
  itemId: string;
  ref: string | null;
  type: string;
  n: number;
  pValue: number;
  pointBiserial: number | null;
}

/** One line of the all-banks report: the bank and its approved counts, from one aggregate query. */
export interface AllBanksRow {
  bankId: string;
  occupationCode: string;
  occupationName: string;
  level: string;
  policyId: string | null;
  judge: number;
  single: number;
  multiple: number;
  task: number;
  sets: number;
  unused: number;
  overUsed: number;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Occupations, banks, policies and the compliance read queries; the only file of the module that talks to TypeORM. */
@Injectable()
export class BanksRepository {
  constructor(private readonly db: Db) {}

  // ---- occupations

  findOccupationByCode(code: string, tx: EntityManager = this.db.manager): Promise<OccupationEntity | null> {
    return tx.findOneBy(OccupationEntity, { code });
  }

  findOccupationById(id: string, tx: EntityManager = this.db.manager): Promise<OccupationEntity | null> {
    return tx.findOneBy(OccupationEntity, { id });
  }

  listOccupations(): Promise<OccupationEntity[]> {
    return this.db.manager.find(OccupationEntity, { order: { code: 'ASC' } });
  }

  async insertOccupation(tx: EntityManager, occupation: OccupationEntity): Promise<void> {
    await tx.insert(OccupationEntity, occupation);
  }

  // ---- banks

  findBank(occupationId: string, level: string, tx: EntityManager = this.db.manager): Promise<BankEntity | null> {
    return tx.findOneBy(BankEntity, { occupationId, level });
  }

  findBankById(id: string, tx: EntityManager = this.db.manager): Promise<BankEntity | null> {
    return tx.findOneBy(BankEntity, { id });
  }

  /** The bank row locked for the rest of the transaction (a knowledge-map bump, an import into it). */
  lockBank(tx: EntityManager, id: string): Promise<BankEntity | null> {
    return tx.findOne(BankEntity, {
      where: { id },
      lock: this.db.kind === 'mysql' ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  async insertBank(tx: EntityManager, bank: BankEntity): Promise<void> {
    await tx.insert(BankEntity, bank);
  }

  async updateBank(tx: EntityManager, id: string, patch: Partial<BankEntity>): Promise<void> {
    await tx.update(BankEntity, { id }, patch);
  }

  async listBanks(occupationId?: string): Promise<BankRow[]> {
    const banks = await this.db.manager.find(BankEntity, {
      where: occupationId ? { occupationId } : {},
      order: { occupationId: 'ASC', level: 'ASC' },
    });
    const occupations = new Map((await this.db.manager.find(OccupationEntity)).map((o) => [o.id, o]));
    return banks.flatMap((bank) => {
      const occupation = occupations.get(bank.occupationId);
      return occupation ? [{ bank, occupation }] : [];
    });
  }

  // ---- policies

  listPolicies(): Promise<PolicyEntity[]> {
    return this.db.manager.find(PolicyEntity, { order: { id: 'ASC' } });
  }

  findPolicy(id: string, tx: EntityManager = this.db.manager): Promise<PolicyEntity | null> {
    return tx.findOneBy(PolicyEntity, { id });
  }

  async insertPolicy(tx: EntityManager, policy: PolicyEntity): Promise<void> {
    await tx.insert(PolicyEntity, policy);
  }

  // ---- compliance (read-only over the items tables)

  /** Items in use (an approved version) by type; `sets` = distinct practical sets among approved tasks. */
  async bankCounts(bankId: string): Promise<BankCountRow[]> {
    const rows: { type: string; approved: unknown; sets: unknown }[] = await this.db.manager
      .createQueryBuilder(ItemEntity, 'i')
      .select('i.type', 'type')
      .addSelect('COUNT(*)', 'approved')
      .addSelect('COUNT(DISTINCT i.practical_set_id)', 'sets')
      .where('i.bank_id = :bankId', { bankId })
      .andWhere('i.approved_version_id IS NOT NULL')
      .groupBy('i.type')
      .getRawMany();
    return rows.map((r) => ({ type: r.type, approved: num(r.approved), sets: num(r.sets) }));
  }

  /** Approved theory items in use per knowledge point and type. */
  async pointCounts(bankId: string): Promise<PointCountRow[]> {
    const rows: { kp: string; type: string; approved: unknown }[] = await this.db.manager
      .createQueryBuilder(ItemEntity, 'i')
      .innerJoin(ItemVersionEntity, 'v', 'v.id = i.approved_version_id')
      .select('v.knowledge_point', 'kp')
      .addSelect('v.type', 'type')
      .addSelect('COUNT(*)', 'approved')
      .where('i.bank_id = :bankId', { bankId })
      .andWhere("i.type <> 'task'")
      .groupBy('v.knowledge_point')
      .addGroupBy('v.type')
      .getRawMany();
    return rows.map((r) => ({ knowledgePoint: r.kp, type: r.type, approved: num(r.approved) }));
  }

  /** Usage of every item in use, for the unused / over-used lists. */
  async usage(bankId: string): Promise<UsageRow[]> {
    const rows = await this.db.manager.find(ItemEntity, {
      select: { id: true, ref: true, type: true, usageCount: true, lastUsedAt: true },
      where: { bankId, approvedVersionId: Not(IsNull()) },
      order: { id: 'ASC' },
    });
    return rows.map((r) => ({
      itemId: r.id,
      ref: r.ref,
      type: r.type,
      usageCount: r.usageCount,
      lastUsedAt: r.lastUsedAt,
    }));
  }

  /** Every session's statistics of the items in use, by item id, for the flagged list. */
  async statistics(bankId: string): Promise<StatisticsRow[]> {
    const rows: {
      item_id: string;
      ref: string | null;
      type: string;
      n: unknown;
      p_value: unknown;
      point_biserial: unknown;
    }[] = await this.db.manager
      .createQueryBuilder(ItemStatisticEntity, 's')
      .innerJoin(ItemEntity, 'i', 'i.id = s.item_id')
      .select([
        's.item_id AS item_id',
        'i.ref AS ref',
        'i.type AS type',
        's.n AS n',
        's.p_value AS p_value',
        's.point_biserial AS point_biserial',
      ])
      .where('i.bank_id = :bankId', { bankId })
      .andWhere('i.approved_version_id IS NOT NULL')
      .orderBy('s.item_id', 'ASC')
      .getRawMany();
    return rows.map((r) => ({
      itemId: r.item_id,
      ref: r.ref,
      type: r.type,
      n: num(r.n),
      pValue: num(r.p_value),
      pointBiserial: r.point_biserial === null ? null : num(r.point_biserial),
    }));
  }

  /**
   * The all-banks report in ONE aggregate query: items in use grouped by bank (a derived table over `items`),
   * joined to banks and occupations so that a bank without items still appears with zeros.
   */
  async allBanks(maxUses: number, occupationCode?: string): Promise<AllBanksRow[]> {
    const agg = this.db.manager
      .createQueryBuilder(ItemEntity, 'i')
      .select('i.bank_id', 'bank_id')
      .addSelect("SUM(CASE WHEN i.type = 'judge' THEN 1 ELSE 0 END)", 'judge')
      .addSelect("SUM(CASE WHEN i.type = 'single' THEN 1 ELSE 0 END)", 'single_')
      .addSelect("SUM(CASE WHEN i.type = 'multiple' THEN 1 ELSE 0 END)", 'multiple_')
      .addSelect("SUM(CASE WHEN i.type = 'task' THEN 1 ELSE 0 END)", 'task')
      .addSelect('COUNT(DISTINCT i.practical_set_id)', 'sets')
      .addSelect('SUM(CASE WHEN i.usage_count = 0 THEN 1 ELSE 0 END)', 'unused')
      .addSelect('SUM(CASE WHEN i.usage_count > :maxUses THEN 1 ELSE 0 END)', 'over_used')
      .where('i.approved_version_id IS NOT NULL')
      .groupBy('i.bank_id');
    const query = this.db.manager
      .createQueryBuilder(BankEntity, 'b')
      .innerJoin(OccupationEntity, 'o', 'o.id = b.occupation_id')
      .leftJoin(`(${agg.getQuery()})`, 'a', 'a.bank_id = b.id');
    if (occupationCode !== undefined) query.where('o.code = :occupationCode', { occupationCode });
    const rows: Record<string, unknown>[] = await query
      .select([
        'b.id AS bank_id',
        'o.code AS occupation_code',
        'o.name AS occupation_name',
        'b.level AS level',
        'b.policy_id AS policy_id',
      ])
      .addSelect([
        'a.judge AS judge',
        'a.single_ AS single_',
        'a.multiple_ AS multiple_',
        'a.task AS task',
        'a.sets AS sets',
        'a.unused AS unused',
        'a.over_used AS over_used',
      ])
      .setParameters({ maxUses })
      .orderBy('o.code', 'ASC')
      .addOrderBy('b.level', 'ASC')
      .getRawMany();
    return rows.map((r) => ({
      bankId: String(r.bank_id),
      occupationCode: String(r.occupation_code),
      occupationName: String(r.occupation_name),
      level: String(r.level),
      policyId: (r.policy_id as string | null) ?? null,
      judge: num(r.judge),
      single: num(r.single_),
      multiple: num(r.multiple_),
      task: num(r.task),
      sets: num(r.sets),
      unused: num(r.unused),
      overUsed: num(r.over_used),
    }));
  }
}
