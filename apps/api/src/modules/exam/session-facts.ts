import { Injectable } from '@nestjs/common';
import type { SessionAccess } from '@jianding/exam';
import type { StaffPrincipal } from '../auth/principal';
import { ExamPaperCache, SessionInfo } from './exam-paper.cache';
import { ExamRepository } from './exam.repository';
import { ResultsService } from './results.service';
import { SessionAccessService } from './session-access';

/**
 * What other modules may read of an exam session: the practical module scores the same sessions and candidates, so
 * it asks here instead of reading this module's tables.
 */
@Injectable()
export class SessionFacts {
  constructor(
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly cache: ExamPaperCache,
    private readonly results: ResultsService,
  ) {}

  /** Throws `SESSION_NOT_FOUND` unless the session policy lets `p` see the session this way. */
  async assertVisible(p: StaffPrincipal, id: string, access: SessionAccess): Promise<void> {
    await this.access.session(p, id, access);
  }

  /** The session's fixed facts (institution, request, bank, policy); `SESSION_NOT_FOUND` when there is none. */
  info(id: string): Promise<SessionInfo> {
    return this.cache.session(id);
  }

  /** One candidate of the session's roster, or `null`. */
  async candidate(sessionId: string, ticketNo: string): Promise<{ id: string; ticketNo: string; name: string } | null> {
    const c = await this.repo.candidateByTicket(sessionId, ticketNo);
    return c ? { id: c.id, ticketNo: c.ticketNo, name: c.name } : null;
  }

  /** The roster in seat order, each candidate with the theory score in force. */
  roster(id: string) {
    return this.results.rows(id);
  }
}
