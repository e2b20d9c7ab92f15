import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PRACTICAL_SCORING,
  isValidDecision,
  needsReview,
  overallPassed,
  panelRefusal,
  practicalScore,
  PracticalScoring,
  RegisteredExaminer,
  sheetComplete,
  sheetCriteriaIssue,
  sheetTotal,
  taskScore,
  type CriterionScore,
  type ExaminerLevel,
} from '@jianding/exam';
import { createHash, randomUUID } from 'crypto';
import ExcelJS from 'exceljs';
import { EntityManager } from 'typeorm';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Db, isDuplicateKey } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { SessionFacts } from '../exam/session-facts';
import { PapersService } from '../papers/papers.service';
import type { TaskView } from '../papers/paper-view';
import {
  AssignmentView,
  DispatchPanelDto,
  PanelView,
  PracticalResultsView,
  ScoringView,
  SheetView,
} from './dto/practical.dto';
import {
  ExaminerEntity,
  PanelMemberEntity,
  PracticalDecisionEntity,
  PracticalSheetEntity,
  ReviewScoreEntity,
} from './practical.entities';
import { PracticalRepository } from './practical.repository';

type Task = TaskView & { rubric: { points: number; criterion: string }[] };

const registered = (e: ExaminerEntity): RegisteredExaminer => ({
  id: e.id,
  occupations: JSON.parse(e.occupations) as string[],
  level: e.level as ExaminerLevel,
  institutionId: e.institutionId,
  active: !!e.active,
});

const criteriaOf = (s: PracticalSheetEntity): CriterionScore[] => JSON.parse(s.criteria) as CriterionScore[];

/**
 * Practical assessment on a session: the centre dispatches the panel, each examiner scores and signs their own sheets
 * without seeing the others' totals until they have signed, the chief decides a task whose totals spread too far,
 * and the results combine the panel's scores with the theory score.
 */
@Injectable()
export class PracticalService {
  constructor(
    private readonly db: Db,
    private readonly repo: PracticalRepository,
    private readonly facts: SessionFacts,
    private readonly papers: PapersService,
    private readonly audit: AuditService,
  ) {}

  // --- the panel ------------------------------------------------------------------------------------------------

