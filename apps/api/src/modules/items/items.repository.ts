import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { Db } from '../../database/db.service';
import { ItemEntity, ItemStatisticEntity, ItemVersionEntity, PracticalSetEntity } from './item.entities';

export interface ItemFilter {
  bankIds?: string[];
  status?: string;
  type?: string;
  knowledgePoint?: string;
  difficulty?: number;
  q?: string;
  /** Latest version is a draft a reviewer sent back with a reason. */
  rejected?: boolean;
  /** Leave out items whose latest version this user wrote (a reviewer's queue). */
  notAuthor?: string;
  /** newest: created last first (the items table); oldest: waiting longest first (the review queue). */
  order?: 'newest' | 'oldest';
}

/** Rows per multi-row INSERT: well under MySQL's 65,535 and SQLite's 32,766 placeholders with 17 columns. */
export const INSERT_CHUNK_ROWS = 500;

const ITEM_COLUMNS = [
  'id',
  'bank_id',
  'type',
  'ref',
  'latest_version_id',
  'latest_no',
  'approved_version_id',
  'practical_set_id',
  'usage_count',
  'last_used_at',
  'created_by',
  'created_at',
  'updated_at',
] as const;
const VERSION_COLUMNS = [
  'id',
  'item_id',
  'bank_id',
  'no',
  'type',
  'status',
  'content',
  'stem_key',
  'knowledge_point',
  'difficulty',
  'author_id',
  'change_note',
  'reviewer_id',
  'reviewed_at',
  'review_reason',
  'created_at',
  'updated_at',
] as const;

const itemValues = (i: ItemEntity): unknown[] => [
  i.id,
  i.bankId,
  i.type,
  i.ref,
  i.latestVersionId,
  i.latestNo,
  i.approvedVersionId,
  i.practicalSetId,
  i.usageCount,
  i.lastUsedAt,
  i.createdBy,
  i.createdAt,
  i.updatedAt,
];
const versionValues = (v: ItemVersionEntity): unknown[] => [
  v.id,
  v.itemId,
  v.bankId,
  v.no,
  v.type,
  v.status,
  v.content,
  v.stemKey,
  v.knowledgePoint,
  v.difficulty,
  v.authorId,
  v.changeNote,
  v.reviewerId,
  v.reviewedAt,
  v.reviewReason,
  v.createdAt,
  v.updatedAt,
];

/** Items, their versions and practical sets; the only file of the module that talks to TypeORM. */
/** Item ids per usage-count statement. */
const IDS_PER_UPDATE = 500;

@Injectable()
export class ItemsRepository {
  constructor(private readonly db: Db) {}

  findItem(id: string, tx: EntityManager = this.db.manager): Promise<ItemEntity | null> {
    return tx.findOneBy(ItemEntity, { id });
  }

