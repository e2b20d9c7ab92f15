import { Injectable } from '@nestjs/common';
import { mayAssignProctors, proctorAssignmentIssue } from '@jianding/exam';
import { badRequest, notFound } from '../../common/app.exception';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { UsersService } from '../users/users.service';
import type { UserView } from '../users/dto/user.dto';
import { SessionProctorEntity } from './exam.entities';
import { ExamRepository } from './exam.repository';
import { SessionAccessService } from './session-access';

export interface ProctorRef {
  userId: string;
  username: string;
  displayName: string;
  institutionId: string | null;
}

const ref = (u: UserView): ProctorRef => ({
  userId: u.id,
  username: u.username,
  displayName: u.displayName,
  institutionId: u.institutionId,
});

/** Who proctors a session: the owning institution or the centre assigns users; a proctor sees only their sessions. */
@Injectable()
export class SessionProctorsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /** The assigned proctors, and for those who may assign, the proctors they may choose from. */
  async get(p: StaffPrincipal, sessionId: string): Promise<{ assigned: ProctorRef[]; eligible: ProctorRef[] }> {
    const s = await this.access.session(p, sessionId, 'read');
    const ids = await this.repo.proctorIdsOf(sessionId);
    const byId = new Map((await this.users.views(ids)).map((u) => [u.id, u]));
    const assigned = ids.flatMap((id) => (byId.has(id) ? [ref(byId.get(id)!)] : []));
    const eligible = mayAssignProctors(p, s) ? (await this.users.proctorsFor(s.institutionId)).map(ref) : [];
    return { assigned, eligible };
  }

  async assign(p: StaffPrincipal, sessionId: string, userIds: string[]) {
    const s = await this.access.session(p, sessionId, 'read');
    if (!mayAssignProctors(p, s))
      throw notFound(
        'SESSION_NOT_FOUND',
        'Only the institution that owns the session or the centre assigns its proctors',
      );
    const wanted = [...new Set(userIds)];
    const users = new Map((await this.users.views(wanted)).map((u) => [u.id, u]));
    const issues = wanted.flatMap((id) => {
      const u = users.get(id);
      const issue = u ? proctorAssignmentIssue(u, s) : 'does not exist';
      return issue ? [{ userId: id, issue }] : [];
    });
    if (issues.length)
      throw badRequest(
        'PROCTOR_INVALID',
        `Cannot proctor this session: ${issues.map((i) => `${users.get(i.userId)?.username ?? i.userId} ${i.issue}`).join('; ')}`,
        { userIds: issues.map((i) => i.userId) },
      );
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await this.repo.replaceProctors(
        tx,
        sessionId,
        wanted.map((userId) =>
          Object.assign(new SessionProctorEntity(), { sessionId, userId, assignedBy: p.userId, assignedAt: now }),
        ),
      );
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'session.proctors',
        entity: 'exam_session',
        entityId: sessionId,
        data: { proctors: [...wanted].sort() },
      });
    });
    return this.get(p, sessionId);
  }
}
