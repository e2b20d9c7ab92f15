import { Injectable } from '@nestjs/common';
import { maskIdNumber, mayDecideCorrection, mayRequestCorrection } from '@jianding/exam';
import ExcelJS from 'exceljs';
import { forbidden } from '../../common/app.exception';
import { itemStatistics } from '@jianding/itembank';
import { iso } from '../../common/columns';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { ItemStatisticsService } from '../items/item-statistics.service';
import { correctionView, ExamScoringService } from './exam-scoring.service';
import { ScoreRecordEntity } from './exam.entities';
import { ExamRepository } from './exam.repository';
import { SessionAccessService } from './session-access';

/** After a session: results per candidate, score history and corrections, and the items' statistics for the bank. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly scoring: ExamScoringService,
    private readonly itemStats: ItemStatisticsService,
    private readonly audit: AuditService,
  ) {}

  async results(p: StaffPrincipal, id: string) {
    const s = await this.access.session(p, id, 'results');
    const rows = await this.rows(id);
    const scored = rows.filter((r) => r.score !== null);
    return {
      sessionId: s.id,
      summary: {
        candidates: rows.length,
        submitted: scored.length,
        passed: scored.filter((r) => r.passed).length,
        meanScore: scored.length
          ? Math.round((scored.reduce((t, r) => t + (r.score ?? 0), 0) / scored.length) * 100) / 100
          : null,
      },
      items: rows,
    };
  }

  /** Each candidate of the roster with their attempt and the theory score in force; no access check (callers do it). */
  async rows(sessionId: string) {
    const [candidates, attempts] = await Promise.all([
      this.repo.candidatesOf(sessionId),
      this.repo.attemptsOf(sessionId),
    ]);
    const records = new Map(
      (await this.repo.scoreRecords(attempts.map((a) => a.scoreRecordId).filter((x): x is string => !!x))).map((r) => [
        r.id,
        r,
      ]),
    );
    const byCandidate = new Map(attempts.map((a) => [a.candidateId, a]));
    return candidates.map((c) => {
      const a = byCandidate.get(c.id);
      const score = a ? ExamScoringService.current(a, records) : null;
      return {
        candidateId: c.id,
        ticketNo: c.ticketNo,
        name: c.name,
        idNumber: maskIdNumber(c.idNumberTail),
        attemptId: a?.id ?? null,
        status: a?.status ?? 'absent',
        submittedAt: iso(a?.submittedAt),
        submittedBy: a?.submittedBy ?? null,
        score: score?.score ?? null,
        passed: score?.passed ?? null,
        scoreKind: score?.kind ?? null,
        scoreRecordId: score?.id ?? null,
      };
    });
  }

  async scores(p: StaffPrincipal, attemptId: string) {
    await this.access.attempt(p, attemptId, 'results');
    return this.scoring.history(attemptId);
  }

  /** The owning institution or the centre asks for a correction; the score stays until the centre approves. */
  async requestCorrection(p: StaffPrincipal, attemptId: string, score: number, reason: string) {
    const { session } = await this.access.attempt(p, attemptId, 'results');
    if (!mayRequestCorrection(p, session))
      throw forbidden('FORBIDDEN', 'Only the institution that holds the session or the centre requests a correction');
    return this.scoring.requestCorrection(actorOf(p), attemptId, score, reason);
  }

  decideCorrection(p: StaffPrincipal, correctionId: string, approve: boolean, reason?: string) {
    if (!mayDecideCorrection(p)) throw forbidden('FORBIDDEN', 'Only the centre decides a score correction');
    return this.scoring.decideCorrection(actorOf(p), correctionId, approve, reason);
  }

  async attemptCorrections(p: StaffPrincipal, attemptId: string) {
    await this.access.attempt(p, attemptId, 'results');
    return { items: (await this.repo.correctionsOf({ attemptId })).map(correctionView) };
  }

  async sessionCorrections(p: StaffPrincipal, sessionId: string, status?: string) {
    await this.access.session(p, sessionId, 'results');
    const items = (await this.repo.correctionsOf({ sessionId, status })).map(correctionView);
    return { items, total: items.length };
  }

  /** The results as a spreadsheet: one row per candidate, ID numbers masked as in the list. */
  async exportResults(p: StaffPrincipal, sessionId: string): Promise<{ body: Buffer; fileName: string }> {
    const r = await this.results(p, sessionId);
    const s = await this.repo.findSession(sessionId);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('成绩 results');
    sheet.columns = [
      { header: '准考证号', key: 'ticketNo', width: 18 },
      { header: '姓名', key: 'name', width: 14 },
      { header: '身份证号', key: 'idNumber', width: 22 },
      { header: '状态', key: 'status', width: 12 },
      { header: '成绩', key: 'score', width: 8 },
      { header: '是否合格', key: 'passed', width: 10 },
      { header: '成绩来源', key: 'scoreKind', width: 12 },
      { header: '交卷时间', key: 'submittedAt', width: 26 },
    ];
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const STATUS: Record<string, string> = { absent: '缺考', in_progress: '作答中', submitted: '已交卷' };
    for (const row of r.items)
      sheet.addRow({
        ...row,
        status: STATUS[row.status] ?? row.status,
        passed: row.passed === null ? '' : row.passed ? '合格' : '不合格',
        scoreKind: row.scoreKind === 'correction' ? '更正' : row.scoreKind === 'auto' ? '机评' : '',
        score: row.score ?? '',
        submittedAt: row.submittedAt ?? '',
      });
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { body, fileName: `results-${s?.id ?? sessionId}.xlsx` };
  }

  async itemStatistics(p: StaffPrincipal, sessionId: string) {
    const s = await this.access.session(p, sessionId, 'results');
    return this.db.transaction(async (tx) => {
      // Computations of one session queue on its row and read the scores after the lock, so the last to commit stores
      // the newest numbers and two delete-then-inserts never deadlock.
      await this.repo.lockSession(tx, s.id);
      const attempts = (await this.repo.attemptsOf(sessionId, tx)).filter((a) => a.status === 'submitted');
      const autos = await this.repo.autoScores(
        attempts.map((a) => a.id),
        tx,
      );
      const scored = autos.map((r: ScoreRecordEntity) => {
        const d = JSON.parse(r.detail) as {
          total?: number;
          items?: { itemId: string; points: number; credit: number }[];
        };
        const items = d.items ?? [];
        return { total: items.reduce((t, i) => t + i.credit, 0), detail: items };
      });
      // The detail's itemId is the item's, not its version's: the statistics belong to the item across versions, like its usage count.
      const stats = itemStatistics(scored);
      await this.itemStats.replaceForSession(tx, s.id, stats, Date.now());
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'exam_session.item_statistics',
        entity: 'exam_session',
        entityId: s.id,
        data: { attempts: scored.length, items: stats.length },
      });
      return { sessionId: s.id, attempts: scored.length, items: stats };
    });
  }
}
