import { Injectable } from '@nestjs/common';
import { maskIdNumber, RosterRow, sessionEnd } from '@jianding/exam';
import { randomUUID } from 'crypto';
import { badRequest, conflict, forbidden, notFound } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { BankCatalogue } from '../banks/bank-catalogue';
import { PapersService } from '../papers/papers.service';
import { ExamDeadlines } from './exam-deadlines.service';
import { ExamPaperCache } from './exam-paper.cache';
import { CandidateEntity, ExamSessionEntity } from './exam.entities';
import { ExamRepository } from './exam.repository';
import { RostersService } from './rosters.service';
import { SessionAccessService } from './session-access';

export interface CreateSessionInput {
  paperRequestId: string;
  name?: string;
  room?: string;
  startsAt: string;
  durationMinutes: number;
  candidates: RosterRow[];
  showResult?: boolean;
  sebConfigKey?: string;
}

/** Exam sessions as the staff schedule and read them: a session with its roster on a ready paper request. */
@Injectable()
export class ExamSessionsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly cache: ExamPaperCache,
    private readonly access: SessionAccessService,
    private readonly rosters: RostersService,
    private readonly deadlines: ExamDeadlines,
    private readonly papers: PapersService,
    private readonly banks: BankCatalogue,
    private readonly audit: AuditService,
  ) {}

  async create(p: StaffPrincipal, input: CreateSessionInput) {
    if (!p.institutionId) throw forbidden('INSTITUTION_REQUIRED', 'Only institution staff schedule exam sessions');
    const request = await this.papers.findRequest(input.paperRequestId);
    if (!request || request.institutionId !== p.institutionId)
      throw notFound('PAPER_REQUEST_NOT_FOUND', 'No paper request of your institution has this id');
    if (request.status !== 'ready')
      throw conflict('PAPER_REQUEST_NOT_READY', `The paper request is ${request.status}; a session needs a ready one`);
    const startsAt = Date.parse(input.startsAt);
    if (!Number.isFinite(startsAt)) throw badRequest('STARTS_AT_INVALID', 'startsAt must be an ISO date-time');
    this.rosters.assertValid(input.candidates, new Set(), (i) => ({ index: i }));
    const papers = await this.papers.theoryPapers(request.id);
    if (!papers.length) throw conflict('PAPER_REQUEST_NOT_READY', 'The paper request has no theory papers');
    this.rosters.assertFits(input.candidates.length, papers.length, request.perCandidate);
    const bank = await this.banks.findBankById(request.bankId);
    const policy = await this.cache.policy(request.policyId ?? bank?.policyId ?? null);
    const now = Date.now();
    const session = Object.assign(new ExamSessionEntity(), {
      id: randomUUID(),
      institutionId: p.institutionId,
      paperRequestId: request.id,
      name: input.name?.trim() || `${bank?.occupationName ?? ''} ${bank?.level ?? ''} ${input.startsAt}`.trim(),
      room: input.room?.trim() || null,
      startsAt,
      durationMinutes: input.durationMinutes,
      endsAt: sessionEnd(startsAt, input.durationMinutes),
      showResult: input.showResult ?? policy.showResultToCandidate,
      sebConfigKey: input.sebConfigKey ?? null,
      createdBy: p.userId,
      createdAt: now,
    });
    const candidates = this.rosters.entities(session.id, input.candidates, 0, now);
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
          room: session.room,
          startsAt: iso(startsAt),
          durationMinutes: input.durationMinutes,
          candidates: candidates.length,
          seb: !!session.sebConfigKey,
        },
      });
      return this.deadlines.enqueueSessionDeadline(session.id, session.endsAt, tx);
    });
    await this.deadlines.dispatch(deadlineRun);
    return this.view(session, candidates);
  }

  async get(p: StaffPrincipal, id: string) {
    const s = await this.access.session(p, id, 'read');
    return this.view(s, await this.repo.candidatesOf(id));
  }

  async list(p: StaffPrincipal, q: { page: number; pageSize: number; paperRequestId?: string }) {
    const scope = this.access.listScope(p);
    const [rows, total] =
      scope === null
        ? [[], 0]
        : await this.repo.listSessions({ ...scope, paperRequestId: q.paperRequestId }, q.page, q.pageSize);
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
      room: s.room,
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
}
