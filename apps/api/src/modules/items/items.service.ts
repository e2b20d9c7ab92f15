import { HttpStatus, Injectable } from '@nestjs/common';
import {
  diffVersions,
  leafPoints,
  nextVersion,
  transition,
  validateItem,
  type ItemContent,
  type ItemStatus,
  type KnowledgeMap,
  type WorkflowAction,
} from '@jianding/itembank';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { AppException, appError, conflict, notFound, unprocessable } from '../../common/app.exception';
import type { ErrorCode } from '../../common/error-codes';
import { iso } from '../../common/columns';
import { Page } from '../../common/paging';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { BankCatalogue } from '../banks/bank-catalogue';
import { UserDirectory } from '../users/user-directory';
import { Bank, BanksService, parseJson } from '../banks/banks.service';
import { CreateItemDto, ItemFilterQuery, ListItemsQuery, UpdateItemDto } from './dto/item.dto';
import { contentFromFields, mergeContent, stemIndex, stemKey } from './item-content';
import { ItemStatisticsService, ItemStatisticsView } from './item-statistics.service';
import { ItemEntity, ItemVersionEntity, PracticalSetEntity } from './item.entities';
import { ItemFilter, ItemsRepository } from './items.repository';

export interface ItemView {
  id: string;
  bankId: string;
  occupation: string;
  level: string;
  /** Content of the latest version (type, stem, options, answer, knowledgePoint, difficulty, … or the task fields). */
  [field: string]: unknown;
  status: string;
  version: number;
  versionId: string;
  approvedVersion: { id: string; version: number; reviewerId: string | null; reviewedAt: string | null } | null;
  /** Pooled over the exam sessions whose statistics were computed; null before the first. */
  statistics: ItemStatisticsView | null;
}

const parseContent = (v: ItemVersionEntity): ItemContent => JSON.parse(v.content) as ItemContent;