  /** Items locked for the rest of the transaction (SELECT … FOR UPDATE on MySQL; SQLite's single writer serialises). */
  lockItems(tx: EntityManager, ids: string[]): Promise<ItemEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.find(ItemEntity, {
      where: { id: In(ids) },
      lock: this.db.kind === 'mysql' ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  findVersion(id: string, tx: EntityManager = this.db.manager): Promise<ItemVersionEntity | null> {
    return tx.findOneBy(ItemVersionEntity, { id });
  }

  findVersions(ids: string[], tx: EntityManager = this.db.manager): Promise<ItemVersionEntity[]> {
    return ids.length ? tx.findBy(ItemVersionEntity, { id: In(ids) }) : Promise.resolve([]);
  }

  findVersionByNo(itemId: string, no: number): Promise<ItemVersionEntity | null> {
    return this.db.manager.findOneBy(ItemVersionEntity, { itemId, no });
  }

  listVersions(itemId: string): Promise<ItemVersionEntity[]> {
    return this.db.manager.find(ItemVersionEntity, { where: { itemId }, order: { no: 'ASC' } });
  }

  async insertItem(tx: EntityManager, item: ItemEntity, version: ItemVersionEntity): Promise<void> {
    await tx.insert(ItemEntity, item);
    await tx.insert(ItemVersionEntity, version);
  }

  async insertVersion(tx: EntityManager, version: ItemVersionEntity): Promise<void> {
    await tx.insert(ItemVersionEntity, version);
  }

  async updateItem(tx: EntityManager, id: string, patch: Partial<ItemEntity>): Promise<void> {
    await tx.update(ItemEntity, { id }, patch);
  }

  async updateVersion(tx: EntityManager, id: string, patch: Partial<ItemVersionEntity>): Promise<void> {
    await tx.update(ItemVersionEntity, { id }, patch);
  }

  /** The same change to many versions, {@link IDS_PER_UPDATE} ids per UPDATE. */
  async updateVersions(tx: EntityManager, ids: string[], patch: Partial<ItemVersionEntity>): Promise<void> {
    for (let i = 0; i < ids.length; i += IDS_PER_UPDATE)
      await tx.update(ItemVersionEntity, { id: In(ids.slice(i, i + IDS_PER_UPDATE)) }, patch);
  }

  /** The same change to many items, {@link IDS_PER_UPDATE} ids per UPDATE. */
  async updateItems(tx: EntityManager, ids: string[], patch: Partial<ItemEntity>): Promise<void> {
    for (let i = 0; i < ids.length; i += IDS_PER_UPDATE)
      await tx.update(ItemEntity, { id: In(ids.slice(i, i + IDS_PER_UPDATE)) }, patch);
  }

  /** Items whose latest version was just approved: that version is now the one in use. */
  async approveLatest(
    tx: EntityManager,
    ids: string[],
    patch: Pick<ItemEntity, 'practicalSetId' | 'updatedAt'>,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += IDS_PER_UPDATE)
      await tx
        .createQueryBuilder()
        .update(ItemEntity)
        .set({ ...patch, approvedVersionId: () => 'latest_version_id' })
        .where({ id: In(ids.slice(i, i + IDS_PER_UPDATE)) })
        .execute();
  }

  /**
   * Many items with one version each, as multi-row INSERTs of {@link INSERT_CHUNK_ROWS} rows: the import and demo
   * paths, where an entity-per-row insert would be far too slow. `onChunk` reports rows written so far.
   */
  async bulkInsert(
    tx: EntityManager,
    items: ItemEntity[],
    versions: ItemVersionEntity[],
    onChunk?: (done: number) => Promise<void>,
  ): Promise<void> {
    for (let start = 0; start < items.length; start += INSERT_CHUNK_ROWS) {
      await this.insertRows(tx, 'items', ITEM_COLUMNS, items.slice(start, start + INSERT_CHUNK_ROWS).map(itemValues));
      await this.insertRows(
        tx,
        'item_versions',
        VERSION_COLUMNS,
        versions.slice(start, start + INSERT_CHUNK_ROWS).map(versionValues),
      );
      await onChunk?.(Math.min(items.length, start + INSERT_CHUNK_ROWS));
    }
  }

  private async insertRows(
    tx: EntityManager,
    table: string,
    columns: readonly string[],
    rows: unknown[][],
  ): Promise<void> {
    if (rows.length === 0) return;
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const sql = `INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(',')}) VALUES ${rows.map(() => tuple).join(',')}`;
    await tx.query(sql, rows.flat());
  }

  /**
   * One page of items with their latest version, newest first. The filters apply to the latest version
   * (`status=approved` lists items whose newest version is the approved one).
   */
  async list(filter: ItemFilter, page: number, pageSize: number): Promise<[ItemEntity[], number]> {
    const qb = this.db.manager
      .createQueryBuilder(ItemEntity, 'i')
      .innerJoin(ItemVersionEntity, 'v', 'v.id = i.latest_version_id');
    if (filter.bankIds)
      qb.andWhere(filter.bankIds.length ? 'i.bank_id IN (:...bankIds)' : '1 = 0', { bankIds: filter.bankIds });
    if (filter.status) qb.andWhere('v.status = :status', { status: filter.status });
    if (filter.type) qb.andWhere('i.type = :type', { type: filter.type });
    if (filter.knowledgePoint) qb.andWhere('v.knowledge_point = :kp', { kp: filter.knowledgePoint });
    if (filter.difficulty) qb.andWhere('v.difficulty = :difficulty', { difficulty: filter.difficulty });
    if (filter.rejected) qb.andWhere("v.status = 'draft' AND v.review_reason IS NOT NULL");
    if (filter.notAuthor) qb.andWhere('v.author_id <> :notAuthor', { notAuthor: filter.notAuthor });
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) => {
          // MySQL's LIKE escapes with a backslash by default (and reads '\' as an open string); SQLite needs it named.
          w.where(this.db.kind === 'mysql' ? 'v.content LIKE :like' : "v.content LIKE :like ESCAPE '\\'", {
            like,
          }).orWhere('i.ref = :ref', { ref: filter.q });
        }),
      );
    }
    if (filter.order === 'oldest') qb.orderBy('v.updated_at', 'ASC').addOrderBy('i.id', 'ASC');
    else qb.orderBy('i.created_at', 'DESC').addOrderBy('i.id', 'ASC');
    const total = await qb.getCount();
    const rows = await qb
      .select('i.id', 'id')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawMany<{ id: string }>();
    const ids = rows.map((r) => r.id);
    const items = ids.length ? await this.db.manager.findBy(ItemEntity, { id: In(ids) }) : [];
    const byId = new Map(items.map((i) => [i.id, i]));
    return [ids.map((id) => byId.get(id)!).filter(Boolean), total];
  }

  /**
   * Owners of stems in a bank: stem key → item id, over each item's latest and approved versions (an edited stem
   * frees the old one; a retired item's stem may be used again). Restrict to `stemKeys` when given.
   */
  async stemOwners(
    bankId: string,
    stemKeys?: string[],
    tx: EntityManager = this.db.manager,
  ): Promise<Map<string, string>> {
    if (stemKeys && stemKeys.length === 0) return new Map();
    const qb = tx
      .createQueryBuilder(ItemVersionEntity, 'v')
      .innerJoin(ItemEntity, 'i', 'i.id = v.item_id')
      .select('v.stem_key', 'stemKey')
      .addSelect('v.item_id', 'itemId')
      .where('v.bank_id = :bankId', { bankId })
      .andWhere("v.status <> 'retired'")
      .andWhere(new Brackets((w) => w.where('v.id = i.latest_version_id').orWhere('v.id = i.approved_version_id')));
    if (stemKeys) qb.andWhere('v.stem_key IN (:...stemKeys)', { stemKeys });
    const rows = await qb.getRawMany<{ stemKey: string; itemId: string }>();
    return new Map(rows.map((r) => [r.stemKey, r.itemId]));
  }

  /** Ids of the bank's items, restricted to `ids` when given (to check enemy references). */
  async itemIds(bankId: string, ids?: string[], tx: EntityManager = this.db.manager): Promise<Set<string>> {
    if (ids && ids.length === 0) return new Set();
    const rows = await tx.find(ItemEntity, { select: { id: true }, where: ids ? { bankId, id: In(ids) } : { bankId } });
    return new Set(rows.map((r) => r.id));
  }

  /** The `编号/ref`s already used in a bank. */
  async refs(bankId: string, tx: EntityManager = this.db.manager): Promise<Set<string>> {
    const rows = await tx
      .createQueryBuilder(ItemEntity, 'i')
      .select('i.ref', 'ref')
      .where('i.bank_id = :bankId', { bankId })
      .andWhere('i.ref IS NOT NULL')
      .getRawMany<{ ref: string }>();
    return new Set(rows.map((r) => r.ref));
  }

  async practicalSets(bankId: string, tx: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const rows = await tx.findBy(PracticalSetEntity, { bankId });
    return new Map(rows.map((s) => [s.code, s.id]));
  }

  async insertSets(tx: EntityManager, sets: PracticalSetEntity[]): Promise<void> {
    if (sets.length) await tx.insert(PracticalSetEntity, sets);
  }

  /**
   * The versions an export writes: the approved version in use of each item, or (for another status) the latest
   * version when it has that status. Ordered by ref (falling back to the id), which an export writes as 编号, so an
   * export → import → export round trip keeps the order.
   */
  async exportVersions(bankId: string, status: string): Promise<{ itemId: string; content: string }[]> {
    const join = status === 'approved' ? 'v.id = i.approved_version_id' : 'v.id = i.latest_version_id';
    const qb = this.db.manager
      .createQueryBuilder(ItemEntity, 'i')
      .innerJoin(ItemVersionEntity, 'v', join)
      .select('i.id', 'itemId')
      .addSelect('v.content', 'content')
      .addSelect('COALESCE(i.ref, i.id)', 'sortKey')
      .where('i.bank_id = :bankId', { bankId });
    if (status !== 'approved') qb.andWhere('v.status = :status', { status });
    return qb.orderBy('sortKey', 'ASC').addOrderBy('i.id', 'ASC').getRawMany();
  }

  /** Every session's statistics of the given items. */
  statisticsOf(itemIds: string[], tx: EntityManager = this.db.manager): Promise<ItemStatisticEntity[]> {
    return itemIds.length ? tx.findBy(ItemStatisticEntity, { itemId: In(itemIds) }) : Promise.resolve([]);
  }

  /**
   * A session's rows are replaced as a whole: an item the new computation no longer has must not linger. Chunked,
   * because a session of per-candidate papers can touch most of a bank.
   */
  async replaceSessionStatistics(tx: EntityManager, sessionId: string, rows: ItemStatisticEntity[]): Promise<void> {
    await tx.delete(ItemStatisticEntity, { sessionId });
    for (let start = 0; start < rows.length; start += INSERT_CHUNK_ROWS)
      await tx.insert(ItemStatisticEntity, rows.slice(start, start + INSERT_CHUNK_ROWS));
  }

  /**
   * Adds each drawn item's uses: one statement per slice of ids (a CASE per id), rows locked in primary-key order
   * so concurrent chunks of a request cannot deadlock on them.
   */
  async addUsage(tx: EntityManager, uses: Map<string, number>, at: number): Promise<void> {
    const ids = [...uses.keys()].sort();
    for (let k = 0; k < ids.length; k += IDS_PER_UPDATE) {
      const slice = ids.slice(k, k + IDS_PER_UPDATE);
      const params: Record<string, unknown> = { at };
      const cases = slice.map((id, j) => {
        params[`i${j}`] = id;
        params[`n${j}`] = uses.get(id);
        return `WHEN :i${j} THEN :n${j}`;
      });
      await tx
        .createQueryBuilder()
        .update(ItemEntity)
        .set({ usageCount: () => `usage_count + (CASE id ${cases.join(' ')} ELSE 0 END)`, lastUsedAt: () => ':at' })
        .where('id IN (:...ids)', { ids: slice })
        .setParameters(params)
        .execute();
    }
  }
}
