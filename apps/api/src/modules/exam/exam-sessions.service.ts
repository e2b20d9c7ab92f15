import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import ExcelJS from 'exceljs';
import { badRequest, conflict, forbidden, notFound } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Db } from '../../database/db.service';
import { JobName } from '../../queue/jobs';
import { QueueService } from '../../queue/queue.service';
import { AuditService } from '../audit/audit.service';
import { Actor, actorOf, StaffPrincipal } from '../auth/principal';
import { ItemStatisticsService } from '../items/item-statistics.service';
import { CandidateEntity, ExamSessionEntity, IntegrityEventEntity, ScoreRecordEntity } from './exam.entities';
import { assertImportBounded } from '../../common/import-bounds';
import { ExamPaperCache } from './exam-paper.cache';
import { ExamRepository } from './exam.repository';
import {
  itemStatistics,
  maskIdNumber,
  normaliseIdNumber,
  parseCsv,
  rosterColumns,
  RosterIssue,
  RosterRow,
  validateRoster,
} from '@jianding/itembank';
import { ExamScoringService } from './exam-scoring.service';
import { ExamService } from './exam.service';

export interface CreateSessionInput {
  paperRequestId: string;
  name?: string;
  startsAt: string;
  durationMinutes: number;
  candidates: RosterRow[];
  showResult?: boolean;
  sebConfigKey?: string;
}

type Access = 'read' | 'proctor' | 'results';

