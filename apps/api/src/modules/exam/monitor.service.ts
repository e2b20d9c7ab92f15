import { Injectable } from '@nestjs/common';
import { attemptDeadline, extendedSeconds, maskIdNumber } from '@jianding/exam';
import { randomUUID } from 'crypto';
import { conflict, notFound } from '../../common/app.exception';
import { iso } from '../../common/columns';
import { Db } from '../../database/db.service';
import { AuditService } from '../audit/audit.service';
import { actorOf, StaffPrincipal } from '../auth/principal';
import { ExamDeadlines } from './exam-deadlines.service';
import { IntegrityEventEntity } from './exam.entities';
import { ExamRepository } from './exam.repository';
import { SessionAccessService } from './session-access';

/** The proctor's side of a running session: who is signed in, saving, straying; and more time for one attempt. */
@Injectable()
export class MonitorService {
  constructor(
    private readonly db: Db,
    private readonly repo: ExamRepository,
    private readonly access: SessionAccessService,
    private readonly deadlines: ExamDeadlines,
    private readonly audit: AuditService,
  ) {}

  async monitor(p: StaffPrincipal, id: string) {
    const s = await this.access.session(p, id, 'proctor');
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
          deadline: iso(attemptDeadline({ endsAt: s.endsAt, extraSeconds: a?.extraSeconds ?? 0 })),
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

  async extend(p: StaffPrincipal, attemptId: string, minutes: number, reason: string) {
    const { session } = await this.access.attempt(p, attemptId, 'proctor');
    const { run, deadline, extraSeconds } = await this.db.transaction(async (tx) => {
      const a = await this.repo.lockAttempt(tx, attemptId);
      if (!a) throw notFound('ATTEMPT_NOT_FOUND', 'No attempt has this id');
      if (a.status !== 'in_progress') throw conflict('ATTEMPT_SUBMITTED', 'This attempt has already been submitted');
      const extra = extendedSeconds(a.extraSeconds, minutes);
      const deadline = attemptDeadline({ endsAt: session.endsAt, extraSeconds: extra });
      await this.repo.updateAttempt(tx, attemptId, { extraSeconds: extra });
      await this.repo.insertEvent(
        tx,
        Object.assign(new IntegrityEventEntity(), {
          id: randomUUID(),
          attemptId,
          type: 'time_extended',
          clientTime: null,
          serverTime: Date.now(),
          detail: JSON.stringify({ minutes, reason, by: p.username }),
        }),
      );
      await this.audit.append(tx, {
        actor: actorOf(p),
        action: 'attempt.extend',
        entity: 'attempt',
        entityId: attemptId,
        data: { minutes, reason, extraSeconds: extra, sessionId: session.id },
      });
      // The attempt's own deadline job; the session's job will find the attempt has more time and leave it.
      return {
        run: await this.deadlines.enqueueAttemptDeadline(attemptId, deadline, tx),
        deadline,
        extraSeconds: extra,
      };
    });
    await this.deadlines.dispatch(run);
    return { attemptId, extraSeconds, deadline: iso(deadline) };
  }
}
