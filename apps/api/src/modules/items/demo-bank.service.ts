import { Injectable, Logger } from '@nestjs/common';
import { generateDemoBank, type ItemContent } from '@jianding/itembank';
import { randomBytes, randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/passwords';
import { SYSTEM_ACTOR } from '../auth/principal';
import { BankEntity, OccupationEntity } from '../banks/bank.entities';
import { BanksRepository } from '../banks/banks.repository';
import type { StaffRole } from '../users/roles';
import { UserEntity } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { stemKey } from './item-content';
import { ItemEntity, ItemVersionEntity, PracticalSetEntity } from './item.entities';
import { ItemsRepository } from './items.repository';

export const DEMO_SEED = 'jianding-demo';
export const DEMO_AUTHOR = 'demo-author';
export const DEMO_REVIEWER = 'demo-reviewer';

/**
 * The demo bank a newcomer sees: 电工 (6-31-01-03) level 4 from the item bank's generator — its knowledge map, about
 * 1,470 approved theory items and 12 practical sets — written by a demo author, approved by a demo reviewer.
 */
@Injectable()
export class DemoBankService {
  private readonly logger = new Logger('DemoBank');

  constructor(
    private readonly db: Db,
    private readonly banks: BanksRepository,
    private readonly items: ItemsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Loads the demo bank unless its occupation already exists (then nothing changes). Returns the demo bank's id
   * (null if the occupation exists without a level-4 bank).
   */
  async ensureDemoBank(): Promise<string | null> {
    const demo = generateDemoBank(DEMO_SEED);
    const existing = await this.banks.findOccupationByCode(demo.occupation.code);
    if (existing) return (await this.banks.findBank(existing.id, demo.level))?.id ?? null;

    const started = Date.now();
    const [authorHash, reviewerHash] = await Promise.all([
      hashPassword(randomBytes(24).toString('base64url')),
      hashPassword(randomBytes(24).toString('base64url')),
    ]);
    const bankId = await this.db.transaction(async (tx) => {
      const author = await this.demoUser(tx, DEMO_AUTHOR, '示例命题人', ['author'], authorHash);
      const reviewer = await this.demoUser(tx, DEMO_REVIEWER, '示例审题专家', ['reviewer'], reviewerHash);
      const now = Date.now();
      const occupation = Object.assign(new OccupationEntity(), {
        id: randomUUID(),
        code: demo.occupation.code,
        name: demo.occupation.name,
        special: false,
        createdAt: now,
      });
      await this.banks.insertOccupation(tx, occupation);
      const bank = Object.assign(new BankEntity(), {
        id: randomUUID(),
        occupationId: occupation.id,
        level: demo.level,
        policyId: null,
        knowledgeMap: JSON.stringify(demo.knowledgeMap),
        knowledgeMapVersion: 1,
        template: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.banks.insertBank(tx, bank);

      const sets = demo.practicalSets.map((s) =>
        Object.assign(new PracticalSetEntity(), {
          id: randomUUID(),
          bankId: bank.id,
          code: s.code,
          title: s.name,
          createdAt: now,
        }),
      );
      await this.items.insertSets(tx, sets);
      const setId = new Map(sets.map((s) => [s.code, s.id]));

      const idOfRef = new Map(demo.items.map((d) => [d.ref, randomUUID()]));
      const items: ItemEntity[] = [];
      const versions: ItemVersionEntity[] = [];
      for (const d of demo.items) {
        const content: ItemContent = { ...d.content };
        if (content.enemies) content.enemies = content.enemies.map((ref) => idOfRef.get(ref) ?? ref);
        const id = idOfRef.get(d.ref)!;
        const versionId = randomUUID();
        items.push(
          Object.assign(new ItemEntity(), {
            id,
            bankId: bank.id,
            type: content.type,
            ref: d.ref,
            latestVersionId: versionId,
            latestNo: 1,
            approvedVersionId: versionId,
            practicalSetId: content.type === 'task' && content.set ? (setId.get(content.set) ?? null) : null,
            usageCount: 0,
            lastUsedAt: null,
            createdBy: author.id,
            createdAt: now,
            updatedAt: now,
          }),
        );
        versions.push(
          Object.assign(new ItemVersionEntity(), {
            id: versionId,
            itemId: id,
            bankId: bank.id,
            no: 1,
            type: content.type,
            status: 'approved',
            content: JSON.stringify(content),
            stemKey: stemKey(content.stem),
            knowledgePoint: content.knowledgePoint,
            difficulty: content.difficulty,
            authorId: author.id,
            changeNote: 'demo bank',
            reviewerId: reviewer.id,
            reviewedAt: now,
            reviewReason: null,
            createdAt: now,
            updatedAt: now,
          }),
        );
      }
      await this.items.bulkInsert(tx, items, versions);
      await this.audit.append(tx, {
        actor: SYSTEM_ACTOR,
        action: 'bank.demo-load',
        entity: 'bank',
        entityId: bank.id,
        data: {
          occupation: occupation.code,
          level: bank.level,
          seed: DEMO_SEED,
          items: items.length,
          practicalSets: sets.length,
          authorId: author.id,
          reviewerId: reviewer.id,
        },
      });
      return bank.id;
    });
    this.logger.log(
      `Loaded the demo bank ${demo.occupation.code} ${demo.occupation.name} level ${demo.level}: ${demo.items.length} approved items in ${Date.now() - started} ms`,
    );
    return bankId;
  }

  /** The demo author or reviewer, created with a random password (nobody signs in as them) when missing. */
  private async demoUser(
    tx: EntityManager,
    username: string,
    displayName: string,
    roles: StaffRole[],
    passwordHash: string,
  ): Promise<UserEntity> {
    const found = await this.users.findByUsername(username, tx);
    if (found) return found;
    const now = Date.now();
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      username,
      displayName,
      passwordHash,
      roles,
      institutionId: null,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    await this.users.insert(tx, user);
    await this.audit.append(tx, {
      actor: SYSTEM_ACTOR,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      data: { username, roles, institutionId: null, demo: true },
    });
    return user;
  }
}
