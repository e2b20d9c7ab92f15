import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import { Db } from '../../database/db.service';
import {
  ExaminerEntity,
  PanelMemberEntity,
  PracticalDecisionEntity,
  PracticalSheetEntity,
  ReviewScoreEntity,
} from './practical.entities';

export interface ExaminerFilter {
  occupation?: string;
  level?: string;
  active?: boolean;
  institutionId?: string;
  q?: string;
}

/** The practical module's tables: the examiner register, panels, score sheets, decisions and review scores. */
@Injectable()
export class PracticalRepository {
  constructor(private readonly db: Db) {}

  // --- the register ---------------------------------------------------------------------------------------------

  findExaminer(id: string, tx: EntityManager = this.db.manager): Promise<ExaminerEntity | null> {
    return tx.findOneBy(ExaminerEntity, { id });
  }

  examinerOfUser(userId: string, tx: EntityManager = this.db.manager): Promise<ExaminerEntity | null> {
    return tx.findOneBy(ExaminerEntity, { userId });
  }

  examinersByIds(ids: readonly string[], tx: EntityManager = this.db.manager): Promise<ExaminerEntity[]> {
    return ids.length ? tx.findBy(ExaminerEntity, { id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  async registeredUserIds(userIds: readonly string[]): Promise<Set<string>> {
    const rows = userIds.length ? await this.db.manager.findBy(ExaminerEntity, { userId: In([...userIds]) }) : [];
    return new Set(rows.map((e) => e.userId));
  }

  async insertExaminer(tx: EntityManager, row: ExaminerEntity): Promise<void> {
    await tx.insert(ExaminerEntity, row);
  }

  async updateExaminer(tx: EntityManager, id: string, patch: Partial<ExaminerEntity>): Promise<void> {
    await tx.update(ExaminerEntity, { id }, patch);
  }

  listExaminers(f: ExaminerFilter, page: number, pageSize: number): Promise<[ExaminerEntity[], number]> {
    const qb = this.db.manager.createQueryBuilder(ExaminerEntity, 'e');
    // Occupations are a JSON array of codes: the quoted code inside it is a whole-element match.
    if (f.occupation) qb.andWhere('e.occupations LIKE :occ', { occ: `%${JSON.stringify(f.occupation)}%` });
    if (f.level) qb.andWhere('e.level = :level', { level: f.level });
    if (f.active !== undefined) qb.andWhere('e.active = :active', { active: f.active });
    if (f.institutionId) qb.andWhere('e.institution_id = :inst', { inst: f.institutionId });
    if (f.q)
      qb.andWhere(
        new Brackets((w) =>
          w.where('e.name LIKE :q', { q: `%${f.q}%` }).orWhere('e.certificate_no LIKE :q', { q: `%${f.q}%` }),
        ),
      );
    return qb
      .orderBy('e.name', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  // --- panels ---------------------------------------------------------------------------------------------------

  panelOf(sessionId: string, tx: EntityManager = this.db.manager): Promise<PanelMemberEntity[]> {
    return tx.find(PanelMemberEntity, { where: { sessionId }, order: { examinerId: 'ASC' } });
  }

  /**
   * The panels at an institution that started before `before`, most recent first, as session → examiner ids: the
   * history the rotation rules look at. Only the last `sessions` sessions are read.
   */
  async earlierPanels(
    institutionId: string,
    before: number,
    excludeSessionId: string,
    tx: EntityManager = this.db.manager,
  ): Promise<{ sessionId: string; occupationCode: string; startsAt: number; examinerIds: string[] }[]> {
    const rows = await tx
      .createQueryBuilder(PanelMemberEntity, 'm')
      .where('m.institution_id = :institutionId', { institutionId })
      .andWhere('m.starts_at < :before', { before })
      .andWhere('m.session_id <> :excludeSessionId', { excludeSessionId })
      .orderBy('m.starts_at', 'DESC')
      .addOrderBy('m.session_id', 'ASC')
      .getMany();
    const panels = new Map<
      string,
      { sessionId: string; occupationCode: string; startsAt: number; examinerIds: string[] }
    >();
    for (const r of rows) {
      const p = panels.get(r.sessionId) ?? {
        sessionId: r.sessionId,
        occupationCode: r.occupationCode,
        startsAt: r.startsAt,
        examinerIds: [],
      };
      p.examinerIds.push(r.examinerId);
      panels.set(r.sessionId, p);
    }
    return [...panels.values()];
  }

  async replacePanel(tx: EntityManager, sessionId: string, members: PanelMemberEntity[]): Promise<void> {
    await tx.delete(PanelMemberEntity, { sessionId });
    await tx.insert(PanelMemberEntity, members);
  }

  /** The sessions an examiner sits on, as panel rows (most recent first). */
  panelsOfExaminer(examinerId: string): Promise<PanelMemberEntity[]> {
    return this.db.manager.find(PanelMemberEntity, { where: { examinerId }, order: { startsAt: 'DESC' } });
  }

  // --- sheets ---------------------------------------------------------------------------------------------------

  sheetsOf(sessionId: string, tx: EntityManager = this.db.manager): Promise<PracticalSheetEntity[]> {
    return tx.find(PracticalSheetEntity, { where: { sessionId } });
  }

  sheetsOfTask(
    sessionId: string,
    candidateId: string,
    position: number,
    tx: EntityManager = this.db.manager,
  ): Promise<PracticalSheetEntity[]> {
    return tx.find(PracticalSheetEntity, { where: { sessionId, candidateId, position } });
  }

  async countSigned(sessionId: string, tx: EntityManager = this.db.manager): Promise<number> {
    return tx
      .createQueryBuilder(PracticalSheetEntity, 's')
      .where('s.session_id = :sessionId', { sessionId })
      .andWhere('s.signed_at IS NOT NULL')
      .getCount();
  }

  /** `SELECT … FOR UPDATE` on MySQL: a sheet is written or signed by one request at a time. */
  async lockSheet(
    tx: EntityManager,
    key: { sessionId: string; candidateId: string; position: number; examinerId: string },
  ): Promise<PracticalSheetEntity | null> {
    const qb = tx
      .createQueryBuilder(PracticalSheetEntity, 's')
      .where('s.session_id = :sessionId AND s.candidate_id = :candidateId', key)
      .andWhere('s.position = :position AND s.examiner_id = :examinerId', key);
    if (this.db.kind === 'mysql') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async insertSheet(tx: EntityManager, row: PracticalSheetEntity): Promise<void> {
    await tx.insert(PracticalSheetEntity, row);
  }

  async updateSheet(tx: EntityManager, id: string, patch: Partial<PracticalSheetEntity>): Promise<void> {
    await tx.update(PracticalSheetEntity, { id }, patch);
  }

  // --- decisions and reviews ------------------------------------------------------------------------------------

  decisionsOf(sessionId: string, tx: EntityManager = this.db.manager): Promise<PracticalDecisionEntity[]> {
    return tx.find(PracticalDecisionEntity, { where: { sessionId } });
  }

  async saveDecision(tx: EntityManager, row: PracticalDecisionEntity): Promise<void> {
    await tx.save(PracticalDecisionEntity, row);
  }

  reviewsOf(sessionId: string, tx: EntityManager = this.db.manager): Promise<ReviewScoreEntity[]> {
    return tx.find(ReviewScoreEntity, { where: { sessionId } });
  }

  async saveReview(tx: EntityManager, row: ReviewScoreEntity): Promise<void> {
    await tx.save(ReviewScoreEntity, row);
  }
}