/** Versioned items and their review workflow (SPEC §2, §3 "Item bank"). */
@Injectable()
export class ItemsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ItemsRepository,
    private readonly banks: BanksService,
    private readonly audit: AuditService,
    private readonly stats: ItemStatisticsService,
    private readonly directory: UserDirectory,
    private readonly catalogue: BankCatalogue,
  ) {}

  /** The occupation code and level an item view names, per bank. */
  private async bankNames(bankIds: string[]): Promise<Map<string, { occupation: string; level: string }>> {
    const out = new Map<string, { occupation: string; level: string }>();
    for (const id of new Set(bankIds)) {
      const bank = await this.catalogue.findBankById(id);
      if (bank) out.set(id, { occupation: bank.occupationCode, level: bank.level });
    }
    return out;
  }

  async create(p: StaffPrincipal, dto: CreateItemDto): Promise<ItemView> {
    const { occupation, level, ...fields } = dto;
    const { bank: created } = await this.banks.ensure(occupation, level);
    const content = contentFromFields(fields);
    return this.db.transaction(async (tx) => {
      const bank = await this.lockBank(tx, created.id);
      await this.validate(tx, bank, content);
      const now = Date.now();
      const itemId = randomUUID();
      const version = this.newVersion(itemId, bank.id, 1, content, p.userId, null, now);
      const item = Object.assign(new ItemEntity(), {
        id: itemId,
        bankId: bank.id,
        type: content.type,
        ref: content.ref ?? null,
        latestVersionId: version.id,
        latestNo: 1,
        approvedVersionId: null,
        practicalSetId: await this.practicalSetId(tx, bank.id, content, now),
        usageCount: 0,
        lastUsedAt: null,
        createdBy: p.userId,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.insertItem(tx, item, version);
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'item.create',
        entity: 'item',
        entityId: itemId,
        data: { bankId: bank.id, versionId: version.id, version: 1, type: content.type },
      });
      return this.view(item, version, null, { occupation, level }, null);
    });
  }

  list(q: ListItemsQuery): Promise<Page<ItemView>> {
    return this.page(q, { status: q.status, rejected: q.rejected });
  }

  /** Items in review that this reviewer did not write, the longest waiting first (an author never reviews their own). */
  reviewQueue(p: StaffPrincipal, q: ItemFilterQuery): Promise<Page<ItemView>> {
    return this.page(q, { status: 'in_review', notAuthor: p.userId, order: 'oldest' });
  }

  private async page(
    q: ItemFilterQuery,
    extra: Pick<ItemFilter, 'status' | 'rejected' | 'notAuthor' | 'order'>,
  ): Promise<Page<ItemView>> {
    let bankIds: string[] | undefined;
    if (q.occupation || q.level) {
      const banks = await this.banks.listBanks(q.occupation);
      bankIds = banks.items
        .filter((b) => (!q.occupation || b.occupation.code === q.occupation) && (!q.level || b.level === q.level))
        .map((b) => b.id);
    }
    const [items, total] = await this.repo.list(
      { bankIds, type: q.type, knowledgePoint: q.knowledgePoint, difficulty: q.difficulty, q: q.q, ...extra },
      q.page,
      q.pageSize,
    );
    const versions = new Map((await this.repo.findVersions(items.map((i) => i.latestVersionId))).map((v) => [v.id, v]));
    const approved = new Map(
      (
        await this.repo.findVersions(
          items.flatMap((i) =>
            i.approvedVersionId && i.approvedVersionId !== i.latestVersionId ? [i.approvedVersionId] : [],
          ),
        )
      ).map((v) => [v.id, v]),
    );
    const banks = await this.bankNames(items.map((i) => i.bankId));
    const statistics = await this.stats.pooled(items.map((i) => i.id));
    return {
      items: items.map((i) => {
        const latest = versions.get(i.latestVersionId)!;
        const b = banks.get(i.bankId)!;
        const inUse = i.approvedVersionId === latest.id ? latest : (approved.get(i.approvedVersionId ?? '') ?? null);
        return this.view(i, latest, inUse, b, statistics.get(i.id) ?? null);
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async get(id: string): Promise<ItemView> {
    const item = await this.findItem(id);
    const [latest, approved, statistics] = await Promise.all([
      this.repo.findVersion(item.latestVersionId),
      item.approvedVersionId ? this.repo.findVersion(item.approvedVersionId) : null,
      this.stats.ofItem(item.id),
    ]);
    return this.view(item, latest!, approved, (await this.bankNames([item.bankId])).get(item.bankId)!, statistics);
  }

  /**
   * A new draft version with the changed fields. The approved version stays in use until this one is approved.
   * Refused while the latest version is in review (ITEM_VERSION_OPEN: the reviewer would judge stale content) and
   * once the item is retired. Editing a draft makes another draft; only the newest can go forward.
   */
  async update(p: StaffPrincipal, id: string, dto: UpdateItemDto): Promise<ItemView> {
    const { changeNote, ...fields } = dto;
    return this.db.transaction(async (tx) => {
      const [item] = await this.repo.lockItems(tx, [id]);
      if (!item) throw notFound('ITEM_NOT_FOUND', 'No item has this id');
      const latest = (await this.repo.findVersion(item.latestVersionId, tx))!;
      const next = nextVersion({ number: latest.no, status: latest.status as ItemStatus });
      if (!next.ok) {
        if (next.code === 'VERSION_IN_REVIEW')
          throw conflict('ITEM_VERSION_OPEN', next.message, { version: latest.no, status: latest.status });
        throw appError(next.code, next.message);
      }
      const bank = await this.lockBank(tx, item.bankId);
      const content = mergeContent(parseContent(latest), fields);
      await this.validate(tx, bank, content, item.id);
      const now = Date.now();
      const version = this.newVersion(item.id, bank.id, next.value.number, content, p.userId, changeNote ?? null, now);
      await this.repo.insertVersion(tx, version);
      const patch: Partial<ItemEntity> = {
        latestVersionId: version.id,
        latestNo: version.no,
        ref: content.ref ?? null,
        updatedAt: now,
      };
      if (!item.approvedVersionId) patch.practicalSetId = await this.practicalSetId(tx, bank.id, content, now);
      await this.repo.updateItem(tx, item.id, patch);
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'item.revise',
        entity: 'item',
        entityId: item.id,
        data: { versionId: version.id, version: version.no, changeNote: changeNote ?? null },
      });
      const approved = item.approvedVersionId ? await this.repo.findVersion(item.approvedVersionId, tx) : null;
      return this.view(
        { ...item, ...patch } as ItemEntity,
        version,
        approved,
        (await this.bankNames([bank.id])).get(bank.id)!,
        await this.stats.ofItem(item.id, tx),
      );
    });
  }

  async versions(id: string) {
    const item = await this.findItem(id);
    const versions = await this.repo.listVersions(id);
    const names = await this.directory.usernames(versions.flatMap((v) => [v.authorId, v.reviewerId]));
    const user = (uid: string | null) => (uid ? { id: uid, username: names.get(uid) ?? null } : null);
    return {
      itemId: id,
      approvedVersionId: item.approvedVersionId,
      items: versions.map((v) => ({
        id: v.id,
        version: v.no,
        status: v.status,
        inUse: v.id === item.approvedVersionId,
        /** An older draft replaced by a newer edit: it can no longer go forward. */
        superseded: v.id !== item.latestVersionId && (v.status === 'draft' || v.status === 'in_review'),
        author: user(v.authorId),
        createdAt: iso(v.createdAt),
        changeNote: v.changeNote,
        reviewer: user(v.reviewerId),
        reviewedAt: iso(v.reviewedAt),
        reviewReason: v.reviewReason,
        updatedAt: iso(v.updatedAt),
        content: parseContent(v),
      })),
      total: versions.length,
    };
  }

  async diff(id: string, from: number, to: number) {
    await this.findItem(id);
    const [a, b] = await Promise.all([this.repo.findVersionByNo(id, from), this.repo.findVersionByNo(id, to)]);
    if (!a || !b) throw notFound('VERSION_NOT_FOUND', `Item ${id} has no version ${!a ? from : to}`);
    return { itemId: id, from, to, changes: diffVersions(parseContent(a), parseContent(b)) };
  }

  /** One workflow step on one item: submit / approve / reject act on the latest version, retire on the one in use. */
  async act(p: StaffPrincipal, id: string, action: WorkflowAction, reason?: string): Promise<ItemView> {
    return this.db.transaction(async (tx) => {
      const [item] = await this.repo.lockItems(tx, [id]);
      if (!item) throw notFound('ITEM_NOT_FOUND', 'No item has this id');
      const failure = await this.step(tx, p, item, action, reason);
      if (failure) throw failure;
      return this.viewAfter(tx, item.id);
    });
  }

  /**
   * The same step on many items in one transaction: all of them change, or none (every refusal is listed). Every
   * item is checked by the same `transition` as a single step and gets the same version change and audit entry, but
   * the reads and writes are set-wise (one SELECT of the versions, one UPDATE per kind of change, multi-row audit
   * INSERTs), so approving a bank's worth of items takes about as long as a handful.
   */
  async actMany(
    p: StaffPrincipal,
    ids: string[],
    action: 'submit' | 'approve',
  ): Promise<{ action: string; count: number; ids: string[] }> {
    const unique = [...new Set(ids)];
    return this.db.transaction(async (tx) => {
      const items = await this.repo.lockItems(tx, unique);
      const byId = new Map(items.map((i) => [i.id, i]));
      const versions = new Map(
        (
          await this.repo.findVersions(
            items.map((i) => i.latestVersionId),
            tx,
          )
        ).map((v) => [v.id, v]),
      );
      const failures: { id: string; code: ErrorCode; message: string; status: number }[] = [];
      const steps: { item: ItemEntity; version: ItemVersionEntity; to: ItemStatus }[] = [];
      for (const id of unique) {
        const item = byId.get(id);
        if (!item) {
          failures.push({ id, code: 'ITEM_NOT_FOUND', message: 'No item has this id', status: HttpStatus.NOT_FOUND });
          continue;
        }
        const version = versions.get(item.latestVersionId)!;
        const result = transition({ status: version.status as ItemStatus, authorId: version.authorId }, action, {
          id: p.userId,
          roles: p.roles,
        });
        if (result.ok) steps.push({ item, version, to: result.value });
        else {
          const failure = appError(result.code, result.message);
          failures.push({ id, code: failure.code, message: failure.message, status: failure.status });
        }
      }
      if (failures.length) {
        const first = failures[0];
        throw new AppException(
          first.code,
          first.status,
          `${failures.length} of ${unique.length} items cannot be ${action === 'submit' ? 'submitted' : 'approved'}; nothing was changed`,
          {
            failures: failures.map(({ id, code, message }) => ({ id, code, message })),
          },
        );
      }
      const superseded = action === 'approve' ? await this.approveMany(tx, p, steps) : new Map<string, number>();
      if (action === 'submit') {
        const now = Date.now();
        await this.repo.updateVersions(
          tx,
          steps.map((s) => s.version.id),
          { status: 'in_review', updatedAt: now },
        );
        await this.repo.updateItems(
          tx,
          steps.map((s) => s.item.id),
          { updatedAt: now },
        );
      }
      await this.audit.appendMany(
        tx,
        steps.map(({ item, version, to }) => ({
          actor: actorOf(p),
          action: `item.${action}`,
          entity: 'item',
          entityId: item.id,
          data: {
            versionId: version.id,
            version: version.no,
            from: version.status,
            to,
            ...(superseded.has(item.id) ? { supersededVersion: superseded.get(item.id) } : {}),
          },
        })),
      );
      return { action, count: unique.length, ids: unique };
    });
  }

  /**
   * The writes of approving many latest versions, as {@link step} makes them one by one: each version approved by
   * this reviewer, the version in use before it retired, the item pointing at its new version and practical set.
   * Returns the superseded version number per item.
   */
  private async approveMany(
    tx: EntityManager,
    p: StaffPrincipal,
    steps: { item: ItemEntity; version: ItemVersionEntity }[],
  ): Promise<Map<string, number>> {
    const now = Date.now();
    await this.repo.updateVersions(
      tx,
      steps.map((s) => s.version.id),
      { status: 'approved', reviewerId: p.userId, reviewedAt: now, updatedAt: now },
    );
    const previous = await this.repo.findVersions(
      steps.flatMap(({ item, version }) =>
        item.approvedVersionId && item.approvedVersionId !== version.id ? [item.approvedVersionId] : [],
      ),
      tx,
    );
    await this.repo.updateVersions(
      tx,
      previous.map((v) => v.id),
      { status: 'retired', updatedAt: now },
    );
    // Items grouped by the practical set their approved version names (none for theory items), one UPDATE per group.
    const bySet = new Map<string | null, string[]>();
    for (const { item, version } of steps) {
      const setId = await this.practicalSetId(tx, item.bankId, parseContent(version), now);
      const group = bySet.get(setId);
      if (group) group.push(item.id);
      else bySet.set(setId, [item.id]);
    }
    for (const [practicalSetId, itemIds] of bySet)
      await this.repo.approveLatest(tx, itemIds, { practicalSetId, updatedAt: now });
    return new Map(previous.map((v) => [v.itemId, v.no]));
  }

  /** Applies one workflow action inside the caller's transaction; returns the refusal instead of throwing. */
  private async step(
    tx: EntityManager,
    p: StaffPrincipal,
    item: ItemEntity,
    action: WorkflowAction,
    reason?: string,
  ): Promise<AppException | null> {
    const targetId = action === 'retire' ? (item.approvedVersionId ?? item.latestVersionId) : item.latestVersionId;
    const version = (await this.repo.findVersion(targetId, tx))!;
    const result = transition(
      { status: version.status as ItemStatus, authorId: version.authorId },
      action,
      { id: p.userId, roles: p.roles },
      reason,
    );
    if (!result.ok) return appError(result.code, result.message, { version: version.no, status: version.status });
    const now = Date.now();
    const patch: Partial<ItemVersionEntity> = { status: result.value, updatedAt: now };
    if (action === 'approve' || action === 'reject') Object.assign(patch, { reviewerId: p.userId, reviewedAt: now });
    if (action === 'reject') patch.reviewReason = reason!.trim();
    await this.repo.updateVersion(tx, version.id, patch);

    let superseded: number | null = null;
    if (action === 'approve') {
      // The previous version in use steps down now, not before: papers kept drawing it while this one was reviewed.
      if (item.approvedVersionId && item.approvedVersionId !== version.id) {
        const previous = await this.repo.findVersion(item.approvedVersionId, tx);
        if (previous) {
          await this.repo.updateVersion(tx, previous.id, { status: 'retired', updatedAt: now });
          superseded = previous.no;
        }
      }
      await this.repo.updateItem(tx, item.id, {
        approvedVersionId: version.id,
        practicalSetId: await this.practicalSetId(tx, item.bankId, parseContent(version), now),
        updatedAt: now,
      });
    } else if (action === 'retire') {
      await this.repo.updateItem(tx, item.id, { approvedVersionId: null, updatedAt: now });
    } else {
      await this.repo.updateItem(tx, item.id, { updatedAt: now });
    }
    await this.audit.append(tx, {
      actor: actorOf(p),
      action: `item.${action}`,
      entity: 'item',
      entityId: item.id,
      data: {
        versionId: version.id,
        version: version.no,
        from: version.status,
        to: result.value,
        ...(reason ? { reason } : {}),
        ...(superseded !== null ? { supersededVersion: superseded } : {}),
      },
    });
    return null;
  }

  /** Every rule of validateItem against the bank: its knowledge points, its stems (by stem_key) and its item ids. */
  private async validate(tx: EntityManager, bank: Bank, content: ItemContent, itemId?: string): Promise<void> {
    const map = parseJson<KnowledgeMap>(bank.knowledgeMap);
    if (!map)
      throw unprocessable(
        'KNOWLEDGE_MAP_MISSING',
        'The bank has no knowledge map yet: PUT /banks/{occupation}/{level}/knowledge-map first',
      );
    const stem = typeof content.stem === 'string' ? content.stem : '';
    const key = stemKey(stem);
    const owners = await this.repo.stemOwners(bank.id, [key], tx);
    const enemyIds = Array.isArray(content.enemies) ? content.enemies.filter((e) => typeof e === 'string') : [];
    const known = await this.repo.itemIds(bank.id, enemyIds, tx);
    const issues = validateItem(content, {
      knowledgePoints: new Set(leafPoints(map).map((pt) => pt.code)),
      existingStems: stemIndex(owners),
      itemId,
      knownEnemies: known,
    });
    if (issues.length) throw unprocessable('ITEM_INVALID', 'The item is not valid', issues);
  }

  private newVersion(
    itemId: string,
    bankId: string,
    no: number,
    content: ItemContent,
    authorId: string,
    changeNote: string | null,
    now: number,
  ): ItemVersionEntity {
    return Object.assign(new ItemVersionEntity(), {
      id: randomUUID(),
      itemId,
      bankId,
      no,
      type: content.type,
      status: 'draft',
      content: JSON.stringify(content),
      stemKey: stemKey(content.stem),
      knowledgePoint: content.knowledgePoint,
      difficulty: content.difficulty,
      authorId,
      changeNote,
      reviewerId: null,
      reviewedAt: null,
      reviewReason: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** The practical set a task names, created in the bank on first use. */
  private async practicalSetId(
    tx: EntityManager,
    bankId: string,
    content: ItemContent,
    now: number,
  ): Promise<string | null> {
    if (content.type !== 'task' || !content.set) return null;
    const sets = await this.repo.practicalSets(bankId, tx);
    const existing = sets.get(content.set);
    if (existing) return existing;
    const set = Object.assign(new PracticalSetEntity(), {
      id: randomUUID(),
      bankId,
      code: content.set,
      title: content.set,
      createdAt: now,
    });
    await this.repo.insertSets(tx, [set]);
    return set.id;
  }

  private async lockBank(tx: EntityManager, bankId: string): Promise<Bank> {
    const bank = await this.banks.lock(tx, bankId);
    if (!bank) throw notFound('BANK_NOT_FOUND', 'No bank has this id');
    return bank;
  }

  private async findItem(id: string): Promise<ItemEntity> {
    const item = await this.repo.findItem(id);
    if (!item) throw notFound('ITEM_NOT_FOUND', 'No item has this id');
    return item;
  }

  private async viewAfter(tx: EntityManager, id: string): Promise<ItemView> {
    const item = (await this.repo.findItem(id, tx))!;
    const latest = (await this.repo.findVersion(item.latestVersionId, tx))!;
    const approved = item.approvedVersionId ? await this.repo.findVersion(item.approvedVersionId, tx) : null;
    return this.view(
      item,
      latest,
      approved,
      (await this.bankNames([item.bankId])).get(item.bankId)!,
      await this.stats.ofItem(id, tx),
    );
  }

  view(
    item: ItemEntity,
    latest: ItemVersionEntity,
    approved: ItemVersionEntity | null,
    where: { occupation: string; level: string },
    statistics: ItemStatisticsView | null,
  ): ItemView {
    return {
      id: item.id,
      bankId: item.bankId,
      occupation: where.occupation,
      level: where.level,
      ...parseContent(latest),
      status: latest.status,
      version: latest.no,
      versionId: latest.id,
      authorId: latest.authorId,
      changeNote: latest.changeNote,
      reviewReason: latest.reviewReason,
      approvedVersion: approved
        ? {
            id: approved.id,
            version: approved.no,
            reviewerId: approved.reviewerId,
            reviewedAt: iso(approved.reviewedAt),
          }
        : null,
      practicalSetId: item.practicalSetId,
      usageCount: item.usageCount,
      lastUsedAt: iso(item.lastUsedAt),
      statistics,
      createdAt: iso(item.createdAt),
      updatedAt: iso(item.updatedAt),
    };
  }
}
