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
    // Only a proctor's access depends on the assignment: the others need not read it.
    const scope = sessionScope(p, access);
    const proctorIds =
      s && scope.kind === 'assigned' && (await this.repo.isProctorOf(s.id, p.userId)) ? [p.userId] : [];
    // Someone else's session is reported as missing: its existence is not theirs to know.
    if (!s || !mayAccessSession(p, { institutionId: s.institutionId, proctorIds }, access))
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

  /** What a session list shows: every session (`{}`), one institution's, one proctor's assignments, or none (null). */
  listScope(p: StaffPrincipal): { institutionId?: string; proctorId?: string } | null {
    const scope = sessionScope(p, 'read');
    switch (scope.kind) {
      case 'all':
        return {};
      case 'institution':
        return { institutionId: scope.institutionId };
      case 'assigned':
        return { proctorId: scope.userId };
      case 'none':
        return null;
    }
  }
}