  async dispatchPanel(p: StaffPrincipal, sessionId: string, dto: DispatchPanelDto): Promise<PanelView> {
    const info = await this.facts.info(sessionId);
    await this.tasksOf(info.requestId);
    await this.db.transaction(async (tx) => {
      if ((await this.repo.countSigned(sessionId, tx)) > 0)
        throw conflict('PANEL_LOCKED', 'Score sheets of this session are signed: its panel can no longer change');
      const members = new Map((await this.repo.examinersByIds(dto.examiners, tx)).map((e) => [e.id, registered(e)]));
      const earlier = await this.repo.earlierPanels(info.institutionId, info.startsAt, sessionId, tx);
      const refusal = panelRefusal({
        examinerIds: dto.examiners,
        chief: dto.chief,
        members,
        session: { institutionId: info.institutionId, occupation: info.occupationCode, level: info.level },
        sameInstitutionOccupation: earlier.filter((e) => e.occupationCode === info.occupationCode),
        sameSite: earlier,
      });
      if (refusal) throw unprocessable(refusal.code, refusal.message, { examinerIds: refusal.examinerIds ?? [] });
      const now = Date.now();
      await this.repo.replacePanel(
        tx,
        sessionId,
        dto.examiners.map((examinerId) =>
          Object.assign(new PanelMemberEntity(), {
            sessionId,
            examinerId,
            chief: examinerId === dto.chief,
            institutionId: info.institutionId,
            occupationCode: info.occupationCode,
            startsAt: info.startsAt,
            dispatchedBy: p.userId,
            dispatchedAt: now,
          }),
        ),
      );
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'panel.dispatch',
        entity: 'exam_session',
        entityId: sessionId,
        data: { examiners: [...dto.examiners].sort(), chief: dto.chief },
      });
    });
    return this.panelView(sessionId);
  }

  /** The centre, the session's institution (by the session policy) and the panel's own examiners see the panel. */
  async panel(p: StaffPrincipal, sessionId: string): Promise<PanelView> {
    if (p.roles.includes('examiner') && !p.roles.includes('centre') && !p.roles.includes('institution'))
      await this.member(p, sessionId);
    else await this.facts.assertVisible(p, sessionId, 'read');
    return this.panelView(sessionId);
  }

  private async panelView(sessionId: string): Promise<PanelView> {
    const members = await this.repo.panelOf(sessionId);
    const examiners = new Map((await this.repo.examinersByIds(members.map((m) => m.examinerId))).map((e) => [e.id, e]));
    return {
      sessionId,
      examiners: members.map((m) => ({
        examinerId: m.examinerId,
        name: examiners.get(m.examinerId)?.name ?? '',
        certificateNo: examiners.get(m.examinerId)?.certificateNo ?? '',
        level: examiners.get(m.examinerId)?.level ?? '',
        chief: !!m.chief,
      })),
      chief: members.find((m) => m.chief)?.examinerId ?? null,
      dispatchedAt: iso(members[0]?.dispatchedAt),
      locked: (await this.repo.countSigned(sessionId)) > 0,
    };
  }

  /** The sessions the signed-in examiner sits on, most recent first. */
  async assignments(p: StaffPrincipal): Promise<AssignmentView[]> {
    const me = await this.repo.examinerOfUser(p.userId);
    if (!me) return [];
    const rows = await this.repo.panelsOfExaminer(me.id);
    return Promise.all(
      rows.map(async (r) => {
        const info = await this.facts.info(r.sessionId);
        return {
          sessionId: r.sessionId,
          name: info.name,
          startsAt: iso(info.startsAt)!,
          occupationName: info.occupationName,
          level: info.level,
          chief: !!r.chief,
        };
      }),
    );
  }

  // --- score sheets ---------------------------------------------------------------------------------------------

  /**
   * The signed-in examiner's scoring desk: the tasks with their rubrics, the roster, their own sheets, and for each
   * task the other examiners' signatures; another's total only once their own sheet for that task is signed.
   */
  async scoring(p: StaffPrincipal, sessionId: string): Promise<ScoringView> {
    const { examiner, panel } = await this.member(p, sessionId);
    const info = await this.facts.info(sessionId);
    const [tasks, roster, sheets] = await Promise.all([
      this.tasksOf(info.requestId),
      this.facts.roster(sessionId),
      this.repo.sheetsOf(sessionId),
    ]);
    const names = new Map((await this.repo.examinersByIds(panel.map((m) => m.examinerId))).map((e) => [e.id, e.name]));
    const byKey = new Map(sheets.map((s) => [`${s.candidateId}:${s.position}:${s.examinerId}`, s]));
    return {
      sessionId,
      sessionName: info.name,
      examinerId: examiner.id,
      chief: panel.some((m) => m.examinerId === examiner.id && m.chief),
      tasks: tasks.map((t) => ({
        position: t.position,
        title: t.title,
        task: t.task,
        materials: t.materials,
        minutes: t.minutes,
        points: t.points,
        rubric: t.rubric,
      })),
      candidates: roster.map((c) => ({
        ticketNo: c.ticketNo,
        name: c.name,
        tasks: tasks.map((t) => {
          const mine = byKey.get(`${c.candidateId}:${t.position}:${examiner.id}`);
          const open = !!mine?.signedAt;
          return {
            position: t.position,
            mine: mine ? sheetView(mine, c.ticketNo, t) : null,
            others: panel
              .filter((m) => m.examinerId !== examiner.id)
              .map((m) => {
                const s = byKey.get(`${c.candidateId}:${t.position}:${m.examinerId}`);
                const signed = s?.signedAt ?? null;
                return {
                  examinerId: m.examinerId,
                  name: names.get(m.examinerId) ?? '',
                  signedAt: iso(signed),
                  total: open && signed ? Number(s!.total) : null,
                };
              }),
          };
        }),
      })),
    };
  }

  /** Writes the examiner's draft sheet for one candidate's task: the criteria given replace the draft's. */
  async putSheet(
    p: StaffPrincipal,
    sessionId: string,
    ticketNo: string,
    position: number,
    criteria: CriterionScore[],
  ): Promise<SheetView> {
    const { examiner, task, candidate } = await this.sheetTarget(p, sessionId, ticketNo, position);
    const issue = sheetCriteriaIssue(task.rubric, criteria);
    if (issue) throw badRequest('CRITERION_INVALID', `Task ${position}: ${issue}`, { position });
    const ordered = [...criteria].sort((a, b) => a.index - b.index).map((c) => ({ index: c.index, points: c.points }));
    const key = { sessionId, candidateId: candidate.id, position, examinerId: examiner.id };
    const write = (tx: EntityManager) => this.writeSheet(tx, key, ordered);
    let row: PracticalSheetEntity;
    try {
      row = await this.db.transaction(write);
    } catch (err) {
      // Two first writes of the same sheet at once: the loser finds the winner's row and updates it.
      if (!isDuplicateKey(err)) throw err;
      row = await this.db.transaction(write);
    }
    return sheetView(row, ticketNo, task);
  }

  private async writeSheet(
    tx: EntityManager,
    key: { sessionId: string; candidateId: string; position: number; examinerId: string },
    criteria: CriterionScore[],
  ): Promise<PracticalSheetEntity> {
    const existing = await this.repo.lockSheet(tx, key);
    if (existing?.signedAt) throw conflict('SHEET_SIGNED', 'This score sheet is signed and can no longer change');
    const patch = { criteria: JSON.stringify(criteria), total: String(sheetTotal(criteria)), updatedAt: Date.now() };
    if (existing) {
      await this.repo.updateSheet(tx, existing.id, patch);
      return Object.assign(existing, patch);
    }
    const row = Object.assign(new PracticalSheetEntity(), {
      id: randomUUID(),
      ...key,
      ...patch,
      signedAt: null,
      contentHash: null,
    });
    await this.repo.insertSheet(tx, row);
    return row;
  }

  /** Signs the examiner's complete sheet: from now on it never changes, and its hash is in the audit log. */
  async signSheet(p: StaffPrincipal, sessionId: string, ticketNo: string, position: number): Promise<SheetView> {
    const { examiner, task, candidate } = await this.sheetTarget(p, sessionId, ticketNo, position);
    const row = await this.db.transaction(async (tx) => {
      const sheet = await this.repo.lockSheet(tx, {
        sessionId,
        candidateId: candidate.id,
        position,
        examinerId: examiner.id,
      });
      if (!sheet) throw notFound('SHEET_NOT_FOUND', 'Score the criteria (PUT) before signing');
      if (sheet.signedAt) throw conflict('SHEET_SIGNED', 'This score sheet is already signed');
      const criteria = criteriaOf(sheet);
      if (!sheetComplete(task.rubric, criteria))
        throw unprocessable('SHEET_INCOMPLETE', `Every criterion of task ${position} must be scored before signing`, {
          missing: task.rubric.map((_, i) => i).filter((i) => !criteria.some((c) => c.index === i)),
        });
      const signedAt = Date.now();
      const contentHash = createHash('sha256')
        .update(
          JSON.stringify({
            sessionId,
            ticketNo,
            position,
            examinerId: examiner.id,
            versionId: task.versionId ?? null,
            criteria,
            total: sheet.total,
            signedAt,
          }),
        )
        .digest('hex');
      await this.repo.updateSheet(tx, sheet.id, { signedAt, contentHash });
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'practical.sheet.sign',
        entity: 'practical_sheet',
        entityId: sheet.id,
        data: { sessionId, ticketNo, position, examinerId: examiner.id, total: Number(sheet.total), contentHash },
      });
      return Object.assign(sheet, { signedAt, contentHash });
    });
    return sheetView(row, ticketNo, task);
  }

  /** The chief's reasoned score for a task whose signed totals spread beyond the policy's tolerance. */
  async decide(
    p: StaffPrincipal,
    sessionId: string,
    ticketNo: string,
    position: number,
    score: number,
    reason: string,
  ) {
    const { examiner, task, candidate, panel } = await this.sheetTarget(p, sessionId, ticketNo, position);
    if (!panel.some((m) => m.examinerId === examiner.id && m.chief))
      throw forbidden('NOT_PANEL_CHIEF', "Only the panel's chief examiner decides a task's score");
    if (!isValidDecision(score, task.points))
      throw badRequest('DECISION_INVALID', `A decided score is 0–${task.points} in half points; ${score} given`);
    const info = await this.facts.info(sessionId);
    return this.db.transaction(async (tx) => {
      const signed = (await this.repo.sheetsOfTask(sessionId, candidate.id, position, tx)).filter(
        (s) => s.signedAt && panel.some((m) => m.examinerId === s.examinerId),
      );
      const state = taskScore({
        panelSize: panel.length,
        signedTotals: signed.map((s) => Number(s.total)),
        taskPoints: task.points,
        scoring: scoringOf(info.policy),
        decision: null,
      });
      if (state.status !== 'needs_decision')
        throw conflict('DECISION_NOT_NEEDED', `Task ${position} of ${ticketNo} does not need the chief's decision`);
      const decidedAt = Date.now();
      try {
        await tx.insert(
          PracticalDecisionEntity,
          Object.assign(new PracticalDecisionEntity(), {
            sessionId,
            candidateId: candidate.id,
            position,
            score: String(score),
            reason,
            examinerId: examiner.id,
            decidedAt,
          }),
        );
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict('DECISION_NOT_NEEDED', 'The chief has already decided this task');
        throw err;
      }
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'practical.decide',
        entity: 'exam_session',
        entityId: sessionId,
        data: { ticketNo, position, score, reason, spread: state.spread },
      });
      return { ticketNo, position, score, reason, spread: state.spread!, decidedAt: iso(decidedAt)! };
    });
  }

  /** The centre enters the comprehensive review (综合评审) score of a level 2 or 1 candidate. */
  async review(p: StaffPrincipal, sessionId: string, ticketNo: string, score: number) {
    const info = await this.facts.info(sessionId);
    if (!needsReview(info.level))
      throw conflict('REVIEW_NOT_NEEDED', `Level ${info.level} has no comprehensive review; levels 2 and 1 do`);
    const candidate = await this.facts.candidate(sessionId, ticketNo);
    if (!candidate) throw notFound('CANDIDATE_NOT_FOUND', `No candidate of this session has ticket ${ticketNo}`);
    const enteredAt = Date.now();
    await this.db.transaction(async (tx) => {
      await this.repo.saveReview(
        tx,
        Object.assign(new ReviewScoreEntity(), {
          sessionId,
          candidateId: candidate.id,
          score: String(score),
          enteredBy: p.userId,
          enteredAt,
        }),
      );
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'practical.review',
        entity: 'exam_session',
        entityId: sessionId,
        data: { ticketNo, score },
      });
    });
    return { ticketNo, score, enteredAt: iso(enteredAt)! };
  }

  // --- results --------------------------------------------------------------------------------------------------

  /** Per candidate: each examiner's signed total, the panel's task scores, theory, practical, review and the result. */
  async results(p: StaffPrincipal, sessionId: string): Promise<PracticalResultsView> {
    const staff = p.roles.includes('centre') || p.roles.includes('institution');
    if (staff) await this.facts.assertVisible(p, sessionId, 'results');
    else {
      const { examiner, panel } = await this.member(p, sessionId);
      if (!panel.some((m) => m.examinerId === examiner.id && m.chief))
        throw forbidden('NOT_PANEL_CHIEF', "Among examiners, only the panel's chief sees the practical results");
    }
    const info = await this.facts.info(sessionId);
    const scoring = scoringOf(info.policy);
    const [tasks, roster, sheets, decisions, reviews, panel] = await Promise.all([
      this.tasksOf(info.requestId),
      this.facts.roster(sessionId),
      this.repo.sheetsOf(sessionId),
      this.repo.decisionsOf(sessionId),
      this.repo.reviewsOf(sessionId),
      this.repo.panelOf(sessionId),
    ]);
    const names = new Map((await this.repo.examinersByIds(panel.map((m) => m.examinerId))).map((e) => [e.id, e.name]));
    const sheetOf = new Map(sheets.map((s) => [`${s.candidateId}:${s.position}:${s.examinerId}`, s]));
    const decisionOf = new Map(decisions.map((d) => [`${d.candidateId}:${d.position}`, d]));
    const reviewOf = new Map(reviews.map((r) => [r.candidateId, Number(r.score)]));
    const items = roster.map((c) => {
      const taskRows = tasks.map((t) => {
        const signed = panel.map((m) => sheetOf.get(`${c.candidateId}:${t.position}:${m.examinerId}`));
        const decision = decisionOf.get(`${c.candidateId}:${t.position}`) ?? null;
        const state = taskScore({
          panelSize: panel.length,
          signedTotals: signed.filter((s) => s?.signedAt).map((s) => Number(s!.total)),
          taskPoints: t.points,
          scoring,
          decision: decision ? Number(decision.score) : null,
        });
        return {
          position: t.position,
          points: t.points,
          sheets: panel.map((m, i) => ({
            examinerId: m.examinerId,
            name: names.get(m.examinerId) ?? '',
            total: signed[i]?.signedAt ? Number(signed[i]!.total) : null,
            signedAt: iso(signed[i]?.signedAt),
          })),
          ...state,
          decisionReason: decision?.reason ?? null,
        };
      });
      const practical = practicalScore(taskRows);
      const review = reviewOf.get(c.candidateId) ?? null;
      return {
        ticketNo: c.ticketNo,
        name: c.name,
        idNumber: c.idNumber,
        tasks: taskRows,
        theory: c.score === null ? null : Number(c.score),
        practical,
        review,
        passed: overallPassed({
          theory: c.score === null ? null : Number(c.score),
          practical,
          review,
          level: info.level,
          passMark: info.policy.passMark,
        }),
      };
    });
    return {
      sessionId,
      level: info.level,
      aggregate: scoring.aggregate,
      spreadTolerance: scoring.spreadTolerance,
      reviewNeeded: needsReview(info.level),
      items,
    };
  }

  /**
   * The result list for the legally required notice (成绩公示): per candidate the theory, practical and (levels 2 and 1)
   * review scores and the result, as a spreadsheet.
   */
  async exportResults(p: StaffPrincipal, sessionId: string): Promise<{ body: Buffer; fileName: string }> {
    const r = await this.results(p, sessionId);
    const info = await this.facts.info(sessionId);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('成绩公示');
    sheet.columns = [
      { header: '准考证号', key: 'ticketNo', width: 18 },
      { header: '姓名', key: 'name', width: 14 },
      { header: '身份证号', key: 'idNumber', width: 22 },
      { header: '理论知识', key: 'theory', width: 10 },
      { header: '操作技能', key: 'practical', width: 10 },
      ...(r.reviewNeeded ? [{ header: '综合评审', key: 'review', width: 10 }] : []),
      { header: '是否合格', key: 'passed', width: 10 },
    ];
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of r.items)
      sheet.addRow({
        ticketNo: row.ticketNo,
        name: row.name,
        idNumber: row.idNumber,
        theory: row.theory ?? '',
        practical: row.practical ?? '',
        review: row.review ?? '',
        passed: row.passed === null ? '待定' : row.passed ? '合格' : '不合格',
      });
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { body, fileName: `practical-results-${info.id}.xlsx` };
  }

  // --- shared checks --------------------------------------------------------------------------------------------

  /** The signed-in examiner's register entry and the session's panel, which must include them. */
  private async member(p: StaffPrincipal, sessionId: string) {
    await this.facts.info(sessionId);
    const examiner = await this.repo.examinerOfUser(p.userId);
    const panel = await this.repo.panelOf(sessionId);
    if (!examiner || !examiner.active || !panel.some((m) => m.examinerId === examiner.id))
      throw forbidden('NOT_ON_PANEL', "You are not an examiner of this session's panel");
    return { examiner, panel };
  }

  private async sheetTarget(p: StaffPrincipal, sessionId: string, ticketNo: string, position: number) {
    const { examiner, panel } = await this.member(p, sessionId);
    const info = await this.facts.info(sessionId);
    const task = (await this.tasksOf(info.requestId)).find((t) => t.position === position);
    if (!task) throw notFound('POSITION_NOT_FOUND', `The practical paper has no task ${position}`);
    const candidate = await this.facts.candidate(sessionId, ticketNo);
    if (!candidate) throw notFound('CANDIDATE_NOT_FOUND', `No candidate of this session has ticket ${ticketNo}`);
    return { examiner, panel, task, candidate };
  }

  private async tasksOf(requestId: string): Promise<Task[]> {
    const tasks = await this.papers.practicalTasks(requestId);
    if (!tasks || tasks.length === 0)
      throw conflict('PRACTICAL_NOT_IN_SESSION', "The session's paper request drew no practical paper");
    return tasks.map((t) => ({ ...t, rubric: t.rubric ?? [] }));
  }
}

function scoringOf(policy: { practicalScoring?: PracticalScoring }): PracticalScoring {
  return policy.practicalScoring ?? DEFAULT_PRACTICAL_SCORING;
}

function sheetView(s: PracticalSheetEntity, ticketNo: string, task: Task): SheetView {
  const criteria = criteriaOf(s);
  return {
    ticketNo,
    position: s.position,
    examinerId: s.examinerId,
    criteria,
    total: Number(s.total),
    complete: sheetComplete(task.rubric, criteria),
    signedAt: iso(s.signedAt),
    contentHash: s.contentHash,
  };
}
