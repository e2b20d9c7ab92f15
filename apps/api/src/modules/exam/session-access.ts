import { Injectable } from '@nestjs/common';
import { mayAccessSession, SessionAccess, sessionScope } from '@jianding/exam';
import { notFound } from '../../common/app.exception';
import type { StaffPrincipal } from '../auth/principal';
import { AttemptEntity, ExamSessionEntity } from './exam.entities';
import { ExamRepository } from './exam.repository';

/** Where the staff routes ask the access policy of `@jianding/exam` for a session or an attempt. */
@Injectable()
export class SessionAccessService {
  constructor(private readonly repo: ExamRepository) {}

  async session(p: StaffPrincipal, id: string, access: SessionAccess): Promise<ExamSessionEntity> {
    const s = await this.repo.findSession(id);
    // Someone else's session is reported as missing: its existence is not theirs to know.
    if (!s || !mayAccessSession(p, s, access))
      throw notFound('SESSION_NOT_FOUND', 'No exam session with this id is visible to you');
    return s;
  }

  /** An attempt is visible as its session is. */
  async attempt(
    p: StaffPrincipal,
    attemptId: string,
    access: SessionAccess,
  ): Promise<{ attempt: AttemptEntity; session: ExamSessionEntity }> {
    const attempt = await this.repo.findAttempt(attemptId);
    if (!attempt) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
    return { attempt, session: await this.session(p, attempt.sessionId, access) };
  }

  /** The institution whose sessions a list shows: undefined for all, null for none. */
  listScope(p: StaffPrincipal): string | undefined | null {
    const scope = sessionScope(p, 'read');
    return scope.kind === 'all' ? undefined : scope.kind === 'institution' ? scope.institutionId : null;
  }
}