/** The staff side of exam sessions: scheduling, rosters, monitoring, results, logs, statistics, extensions. */
@Injectable()
export class ExamSessionsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly cache: ExamPaperCache,
    private readonly exam: ExamService,
    private readonly scoring: ExamScoringService,
    private readonly audit: AuditService,
    private readonly queue: QueueService,
    private readonly itemStats: ItemStatisticsService,
  ) {}

  // --- access -------------------------------------------------------------------------------------------------------

  /**
   * The centre sees every session; institution staff their own; a proctor of an institution that institution's (a
   * proctor without one works for the centre and sees all). `results` is not for proctors.
   */
  private mayAccess(p: StaffPrincipal, institutionId: string, access: Access): boolean {
    if (p.roles.includes('centre')) return true;
    if (p.roles.includes('institution') && p.institutionId === institutionId) return true;
    if (access !== 'results' && p.roles.includes('proctor'))
      return !p.institutionId || p.institutionId === institutionId;
    return false;
  }

  async sessionFor(p: StaffPrincipal, id: string, access: Access): Promise<ExamSessionEntity> {
    const s = await this.repo.findSession(id);
    // Someone else's session is reported as missing: its existence is not theirs to know.
    if (!s || !this.mayAccess(p, s.institutionId, access))
      throw notFound('SESSION_NOT_FOUND', 'No exam session with this id is visible to you');
    return s;
  }

  // --- scheduling and rosters ---------------------------------------------------------------------------------------

  async create(p: StaffPrincipal, input: CreateSessionInput) {
    if (!p.institutionId) throw forbidden('INSTITUTION_REQUIRED', 'Only institution staff schedule exam sessions');
    const request = await this.repo.findRequest(input.paperRequestId);
    if (!request || request.institutionId !== p.institutionId)
      throw notFound('PAPER_REQUEST_NOT_FOUND', 'No paper request of your institution has this id');
    if (request.status !== 'ready')
      throw conflict('PAPER_REQUEST_NOT_READY', `The paper request is ${request.status}; a session needs a ready one`);
    const startsAt = Date.parse(input.startsAt);
    if (!Number.isFinite(startsAt)) throw badRequest('STARTS_AT_INVALID', 'startsAt must be an ISO date-time');
    const issues = validateRoster(input.candidates, new Set(), (i) => ({ index: i }));
    this.throwRosterIssues(issues);
    const papers = await this.repo.theoryPapers(request.id);
    if (!papers.length) throw conflict('PAPER_REQUEST_NOT_READY', 'The paper request has no theory papers');
    if (request.perCandidate && input.candidates.length > papers.length) {
      throw badRequest(
        'ROSTER_TOO_LARGE',
        `The request drew ${papers.length} per-candidate papers; the roster has ${input.candidates.length}`,
        { papers: papers.length },
      );
    }
    const bank = await this.repo.bankInfo(request.bankId);
    const policy = await this.cache.policy(request.policyId ?? bank?.policyId ?? null);
    const now = Date.now();
    const session = Object.assign(new ExamSessionEntity(), {
      id: randomUUID(),
      institutionId: p.institutionId,
      paperRequestId: request.id,
      name: input.name?.trim() || `${bank?.occupationName ?? ''} ${bank?.level ?? ''} ${input.startsAt}`.trim(),
      startsAt,
      durationMinutes: input.durationMinutes,
      endsAt: startsAt + input.durationMinutes * 60_000,
      showResult: input.showResult ?? policy.showResultToCandidate,
      sebConfigKey: input.sebConfigKey ?? null,
      createdBy: p.userId,
      createdAt: now,
    });
    const candidates = this.rosterEntities(session.id, input.candidates, 0, now);
    const deadlineRun = await this.db.transaction(async (tx) => {
      await this.repo.insertSession(tx, session);
      await this.repo.insertCandidates(tx, candidates);
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'exam_session.create',
        entity: 'exam_session',
        entityId: session.id,
        data: {
          paperRequestId: request.id,
          startsAt: iso(startsAt),
          durationMinutes: input.durationMinutes,
          candidates: candidates.length,
          seb: !!session.sebConfigKey,
        },
      });
      return this.exam.enqueueSessionDeadline(session.id, session.endsAt, tx);
    });
    await this.exam.dispatchDeadline(deadlineRun);
    return this.view(session, candidates);
  }

  /** A roster file (xlsx or csv): all rows or none; every bad row is reported with its row number. */
  async importCandidates(
    p: StaffPrincipal,
    sessionId: string,
    file: { buffer: Buffer; originalname?: string; mimetype?: string } | undefined,
  ) {
    if (!file?.buffer?.length)
      throw badRequest('FILE_REQUIRED', 'Upload the roster as multipart field "file" (xlsx or csv)');
    const session = await this.sessionFor(p, sessionId, 'results');
    if (!p.roles.includes('institution') || p.institutionId !== session.institutionId)
      throw forbidden('ROLE_REQUIRED', 'Only the institution that owns the session imports its roster');
    if (Date.now() >= session.endsAt) throw conflict('SESSION_ENDED', 'The session is over');
    const { rows, rowNumbers } = await this.readRoster(file);
    if (!rows.length) throw badRequest('FILE_EMPTY', 'The roster file has no candidates');
    const request = await this.repo.findRequest(session.paperRequestId);
    const result = await this.db.transaction(async (tx) => {
      await this.repo.lockSession(tx, sessionId);
      const existing = await this.repo.candidatesOf(sessionId, tx);
      const issues = validateRoster(rows, new Set(existing.map((c) => c.ticketNo)), (i) => ({ row: rowNumbers[i] }));
      this.throwRosterIssues(issues);
      const total = existing.length + rows.length;
      if (request?.perCandidate) {
        const papers = await this.repo.theoryPapers(request.id, tx);
        if (total > papers.length)
          throw badRequest(
            'ROSTER_TOO_LARGE',
            `The request drew ${papers.length} per-candidate papers; the roster would have ${total}`,
            { papers: papers.length },
          );
      }
      const firstSeat = existing.reduce((m, c) => Math.max(m, c.seat + 1), 0);
      const entities = this.rosterEntities(sessionId, rows, firstSeat, Date.now());
      await this.repo.insertCandidates(tx, entities);
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'exam_session.import_candidates',
        entity: 'exam_session',
        entityId: sessionId,
        data: { imported: entities.length, file: file.originalname ?? null },
      });
      return { imported: entities.length, total };
    });
    return result;
  }

  private throwRosterIssues(issues: RosterIssue[]): void {
    if (!issues.length) return;
    // The code of the first problem (ID_NUMBER_INVALID, TICKET_NO_DUPLICATE …); details list every one.
    throw badRequest(issues[0].code, `The roster has ${issues.length} problem(s); nothing was saved`, {
      errors: issues,
    });
  }

  private rosterEntities(sessionId: string, rows: RosterRow[], firstSeat: number, now: number): CandidateEntity[] {
    return rows.map((r, i) => {
      const id = normaliseIdNumber(r.idNumber);
      return Object.assign(new CandidateEntity(), {
        id: randomUUID(),
        sessionId,
        ticketNo: r.ticketNo.trim(),
        name: r.name.trim(),
        idNumberHash: this.exam.hashId(id),
        idNumberTail: id.slice(-4),
        seat: firstSeat + i,
        createdAt: now,
      });
    });
  }

  private async readRoster(file: {
    buffer: Buffer;
    originalname?: string;
    mimetype?: string;
  }): Promise<{ rows: RosterRow[]; rowNumbers: number[] }> {
    const name = (file.originalname ?? '').toLowerCase();
    const isXlsx =
      name.endsWith('.xlsx') ||
      /spreadsheetml/.test(file.mimetype ?? '') ||
      file.buffer.subarray(0, 2).toString() === 'PK';
    let table: string[][];
    await assertImportBounded(file.buffer, isXlsx ? 'xlsx' : 'csv');
    if (isXlsx) {
      const wb = new ExcelJS.Workbook();
      try {
        await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
      } catch {
        throw badRequest('FILE_UNREADABLE', 'The file is not a readable xlsx workbook');
      }
      const sheet = wb.worksheets[0];
      table = [];
      sheet?.eachRow({ includeEmpty: true }, (row, n) => {
        const values = (row.values as unknown[]).slice(1).map((v) => cellText(v));
        table[n - 1] = values;
      });
      for (let i = 0; i < table.length; i++) table[i] ??= [];
    } else {
      table = parseCsv(file.buffer.toString('utf8'));
    }
    if (!table.length) throw badRequest('FILE_EMPTY', 'The roster file is empty');
    const { columns, missing } = rosterColumns(table[0]);
    if (missing.length)
      throw badRequest(
        'HEADER_MISSING',
        `Missing column(s): ${missing.join(', ')} (准考证号 ticketNo, 姓名 name, 身份证号 idNumber)`,
        { missing },
      );
    const rows: RosterRow[] = [];
    const rowNumbers: number[] = [];
    table.slice(1).forEach((cells, i) => {
      if (!cells.some((c) => c.trim() !== '')) return;
      const r: RosterRow = { ticketNo: '', name: '', idNumber: '' };
      columns.forEach((field, col) => (r[field] = (cells[col] ?? '').trim()));
      rows.push(r);
      rowNumbers.push(i + 2);
    });
    return { rows, rowNumbers };
  }

  // --- reading ------------------------------------------------------------------------------------------------------

  async get(p: StaffPrincipal, id: string) {
    const s = await this.sessionFor(p, id, 'read');
    return this.view(s, await this.repo.candidatesOf(id));
  }

  async list(p: StaffPrincipal, q: { page: number; pageSize: number; paperRequestId?: string }) {
    const institutionId =
      p.roles.includes('centre') || (p.roles.includes('proctor') && !p.institutionId)
        ? undefined
        : (p.institutionId ?? '-');
    const [rows, total] = await this.repo.listSessions(
      { institutionId, paperRequestId: q.paperRequestId },
      q.page,
      q.pageSize,
    );
    const items = await Promise.all(
      rows.map(async (s) => ({ ...this.summary(s), candidateCount: await this.repo.countCandidates(s.id) })),
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  private summary(s: ExamSessionEntity) {
    return {
      id: s.id,
      institutionId: s.institutionId,
      paperRequestId: s.paperRequestId,
      name: s.name,
      startsAt: iso(s.startsAt),
      durationMinutes: s.durationMinutes,
      endsAt: iso(s.endsAt),
      showResult: !!s.showResult,
      seb: !!s.sebConfigKey,
      createdAt: iso(s.createdAt),
    };
  }

  private view(s: ExamSessionEntity, candidates: CandidateEntity[]) {
    return {
      ...this.summary(s),
      candidateCount: candidates.length,
      candidates: candidates.map((c) => ({
        id: c.id,
        ticketNo: c.ticketNo,
        name: c.name,
        idNumber: maskIdNumber(c.idNumberTail),
        seat: c.seat,
      })),
    };
  }

  async monitor(p: StaffPrincipal, id: string) {
    const s = await this.sessionFor(p, id, 'proctor');
    const [candidates, attempts, counts, events] = await Promise.all([
      this.repo.candidatesOf(id),
      this.repo.attemptsOf(id),
      this.repo.monitorCounts(id),
      this.repo.latestEvents(id, 2000),
    ]);
    const byCandidate = new Map(attempts.map((a) => [a.candidateId, a]));
    const latest = new Map<string, IntegrityEventEntity[]>();
    for (const e of events) {
      const list = latest.get(e.attemptId) ?? [];
      if (list.length < 5) list.push(e);
      latest.set(e.attemptId, list);
    }
    const now = Date.now();
    return {
      sessionId: s.id,
      serverTime: iso(now),
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      candidates: candidates.map((c) => {
        const a = byCandidate.get(c.id);
        const ans = a ? counts.answers.get(a.id) : undefined;
        return {
          candidateId: c.id,
          ticketNo: c.ticketNo,
          name: c.name,
          idNumber: maskIdNumber(c.idNumberTail),
          signedIn: !!a,
          attemptId: a?.id ?? null,
          status: a?.status ?? 'not_started',
          startedAt: iso(a?.startedAt),
          lastSeenAt: iso(a?.lastSeenAt),
          lastSaveAt: iso(ans?.lastSave),
          answeredCount: ans?.answered ?? 0,
          currentPosition: a?.currentPosition ?? null,
          extraSeconds: a?.extraSeconds ?? 0,
          deadline: iso(s.endsAt + (a?.extraSeconds ?? 0) * 1000),
          eventsCount: a ? (counts.events.get(a.id) ?? 0) : 0,
          latestEvents: (a ? (latest.get(a.id) ?? []) : []).map((e) => ({
            type: e.type,
            at: e.clientTime,
            serverTime: iso(e.serverTime),
            detail: e.detail ? (JSON.parse(e.detail) as unknown) : null,
          })),
        };
      }),
    };
  }

  async results(p: StaffPrincipal, id: string) {
    const s = await this.sessionFor(p, id, 'results');
    const [candidates, attempts] = await Promise.all([this.repo.candidatesOf(id), this.repo.attemptsOf(id)]);
    const records = new Map(
      (await this.repo.scoreRecords(attempts.map((a) => a.scoreRecordId).filter((x): x is string => !!x))).map((r) => [
        r.id,
        r,
      ]),
    );
    const byCandidate = new Map(attempts.map((a) => [a.candidateId, a]));
    const rows = candidates.map((c) => {
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

  // --- answer-retention log -------------------------------------------------------------------------------------------

  async attemptAnswerLog(attemptId: string) {
    const attempt = await this.repo.findAttempt(attemptId);
    if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    const log = await this.repo.answerLog(attemptId);
    return {
      attemptId,
      sessionId: attempt.sessionId,
      items: log.map((l) => ({
        seq: l.seq,
        position: l.position,
        answer: JSON.parse(l.answer) as unknown,
        clientTime: l.clientTime,
        serverTime: iso(l.serverTime),
        purgeAfter: iso(l.purgeAfter),
      })),
    };
  }

  async exportAnswerLog(
    p: StaffPrincipal,
    sessionId: string,
    format: 'jsonl' | 'xlsx',
  ): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    const s = await this.sessionFor(p, sessionId, 'results');
    const [candidates, attempts] = await Promise.all([
      this.repo.candidatesOf(sessionId),
      this.repo.attemptsOf(sessionId),
    ]);
    const tickets = new Map(candidates.map((c) => [c.id, c.ticketNo]));
    const ticketOf = new Map(attempts.map((a) => [a.id, tickets.get(a.candidateId) ?? '']));
    const log = await this.repo.answerLogOf(attempts.map((a) => a.id));
    const rows = log.map((l) => ({
      ticketNo: ticketOf.get(l.attemptId) ?? '',
      attemptId: l.attemptId,
      seq: l.seq,
      position: l.position,
      answer: l.answer,
      clientTime: l.clientTime,
      serverTime: iso(l.serverTime),
    }));
    const base = `answer-log-${s.id}`;
    if (format === 'jsonl') {
      return {
        body: Buffer.from(
          rows.map((r) => JSON.stringify({ ...r, answer: JSON.parse(r.answer) as unknown })).join('\n') +
            (rows.length ? '\n' : ''),
          'utf8',
        ),
        contentType: 'application/x-ndjson; charset=utf-8',
        fileName: `${base}.jsonl`,
      };
    }
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('answer-log');
    sheet.columns = [
      { header: '准考证号 ticketNo', key: 'ticketNo', width: 18 },
      { header: 'attemptId', key: 'attemptId', width: 38 },
      { header: 'seq', key: 'seq', width: 8 },
      { header: '题号 position', key: 'position', width: 10 },
      { header: '作答 answer', key: 'answer', width: 16 },
      { header: 'clientTime', key: 'clientTime', width: 26 },
      { header: 'serverTime', key: 'serverTime', width: 26 },
    ];
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of rows) sheet.addRow(r);
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return {
      body,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `${base}.xlsx`,
    };
  }

  async purgeNow(p: StaffPrincipal) {
    const run = await this.queue.enqueue(
      JobName.RetentionPurge,
      { reason: 'manual' },
      { key: `manual:${randomUUID()}`, createdBy: p.userId },
    );
    return { jobId: run.id, status: run.status };
  }

  // --- after the session ----------------------------------------------------------------------------------------------

  async itemStatistics(p: StaffPrincipal, sessionId: string) {
    const s = await this.sessionFor(p, sessionId, 'results');
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

  async extend(p: StaffPrincipal, attemptId: string, minutes: number, reason: string) {
    const pre = await this.repo.findAttempt(attemptId);
    if (!pre) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    const session = await this.sessionFor(p, pre.sessionId, 'proctor');
    const actor: Actor = actorOf(p);
    const { run, extraSeconds } = await this.db.transaction(async (tx) => {
      const a = await this.repo.lockAttempt(tx, attemptId);
      if (!a) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      if (a.status !== 'in_progress') throw conflict('ATTEMPT_SUBMITTED', 'This attempt has already been submitted');
      const extra = a.extraSeconds + minutes * 60;
      const now = Date.now();
      await this.repo.updateAttempt(tx, attemptId, { extraSeconds: extra });
      await this.repo.insertEvent(
        tx,
        Object.assign(new IntegrityEventEntity(), {
          id: randomUUID(),
          attemptId,
          type: 'time_extended',
          clientTime: null,
          serverTime: now,
          detail: JSON.stringify({ minutes, reason, by: p.username }),
        }),
      );
      await this.audit.append(tx, {
        actor,
        action: 'attempt.extend',
        entity: 'attempt',
        entityId: attemptId,
        data: { minutes, reason, extraSeconds: extra, sessionId: session.id },
      });
      // The attempt's own deadline job; the session's job will find the attempt has more time and leave it.
      const run = await this.exam.enqueueDeadline(attemptId, session.endsAt + extra * 1000, tx);
      return { run, extraSeconds: extra };
    });
    await this.exam.dispatchDeadline(run);
    return { attemptId, extraSeconds, deadline: iso(session.endsAt + extraSeconds * 1000) };
  }

  async correctScore(p: StaffPrincipal, attemptId: string, score: number, reason: string) {
    return this.scoring.correct(actorOf(p), attemptId, score, reason);
  }

  async scores(p: StaffPrincipal, attemptId: string) {
    const a = await this.repo.findAttempt(attemptId);
    if (!a) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    await this.sessionFor(p, a.sessionId, 'results');
    return this.scoring.history(attemptId);
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return String(o.result);
  }
  return String(v);
}
